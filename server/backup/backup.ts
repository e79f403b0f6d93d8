import { access } from 'node:fs/promises';
import Database from 'better-sqlite3';
import type { SyncStoreConfig } from '../store/index';
import { finishBackupFile, removeDatabaseFiles } from './backup-file';
import { BackupError } from './errors';
import { exportPostgres } from './postgres-copy';

/**
 * `npm run server -- backup <file>`: a consistent copy of the store while the server keeps
 * serving. SQLite: SQLite's online backup (it restarts by itself when a write comes in between, so
 * the copy is of one moment). PostgreSQL: every table from one REPEATABLE READ snapshot. Written
 * next to `file` first and renamed onto it once checked, so `file` is never half a backup.
 */
export async function backupStore(config: SyncStoreConfig, file: string): Promise<void> {
  const partial = `${file}.partial`;
  await removeDatabaseFiles(partial);
  try {
    if (config.kind === 'sqlite') await backupSqlite(config.file, partial);
    else await exportPostgres(config, partial);
    await finishBackupFile(partial, file);
  } catch (error) {
    await removeDatabaseFiles(partial);
    throw error;
  }
}

async function backupSqlite(storeFile: string, partial: string): Promise<void> {
  try {
    await access(storeFile);
  } catch {
    throw new BackupError(`There is no sync database at ${storeFile} (is DATA_DIR right?)`);
  }
  const source = new Database(storeFile, { fileMustExist: true });
  try {
    // A push holding the write lock makes the backup wait, not fail.
    source.pragma('busy_timeout = 5000');
    await source.backup(partial);
  } finally {
    source.close();
  }
}
