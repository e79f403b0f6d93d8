import { access, mkdir, rename } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { openSyncStore, type SyncStoreConfig } from '../store/index';
import { backupStore } from './backup';
import { fileStamp, prepareRestoredCopy, removeDatabaseFiles } from './backup-file';
import { importPostgres } from './postgres-copy';
import { claimStore } from './store-lock';

export interface RestoreResult {
  /** Where the data that was replaced is kept (undefined: there was none). */
  replacedKeptAt?: string;
  /** The new server epoch. */
  epoch: string;
}

/**
 * `npm run server -- restore <file>`: puts a backup's data in place of the store's, with a new
 * server epoch so that clients send again what the backup lacks (shared/sync/epoch-recovery.ts).
 * Refused while a server uses the store. The backup is checked on a copy before anything is
 * touched; the data it replaces is kept aside, never deleted (SQLite: the old file renamed;
 * PostgreSQL: a backup of it written first, next to `file`).
 */
export async function restoreStore(
  config: SyncStoreConfig,
  file: string,
  now = new Date(),
): Promise<RestoreResult> {
  // Restoring onto a new machine: the data folder may not exist yet.
  if (config.kind === 'sqlite') await mkdir(dirname(config.file), { recursive: true });
  const release = await claimStore(config, 'restore');
  try {
    return config.kind === 'sqlite'
      ? await restoreSqlite(config.file, file, now)
      : await restorePostgres(config, file, now);
  } finally {
    await release();
  }
}

async function exists(file: string): Promise<boolean> {
  return access(file).then(
    () => true,
    () => false,
  );
}

async function restoreSqlite(storeFile: string, file: string, now: Date): Promise<RestoreResult> {
  // Next to the store, so that putting it in place is one rename.
  const copy = `${storeFile}.restoring`;
  await removeDatabaseFiles(copy);
  const epoch = await prepareRestoredCopy(file, copy);
  let replacedKeptAt: string | undefined;
  if (await exists(storeFile)) {
    replacedKeptAt = `${storeFile}.replaced-${fileStamp(now)}`;
    // A server that died leaves committed writes in the -wal file: they go aside with the file.
    for (const suffix of ['-wal', '-shm']) {
      if (await exists(storeFile + suffix)) {
        await rename(storeFile + suffix, replacedKeptAt + suffix);
      }
    }
    await rename(storeFile, replacedKeptAt);
  }
  await rename(copy, storeFile);
  return { epoch, ...(replacedKeptAt !== undefined && { replacedKeptAt }) };
}

async function restorePostgres(
  config: Extract<SyncStoreConfig, { kind: 'postgres' }>,
  file: string,
  now: Date,
): Promise<RestoreResult> {
  const copy = join(dirname(file), `.ltc-restoring-${fileStamp(now)}.sqlite`);
  await removeDatabaseFiles(copy);
  try {
    const epoch = await prepareRestoredCopy(file, copy);
    // A database no server has started on yet gets its tables first (and one that an older
    // version made, the ones it lacks), as the server itself would.
    await (await openSyncStore(config)).close();
    const replacedKeptAt = join(dirname(file), `ltc-sync-replaced-${fileStamp(now)}.sqlite`);
    await backupStore(config, replacedKeptAt);
    await importPostgres(config, copy);
    return { epoch, replacedKeptAt };
  } finally {
    await removeDatabaseFiles(copy);
  }
}
