import { Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import { KyselySyncStore } from './kysely-store';
import { runMigrations } from './migrations';
import { ChangeFanout, noticePayload } from './notifications';
import { PgChangeListener } from './pg-listener';
import type { SyncDatabase } from './tables';
import type { SyncStore } from './types';

export interface PostgresStoreOptions {
  databaseUrl: string;
  /**
   * Schema holding the tables (default: the connection's search_path, normally public). Also
   * names the notification channel, so deployments (or test runs) in different schemas of one
   * database do not hear each other's changes.
   */
  schema?: string;
}

/** Serialises migrate() of instances starting at once (database-wide, hence any schema). */
const MIGRATION_LOCK_KEY = 0x4c54_4353; // "LTCS"
const CHANNEL = 'ltc_sync_changes';

/** pg returns int8 (bigint columns, count(*)) as strings; our values are seqs and epoch ms. */
function parseInt8(value: string): number {
  const n = Number(value);
  if (!Number.isSafeInteger(n))
    throw new Error(`int8 value ${value} is beyond JS number precision`);
  return n;
}

const types: pg.CustomTypesConfig = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === pg.types.builtins.INT8 && format !== 'binary'
      ? parseInt8
      : pg.types.getTypeParser(oid, format)) as pg.CustomTypesConfig['getTypeParser'],
};

function isUsernameTaken(error: unknown): boolean {
  const e = error as { code?: unknown; constraint?: unknown } | null;
  // users_username_unique: the constraint of servers not yet migrated to 0005_firm_codes.
  return (
    e?.code === '23505' &&
    (e.constraint === 'users_org_username_unique' || e.constraint === 'users_username_unique')
  );
}

/** How the store connects: int8 as numbers, the schema (if any) as the search_path. */
export function postgresConnection(options: PostgresStoreOptions): pg.ClientConfig {
  const { databaseUrl, schema } = options;
  // The schema goes into a startup option and a channel name, so it must be a plain identifier.
  if (schema !== undefined && !/^[a-z_][a-z0-9_]{0,39}$/.test(schema)) {
    throw new Error(`schema "${schema}" must be a lower-case identifier of at most 40 characters`);
  }
  return {
    connectionString: databaseUrl,
    types,
    ...(schema !== undefined && { options: `-c search_path=${schema}` }),
  };
}

/**
 * A pooled connection that dies (the database restarted, an admin ended the backend) emits
 * 'error': while idle on the pool, and while checked out on the client itself, after its query
 * has already failed. Unhandled, either would end the server process; the request that used it
 * has its error, and the pool replaces the connection.
 */
function survivingDeadConnections(pool: pg.Pool): pg.Pool {
  const log = (error: Error) => console.error('sync store: a PostgreSQL connection failed', error);
  pool.on('error', log);
  pool.on('connect', (client) => client.on('error', log));
  return pool;
}

/** For several server instances on one database: seq claims order pushes, NOTIFY fans out. */
export async function openPostgresStore(options: PostgresStoreOptions): Promise<SyncStore> {
  const { schema } = options;
  const connection = postgresConnection(options);
  const channel = schema === undefined ? CHANNEL : `${CHANNEL}_${schema}`;
  const pool = survivingDeadConnections(new pg.Pool(connection));
  const db = new Kysely<SyncDatabase>({ dialect: new PostgresDialect({ pool }) });
  // Seq claims have a small pool of their own (push-claim.ts says why).
  const claimPool = survivingDeadConnections(
    new pg.Pool({ ...connection, max: 4, application_name: 'ltc-sync-claims' }),
  );
  const claimDb = new Kysely<SyncDatabase>({ dialect: new PostgresDialect({ pool: claimPool }) });
  const fanout = new ChangeFanout();
  const listener = new PgChangeListener(
    { ...connection, application_name: 'ltc-sync-listener' },
    channel,
    (notice) => fanout.emit(notice),
  );

  const store = new KyselySyncStore({
    kind: 'postgres',
    db,
    claimDb,
    fanout,
    // Kysely's Migrator locks only around running migrations, not around creating its own
    // bookkeeping tables; one session-level advisory lock on one connection covers it all.
    migrate: () =>
      db.connection().execute(async (conn) => {
        await sql`select pg_advisory_lock(${sql.lit(MIGRATION_LOCK_KEY)})`.execute(conn);
        try {
          // The search_path's schema (the option above, or normally public), named explicitly.
          const current = await sql<{ name: string }>`select current_schema() as name`.execute(
            conn,
          );
          await runMigrations(conn, schema ?? current.rows[0]?.name);
        } finally {
          await sql`select pg_advisory_unlock(${sql.lit(MIGRATION_LOCK_KEY)})`.execute(conn);
        }
      }),
    isUsernameTaken,
    // Queued in the transaction: PostgreSQL delivers it on commit and drops it on rollback.
    // One statement for all of a push's notices.
    notifyInTransaction: async (trx, notices) => {
      if (notices.length === 0) return;
      const calls = notices.map((notice) => sql`pg_notify(${channel}, ${noticePayload(notice)})`);
      await sql`select ${sql.join(calls)}`.execute(trx);
    },
    // Our own NOTIFY comes back through LISTEN like everyone else's.
    notifyAfterCommit: () => undefined,
    close: async () => {
      await listener.close();
      await claimDb.destroy();
      await db.destroy();
    },
  });
  try {
    await store.migrate();
    await listener.start();
  } catch (error) {
    await store.close();
    throw error;
  }
  return store;
}
