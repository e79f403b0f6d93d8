import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import Database from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect } from 'kysely';
import pg from 'pg';
import { openSyncStore, type SyncStoreConfig } from './index';
import { runMigrations } from './migrations';
import type { SyncDatabase } from './tables';
import { TEST_DATABASE_URL } from './test-support';
import { UsernameTakenError } from './types';

interface OldDatabase {
  db: Kysely<SyncDatabase>;
  config: SyncStoreConfig;
  schema?: string;
  drop(): Promise<void>;
}

/** A database as a server before 0005_firm_codes left it. */
async function databaseBefore0005(kind: 'sqlite' | 'postgres'): Promise<OldDatabase> {
  if (kind === 'sqlite') {
    const dir = await mkdtemp(join(tmpdir(), 'ltc-0005-'));
    const file = join(dir, 'ltc-sync.sqlite');
    const database = new Database(file);
    database.pragma('foreign_keys = ON');
    return {
      db: new Kysely<SyncDatabase>({ dialect: new SqliteDialect({ database }) }),
      config: { kind, file },
      drop: () => rm(dir, { recursive: true, force: true }),
    };
  }
  const schema = `ltc_test_${randomBytes(8).toString('hex')}`;
  const admin = new pg.Client({ connectionString: TEST_DATABASE_URL });
  await admin.connect();
  await admin.query(`CREATE SCHEMA ${schema}`);
  await admin.end();
  const pool = new pg.Pool({
    connectionString: TEST_DATABASE_URL,
    options: `-c search_path=${schema}`,
  });
  return {
    db: new Kysely<SyncDatabase>({ dialect: new PostgresDialect({ pool }) }),
    config: { kind, databaseUrl: TEST_DATABASE_URL, schema },
    schema,
    drop: async () => {
      const client = new pg.Client({ connectionString: TEST_DATABASE_URL });
      await client.connect();
      await client.query(`DROP SCHEMA ${schema} CASCADE`);
      await client.end();
    },
  };
}

const userRow = (id: string, orgId: string, username: string) => ({
  id,
  org_id: orgId,
  username,
  name: username,
  role: 'rep',
  password_hash: 'scrypt$x',
  disabled: 0,
  created_at: 1,
  manager_id: null,
  view_epoch: 3,
});

describe.each(['sqlite', 'postgres'] as const)('migration 0005_firm_codes on %s', (kind) => {
  it('gives existing firms codes and makes usernames unique per firm, keeping users and tokens', async () => {
    const old = await databaseBefore0005(kind);
    try {
      await runMigrations(old.db, old.schema, '0004_login_attempts');
      await old.db
        .insertInto('organisations')
        .values([
          { id: 'org-a', name: 'A', created_at: 1 },
          { id: 'org-b', name: 'B', created_at: 1 },
        ])
        .execute();
      await old.db
        .insertInto('users')
        .values([userRow('u-sam', 'org-a', 'sam'), userRow('u-kim', 'org-b', 'kim')])
        .execute();
      await old.db
        .insertInto('tokens')
        .values({
          token_hash: 'h1',
          user_id: 'u-sam',
          org_id: 'org-a',
          created_at: 1,
          expires_at: 9,
          revoked_at: null,
        })
        .execute();
      await old.db.destroy();

      const store = await openSyncStore(old.config);
      try {
        const [a, b] = await Promise.all([
          store.getOrganisation('org-a'),
          store.getOrganisation('org-b'),
        ]);
        expect(a?.code).toMatch(/^[A-HJKMNP-Z2-9]{6}$/);
        expect(b?.code).toMatch(/^[A-HJKMNP-Z2-9]{6}$/);
        expect(a?.code).not.toBe(b?.code);
        expect(await store.findUserByUsername('org-a', 'sam')).toMatchObject({
          id: 'u-sam',
          viewEpoch: 3,
        });
        expect((await store.findToken('h1'))?.userId).toBe('u-sam');

        await store.createUser({
          id: 'u-sam-b',
          orgId: 'org-b',
          username: 'sam',
          name: 'Sam B',
          role: 'rep',
          passwordHash: 'scrypt$y',
          disabled: false,
          createdAt: 2,
        });
        expect((await store.findUserByUsername('org-b', 'sam'))?.id).toBe('u-sam-b');
        const again = await store
          .createUser({
            id: 'u-sam-2',
            orgId: 'org-a',
            username: 'sam',
            name: 'Sam again',
            role: 'rep',
            passwordHash: 'scrypt$z',
            disabled: false,
            createdAt: 2,
          })
          .catch((error: unknown) => error);
        expect(again).toBeInstanceOf(UsernameTakenError);
        // Migrating again changes nothing.
        await store.migrate();
        expect((await store.getOrganisation('org-a'))?.code).toBe(a?.code);
      } finally {
        await store.close();
      }
    } finally {
      await old.drop();
    }
  });
});
