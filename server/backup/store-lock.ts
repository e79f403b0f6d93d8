import { readFile, unlink, writeFile } from 'node:fs/promises';
import pg from 'pg';
import { postgresConnection } from '../store/postgres';
import type { SyncStoreConfig } from '../store/index';
import { BackupError } from './errors';

/**
 * Who is using a store: a running server, or a restore replacing its data. A restore must never
 * run under a server (the server would keep serving, and writing to, the data being replaced), and
 * a server must not start in the middle of a restore.
 *
 * SQLite: a pid file next to the database, naming the process; a file left by a process that died
 * is ignored. PostgreSQL: an advisory lock, shared by every server process (several may serve one
 * database) and taken exclusively by a restore; PostgreSQL releases it when the holder's
 * connection ends, however the process ended. Its key names the schema, so deployments in
 * different schemas of one database do not block each other.
 */
export type StorePurpose = 'serve' | 'restore';

/** Releases the claim. */
export type StoreClaim = () => Promise<void>;

/** Advisory lock class "LTDR" (two-key form: its own key space, apart from the migration lock). */
const LOCK_CLASS = 0x4c54_4452;

export async function claimStore(
  config: SyncStoreConfig,
  purpose: StorePurpose,
): Promise<StoreClaim> {
  return config.kind === 'sqlite'
    ? claimSqlite(config.file, purpose)
    : claimPostgres(config, purpose);
}

export function pidFileOf(databaseFile: string): string {
  return `${databaseFile}.pid`;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

async function claimSqlite(file: string, purpose: StorePurpose): Promise<StoreClaim> {
  const pidFile = pidFileOf(file);
  const holder = Number.parseInt(await readFile(pidFile, 'utf8').catch(() => ''), 10);
  if (Number.isInteger(holder) && holder !== process.pid && isAlive(holder)) {
    throw new BackupError(
      purpose === 'restore'
        ? `The sync server (process ${holder}) is using ${file}: stop it first, then restore.`
        : `Another sync server or a restore (process ${holder}) is using ${file}.`,
    );
  }
  const mine = String(process.pid);
  await writeFile(pidFile, mine);
  return async () => {
    // Only our own claim: another process may have taken over a file we thought stale.
    const current = await readFile(pidFile, 'utf8').catch(() => '');
    if (current === mine) await unlink(pidFile).catch(() => undefined);
  };
}

async function claimPostgres(
  config: Extract<SyncStoreConfig, { kind: 'postgres' }>,
  purpose: StorePurpose,
): Promise<StoreClaim> {
  const client = new pg.Client({
    ...postgresConnection(config),
    application_name: purpose === 'serve' ? 'ltc-sync-server-lock' : 'ltc-sync-restore',
  });
  // A dropped connection loses the lock; the server keeps running (its pool reconnects).
  client.on('error', (error) => console.error('store lock: PostgreSQL connection failed', error));
  await client.connect();
  const take =
    purpose === 'serve'
      ? 'select pg_try_advisory_lock_shared($1, hashtext(current_schema())) as ok'
      : 'select pg_try_advisory_lock($1, hashtext(current_schema())) as ok';
  const result = await client.query<{ ok: boolean }>(take, [LOCK_CLASS]);
  if (result.rows[0]?.ok !== true) {
    await client.end();
    throw new BackupError(
      purpose === 'restore'
        ? 'A sync server is using this PostgreSQL database: stop every server process first, then restore.'
        : 'A restore is running on this PostgreSQL database: start the server when it has finished.',
    );
  }
  return () => client.end();
}
