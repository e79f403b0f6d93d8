import { copyFile, rename, rm } from 'node:fs/promises';
import Database from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import { renewEpoch } from '../store/epoch';
import { KNOWN_MIGRATIONS, MIGRATION_TABLE } from '../store/migrations';
import { openSqliteStore } from '../store/sqlite';
import type { SyncDatabase } from '../store/tables';
import { BackupError } from './errors';

/**
 * The backup format, one for both databases: an SQLite database with the sync server's tables
 * and its migration table, in rollback-journal mode (one self-contained file). A SQLite store's
 * backup is its database as SQLite's online backup copied it; a PostgreSQL store's is the same
 * tables filled from PostgreSQL (postgres-copy.ts). Either restores on either.
 */
const REQUIRED_TABLES = ['organisations', 'users', 'documents', MIGRATION_TABLE];

/** Makes a freshly written backup self-contained and checks it, then puts it at `file`. */
export async function finishBackupFile(partial: string, file: string): Promise<void> {
  const db = new Database(partial, { fileMustExist: true });
  try {
    // The copy keeps the store's WAL mode; a backup must be one file that can be moved alone.
    db.pragma('journal_mode = DELETE');
  } finally {
    db.close();
  }
  checkBackupFile(partial, file);
  await rename(partial, file);
}

/**
 * Throws a BackupError naming what is wrong when `path` is not a whole backup this version can
 * restore: not an SQLite database, damaged or truncated, not the sync server's, or from a newer
 * version. Opens `path` read-write (SQLite may roll back a journal): call it on a copy.
 */
function checkBackupFile(path: string, shownAs: string): void {
  let db: Database.Database;
  try {
    db = new Database(path, { fileMustExist: true });
  } catch (error) {
    throw new BackupError(`${shownAs} cannot be opened: ${(error as Error).message}`);
  }
  try {
    let check: unknown;
    try {
      check = db.pragma('quick_check', { simple: true });
    } catch (error) {
      throw new BackupError(describeSqliteFailure(shownAs, error));
    }
    if (check !== 'ok') {
      throw new BackupError(
        `${shownAs} is damaged or truncated (SQLite's check: ${String(check)})`,
      );
    }
    const tables = new Set(
      (
        db.prepare(`select name from sqlite_master where type = 'table'`).all() as {
          name: string;
        }[]
      ).map((row) => row.name),
    );
    const missing = REQUIRED_TABLES.filter((table) => !tables.has(table));
    if (missing.length > 0) {
      throw new BackupError(
        `${shownAs} is not a backup of the LTC Desk sync server (no ${missing.join(', ')} table)`,
      );
    }
    const applied = (
      db.prepare(`select name from "${MIGRATION_TABLE}" order by name`).all() as { name: string }[]
    ).map((row) => row.name);
    const unknown = applied.filter((name) => !KNOWN_MIGRATIONS.includes(name));
    if (unknown.length > 0) {
      throw new BackupError(
        `${shownAs} is from a newer version of the sync server (schema ${unknown.join(', ')}); update this server first`,
      );
    }
  } finally {
    db.close();
  }
}

function describeSqliteFailure(shownAs: string, error: unknown): string {
  const code = (error as { code?: unknown }).code;
  if (code === 'SQLITE_NOTADB') return `${shownAs} is not a backup (not an SQLite database)`;
  if (code === 'SQLITE_CORRUPT') return `${shownAs} is damaged or truncated`;
  return `${shownAs} cannot be read: ${(error as Error).message}`;
}

/**
 * Copies the backup to `copy`, checks the copy, brings it up to this version's schema and gives it
 * a new server epoch: what a restore puts in place. The backup itself is only read. On failure
 * the copy is removed and the error says why.
 */
export async function prepareRestoredCopy(backup: string, copy: string): Promise<string> {
  try {
    try {
      await copyFile(backup, copy);
    } catch (error) {
      throw new BackupError(`${backup} cannot be read: ${(error as Error).message}`);
    }
    checkBackupFile(copy, backup);
    // An older backup gets the migrations it lacks, as the server would on start.
    await (await openSqliteStore(copy)).close();
    const database = new Database(copy, { fileMustExist: true });
    const db = new Kysely<SyncDatabase>({ dialect: new SqliteDialect({ database }) });
    try {
      return await renewEpoch(db);
    } finally {
      await db.destroy();
    }
  } catch (error) {
    await removeDatabaseFiles(copy);
    throw error;
  }
}

/** A database file with its journal files. */
export async function removeDatabaseFiles(file: string): Promise<void> {
  await Promise.all(
    ['', '-wal', '-shm', '-journal'].map((suffix) => rm(file + suffix, { force: true })),
  );
}

/** Names in a file name: 2026-12-07T14-05-09Z. */
export function fileStamp(now: Date): string {
  return now
    .toISOString()
    .replace(/\.\d+Z$/, 'Z')
    .replace(/:/g, '-');
}
