import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { newId } from '../shared/domain/ids';
import type { CurrentUser } from '../shared/core';

/**
 * Until sign-in to a sync server exists, the person at the desktop is the OS account. Their id is
 * made once and kept in userData/local-user.json, so the owner of every record they create stays
 * the same across restarts (and a UUIDv7 never collides with another desktop's user).
 */
export const LOCAL_USER_FILE = 'local-user.json';

function isStoredUser(value: unknown): value is { id: string; osUsername: string; name: string } {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return (
    typeof v.id === 'string' &&
    v.id.length > 0 &&
    v.id.length <= 64 &&
    typeof v.osUsername === 'string' &&
    typeof v.name === 'string' &&
    v.name.length > 0
  );
}

export async function loadLocalUser(userDataDir: string, osUsername: string): Promise<CurrentUser> {
  const file = path.join(userDataDir, LOCAL_USER_FILE);
  try {
    const stored: unknown = JSON.parse(await readFile(file, 'utf8'));
    // Another OS account on a shared userData folder is another person.
    if (isStoredUser(stored) && stored.osUsername === osUsername)
      return { id: stored.id, name: stored.name };
  } catch {
    // Missing or unreadable: make a new identity below.
  }
  const user = { id: newId(), osUsername, name: osUsername || 'LTC Desk' };
  await mkdir(userDataDir, { recursive: true });
  // Written beside and renamed, so a crash mid-write never leaves a half file (and a new id).
  const temporary = `${file}.${process.pid}.tmp`;
  await writeFile(temporary, `${JSON.stringify(user, null, 2)}\n`, 'utf8');
  await rename(temporary, file);
  return { id: user.id, name: user.name };
}
