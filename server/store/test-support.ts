import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { openSyncStore, type SyncStoreConfig } from './index';
import type { SyncStore } from './types';

/**
 * Real stores for tests: a SQLite file in a fresh temp folder, and PostgreSQL at 127.0.0.1 in a
 * fresh schema of its own (dropped again by cleanup), so test runs never see each other's rows.
 */
export const TEST_DATABASE_URL =
  process.env.LTC_TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

export type TestStoreKind = SyncStore['kind'];

export interface TestStore {
  store: SyncStore;
  /** Opens the same data again, as a second server instance would. */
  config: SyncStoreConfig;
  /** Another store on the same data (closed by cleanup too). */
  openAnother(): Promise<SyncStore>;
  /** Closes every store opened here and deletes the data. */
  cleanup(): Promise<void>;
  /**
   * Gathers the query planner's statistics, as PostgreSQL's autovacuum does on a server in use
   * (a benchmark fills its tables in seconds, before autovacuum's first round; without
   * statistics PostgreSQL may read a firm's whole collection to find a few documents by id).
   * SQLite keeps none unless asked, so there it does nothing.
   */
  analyze(): Promise<void>;
}

async function withAdminClient<T>(run: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: TEST_DATABASE_URL });
  await client.connect();
  try {
    return await run(client);
  } finally {
    await client.end();
  }
}

interface Prepared {
  config: SyncStoreConfig;
  drop: () => Promise<void>;
  analyze: () => Promise<void>;
}

async function prepare(kind: TestStoreKind): Promise<Prepared> {
  if (kind === 'sqlite') {
    const dir = await mkdtemp(join(tmpdir(), 'ltc-sync-store-'));
    return {
      config: { kind, file: join(dir, 'ltc-sync.sqlite') },
      drop: () => rm(dir, { recursive: true, force: true }),
      analyze: () => Promise.resolve(),
    };
  }
  const schema = `ltc_test_${randomBytes(8).toString('hex')}`;
  await withAdminClient((client) => client.query(`CREATE SCHEMA ${schema}`));
  return {
    config: { kind, databaseUrl: TEST_DATABASE_URL, schema },
    drop: () => withAdminClient((client) => client.query(`DROP SCHEMA ${schema} CASCADE`)).then(),
    analyze: () =>
      withAdminClient((client) =>
        client.query(`ANALYZE ${schema}.documents, ${schema}.doc_refs, ${schema}.users`),
      ).then(),
  };
}

export async function openTestStore(kind: TestStoreKind): Promise<TestStore> {
  const { config, drop, analyze } = await prepare(kind);
  const opened: SyncStore[] = [];
  const open = async (): Promise<SyncStore> => {
    const store = await openSyncStore(config);
    opened.push(store);
    return store;
  };
  let store: SyncStore;
  try {
    store = await open();
  } catch (error) {
    await drop();
    throw error;
  }
  return {
    store,
    config,
    openAnother: open,
    analyze,
    cleanup: async () => {
      await Promise.all(opened.map((s) => s.close()));
      await drop();
    },
  };
}

/** One fresh store per backend: SQLite first, then PostgreSQL. */
export async function openTestStores(): Promise<TestStore[]> {
  return [await openTestStore('sqlite'), await openTestStore('postgres')];
}
