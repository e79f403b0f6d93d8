import Database from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import { KyselySyncStore } from './kysely-store';
import { runMigrations } from './migrations';
import { ChangeFanout } from './notifications';
import type { SyncDatabase } from './tables';
import type { SyncStore } from './types';

function isUsernameTaken(error: unknown): boolean {
  // better-sqlite3's SqliteError: code SQLITE_CONSTRAINT_UNIQUE, message names table.column.
  const e = error as { code?: unknown; message?: unknown } | null;
  return (
    e?.code === 'SQLITE_CONSTRAINT_UNIQUE' &&
    typeof e.message === 'string' &&
    e.message.includes('users.username')
  );
}

/**
 * The embedded default: one SQLite file, one server instance. Kysely's SQLite driver runs one
 * statement or transaction at a time on the single connection, so pushes are serialised in
 * process as well as by SQLite's write lock.
 */
export async function openSqliteStore(file: string): Promise<SyncStore> {
  const database = new Database(file);
  try {
    database.pragma('journal_mode = WAL');
    // FULL, not NORMAL: in WAL mode NORMAL can lose the last commits on power loss. Here that
    // would be worse than losing data: a client told "pushed" would keep its checkpoint past seqs
    // that the server then hands out again to other writes, and that client would skip those
    // writes for ever. One fsync per push is cheap next to a network round trip.
    database.pragma('synchronous = FULL');
    // Waits instead of failing at once if another process (a backup, the sqlite3 shell) holds a lock.
    database.pragma('busy_timeout = 5000');
    database.pragma('foreign_keys = ON');
  } catch (error) {
    database.close();
    throw error;
  }
  const db = new Kysely<SyncDatabase>({ dialect: new SqliteDialect({ database }) });
  const fanout = new ChangeFanout();
  const store = new KyselySyncStore({
    kind: 'sqlite',
    db,
    fanout,
    migrate: () => runMigrations(db),
    isUsernameTaken,
    notifyInTransaction: () => Promise.resolve(),
    // Only this process writes the file, so its own listeners are everyone to tell.
    notifyAfterCommit: (notice) => fanout.emit(notice),
    close: () => db.destroy(),
  });
  try {
    await store.migrate();
  } catch (error) {
    await store.close();
    throw error;
  }
  return store;
}
