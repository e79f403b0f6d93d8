import { access, rename } from 'node:fs/promises';

/**
 * A SQLite database is the main file plus, while it is open or after a crash, its write-ahead log
 * and shared-memory index (and a rollback journal in other journal modes). They belong together:
 * a main file without its -wal is missing the last commits.
 */
export const SQLITE_COMPANION_SUFFIXES = ['', '-wal', '-shm', '-journal'] as const;

async function exists(file: string): Promise<boolean> {
  try {
    await access(file);
    return true;
  } catch {
    return false;
  }
}

/** `2026-01-05T09:00:00.000Z` → `20260105T090000000Z`: sortable, and legal in every file system. */
function fileStamp(at: Date): string {
  return at.toISOString().replace(/[-:.]/g, '');
}

/**
 * Renames an unreadable database file, with its companions, to
 * `<name>.unreadable-<timestamp>[-n].sqlite` in the same folder, and returns the new path of the
 * main file. Never overwrites anything: a name already taken (by the file or any companion) gets
 * the next number. Same folder, so it is a rename on one file system, never a copy.
 */
export async function moveDatabaseAside(filePath: string, at: Date = new Date()): Promise<string> {
  const base = filePath.endsWith('.sqlite') ? filePath.slice(0, -'.sqlite'.length) : filePath;
  const stamp = fileStamp(at);
  let target = '';
  for (let n = 1; ; n++) {
    target = `${base}.unreadable-${stamp}${n === 1 ? '' : `-${n}`}.sqlite`;
    const taken = await Promise.all(SQLITE_COMPANION_SUFFIXES.map((s) => exists(target + s)));
    if (!taken.includes(true)) break;
  }
  // Companions first, the main file last: if a rename fails half-way, the main file is still in
  // place and the next start tries again, instead of a fresh database meeting a stale -wal.
  for (const suffix of [...SQLITE_COMPANION_SUFFIXES].reverse()) {
    if (await exists(filePath + suffix)) await rename(filePath + suffix, target + suffix);
  }
  return target;
}
