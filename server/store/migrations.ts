import {
  Migrator,
  SqliteAdapter,
  sql,
  type CreateTableBuilder,
  type Kysely,
  type Migration,
} from 'kysely';
import { newFirmCode } from '../auth/firm-code';
import { referenceRows, scopeColumns } from './references';
import { ensureEpoch } from './epoch';
import type { SyncDatabase } from './tables';

/**
 * The schema, as Kysely migrations kept in code (no migration folder to ship next to the server).
 * The same DDL serves both databases: SQLite maps bigint/boolean/text to its own affinities.
 * Migrations are append-only: a released one is never edited, a change is a new entry. Every
 * statement is IF NOT EXISTS because SQLite's DDL does not run in the migrator's transaction
 * (Kysely's SQLite adapter has no transactional DDL): a start that died halfway re-runs cleanly.
 */
const MIGRATIONS: Record<string, Migration> = {
  '0001_initial': {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('organisations')
        .ifNotExists()
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .addColumn('last_seq', 'bigint', (c) => c.notNull().defaultTo(0))
        .execute();

      await db.schema
        .createTable('users')
        .ifNotExists()
        .$call(withUserColumns)
        // Named so a violation can be told apart from any other (see isUsernameTaken).
        .addUniqueConstraint('users_username_unique', ['username'])
        .execute();
      await db.schema
        .createIndex('users_org')
        .ifNotExists()
        .on('users')
        .columns(['org_id'])
        .execute();

      await db.schema
        .createTable('tokens')
        .ifNotExists()
        .addColumn('token_hash', 'text', (c) => c.primaryKey())
        .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
        .addColumn('org_id', 'text', (c) => c.notNull())
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .addColumn('expires_at', 'bigint', (c) => c.notNull())
        .addColumn('revoked_at', 'bigint')
        .execute();
      await db.schema
        .createIndex('tokens_user')
        .ifNotExists()
        .on('tokens')
        .columns(['org_id', 'user_id'])
        .execute();

      await db.schema
        .createTable('login_failures')
        .ifNotExists()
        .addColumn('key', 'text', (c) => c.notNull())
        .addColumn('at', 'bigint', (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('login_failures_key_at')
        .ifNotExists()
        .on('login_failures')
        .columns(['key', 'at'])
        .execute();
      // For pruning old failures of every key (recordLoginFailure).
      await db.schema
        .createIndex('login_failures_at')
        .ifNotExists()
        .on('login_failures')
        .columns(['at'])
        .execute();

      await db.schema
        .createTable('documents')
        .ifNotExists()
        .addColumn('org_id', 'text', (c) => c.notNull().references('organisations.id'))
        .addColumn('collection', 'text', (c) => c.notNull())
        .addColumn('id', 'text', (c) => c.notNull())
        .addColumn('seq', 'bigint', (c) => c.notNull())
        // TEXT, not jsonb, on PostgreSQL too: the server never queries inside documents, TEXT
        // keeps the document exactly as written, and jsonb would refuse strings holding \u0000.
        .addColumn('data', 'text', (c) => c.notNull())
        .addColumn('deleted', 'boolean', (c) => c.notNull())
        .addColumn('updated_by', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('documents_pk', ['org_id', 'collection', 'id'])
        .execute();
      // Pull: one collection's changes after a checkpoint, in seq order.
      await db.schema
        .createIndex('documents_changes')
        .ifNotExists()
        .on('documents')
        .columns(['org_id', 'collection', 'seq'])
        .execute();
      // A seq belongs to one write of one organisation; a bug in seq assignment fails loudly here
      // instead of making clients skip a document.
      await db.schema
        .createIndex('documents_org_seq')
        .ifNotExists()
        .on('documents')
        .columns(['org_id', 'seq'])
        .unique()
        .execute();
    },
  },
  '0002_doc_refs': {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('doc_refs')
        .ifNotExists()
        .addColumn('org_id', 'text', (c) => c.notNull())
        .addColumn('collection', 'text', (c) => c.notNull())
        .addColumn('id', 'text', (c) => c.notNull())
        .addColumn('field', 'text', (c) => c.notNull())
        .addColumn('ref_collection', 'text', (c) => c.notNull())
        .addColumn('ref_id', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('doc_refs_pk', ['org_id', 'collection', 'id', 'field', 'ref_id'])
        .execute();
      // "Who names this record": the payments of an invoice, whether a record is referenced.
      await db.schema
        .createIndex('doc_refs_target')
        .ifNotExists()
        .on('doc_refs')
        .columns(['org_id', 'ref_collection', 'ref_id'])
        .execute();
      await backfillReferences(db as unknown as Kysely<SyncDatabase>);
    },
  },
  '0003_visibility': {
    async up(db: Kysely<unknown>) {
      const add = (table: string, column: string, build: () => Promise<void>) =>
        addColumnOnce(db, table, column, build);
      await add('organisations', 'visibility', () =>
        db.schema
          .alterTable('organisations')
          .addColumn('visibility', 'text', (c) => c.notNull().defaultTo('everyone'))
          .execute(),
      );
      await add('users', 'manager_id', () =>
        db.schema.alterTable('users').addColumn('manager_id', 'text').execute(),
      );
      await add('users', 'view_epoch', () =>
        db.schema
          .alterTable('users')
          .addColumn('view_epoch', 'bigint', (c) => c.notNull().defaultTo(0))
          .execute(),
      );
      await add('documents', 'owner_id', () =>
        db.schema.alterTable('documents').addColumn('owner_id', 'text').execute(),
      );
      await add('documents', 'account_id', () =>
        db.schema.alterTable('documents').addColumn('account_id', 'text').execute(),
      );
      // "What a person's records name": the accounts they work on.
      await db.schema
        .createIndex('documents_owner')
        .ifNotExists()
        .on('documents')
        .columns(['org_id', 'owner_id', 'account_id'])
        .execute();
      await db.schema
        .createIndex('documents_account')
        .ifNotExists()
        .on('documents')
        .columns(['org_id', 'account_id'])
        .execute();
      await backfillScope(db as unknown as Kysely<SyncDatabase>);
    },
  },
  '0004_login_attempts': {
    async up(db: Kysely<unknown>) {
      // Each sign-in attempt's rows carry its id, so a right password takes back exactly its own
      // (two attempts in the same millisecond are not told apart by time).
      await addColumnOnce(db, 'login_failures', 'attempt', () =>
        db.schema.alterTable('login_failures').addColumn('attempt', 'text').execute(),
      );
    },
  },
  '0005_firm_codes': {
    async up(db: Kysely<unknown>) {
      // A device that signed in before is spared the failures of others (auth/known-devices.ts).
      await db.schema
        .createTable('known_devices')
        .ifNotExists()
        .addColumn('token_hash', 'text', (c) => c.primaryKey())
        .addColumn('org_id', 'text', (c) => c.notNull())
        .addColumn('user_id', 'text', (c) => c.notNull())
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .execute();
      // Every firm gets a code its people type at sign-in, so a username need only be unique
      // within its firm: one firm's admin no longer learns another firm's usernames.
      await addColumnOnce(db, 'organisations', 'code', () =>
        db.schema.alterTable('organisations').addColumn('code', 'text').execute(),
      );
      await giveFirmCodes(db as unknown as Kysely<SyncDatabase>);
      await db.schema
        .createIndex('organisations_code_unique')
        .ifNotExists()
        .on('organisations')
        .columns(['code'])
        .unique()
        .execute();
      await usernamesUniquePerFirm(db);
    },
  },
  '0006_server_epoch': {
    async up(db: Kysely<unknown>) {
      // One row: the server epoch (epoch.ts), made anew by every restore of a backup.
      await db.schema
        .createTable('server_epoch')
        .ifNotExists()
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('epoch', 'text', (c) => c.notNull())
        .execute();
      await addColumnOnce(db, 'organisations', 'epoch_seq', () =>
        db.schema
          .alterTable('organisations')
          .addColumn('epoch_seq', 'bigint', (c) => c.notNull().defaultTo(0))
          .execute(),
      );
      await ensureEpoch(db as unknown as Kysely<SyncDatabase>);
    },
  },
  '0007_seq_claims': {
    async up(db: Kysely<unknown>) {
      // PostgreSQL's seq claims (seq-claims.ts): made on SQLite too, where it stays empty.
      await db.schema
        .createTable('seq_claims')
        .ifNotExists()
        .addColumn('org_id', 'text', (c) => c.notNull())
        .addColumn('first_seq', 'bigint', (c) => c.notNull())
        .addColumn('last_seq', 'bigint', (c) => c.notNull())
        .addColumn('xid', 'text', (c) => c.notNull())
        .addColumn('doc_keys', isSqlite(db) ? 'text' : sql`text[]`, (c) => c.notNull())
        .addPrimaryKeyConstraint('seq_claims_pk', ['org_id', 'first_seq'])
        .execute();
    },
  },
  '0008_users_version': {
    async up(db: Kysely<unknown>) {
      // Raised by every change to a firm's people (users-cache.ts): a request's sign-in reads it,
      // and the rulebook's list of people is read again only when it has moved.
      await addColumnOnce(db, 'organisations', 'users_version', () =>
        db.schema
          .alterTable('organisations')
          .addColumn('users_version', 'bigint', (c) => c.notNull().defaultTo(0))
          .execute(),
      );
    },
  },
};

type UserColumn =
  'id' | 'org_id' | 'username' | 'name' | 'role' | 'password_hash' | 'disabled' | 'created_at';

/** The users table's columns as 0001 made them (0005's SQLite rebuild makes them again). */
function withUserColumns<T extends string, C extends string>(
  table: CreateTableBuilder<T, C>,
): CreateTableBuilder<T, C | UserColumn> {
  return table
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('org_id', 'text', (c) => c.notNull().references('organisations.id'))
    .addColumn('username', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('password_hash', 'text', (c) => c.notNull())
    .addColumn('disabled', 'boolean', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull());
}

/** A code for every organisation made before 0005, each different from the others. */
async function giveFirmCodes(db: Kysely<SyncDatabase>): Promise<void> {
  const orgs = await db.selectFrom('organisations').select(['id', 'code']).execute();
  const taken = new Set(orgs.map((org) => org.code));
  for (const org of orgs) {
    if (org.code !== null) continue;
    let code = newFirmCode();
    while (taken.has(code)) code = newFirmCode();
    taken.add(code);
    await db.updateTable('organisations').set({ code }).where('id', '=', org.id).execute();
  }
}

/**
 * Replaces the server-wide unique username with one per organisation. PostgreSQL drops the
 * constraint; SQLite cannot drop a table's constraint, so it copies the table into one without
 * it, in one transaction (a start that dies halfway finds the old table whole), with foreign
 * keys off while the table is swapped (tokens name users; SQLite's documented procedure).
 */
async function usernamesUniquePerFirm(db: Kysely<unknown>): Promise<void> {
  if (!isSqlite(db)) {
    await sql`alter table users drop constraint if exists users_username_unique`.execute(db);
    await db.schema
      .createIndex('users_org_username_unique')
      .ifNotExists()
      .on('users')
      .columns(['org_id', 'username'])
      .unique()
      .execute();
    return;
  }
  const table = await sql<{ sql: string }>`
    select sql from sqlite_master where type = 'table' and name = 'users'`.execute(db);
  if (!table.rows[0]?.sql.includes('users_username_unique')) return;
  const columns = sql.raw(
    'id, org_id, username, name, role, password_hash, disabled, created_at, manager_id, view_epoch',
  );
  await sql`pragma foreign_keys = off`.execute(db);
  try {
    await db.transaction().execute(async (trx) => {
      await trx.schema.dropTable('users_0005').ifExists().execute();
      await trx.schema
        .createTable('users_0005')
        .$call(withUserColumns)
        .addColumn('manager_id', 'text')
        .addColumn('view_epoch', 'bigint', (c) => c.notNull().defaultTo(0))
        // Named so a violation can be told apart from any other (see isUsernameTaken).
        .addUniqueConstraint('users_org_username_unique', ['org_id', 'username'])
        .execute();
      await sql`insert into users_0005 (${columns}) select ${columns} from users`.execute(trx);
      await trx.schema.dropTable('users').execute();
      await sql`alter table users_0005 rename to users`.execute(trx);
      await trx.schema.createIndex('users_org').on('users').columns(['org_id']).execute();
    });
  } finally {
    await sql`pragma foreign_keys = on`.execute(db);
  }
}

/** The migrations this version knows, in order: a backup naming another is from a newer version. */
export const KNOWN_MIGRATIONS: readonly string[] = Object.keys(MIGRATIONS).sort();
export const MIGRATION_TABLE = 'ltc_sync_migration';

function isSqlite(db: Kysely<unknown>): boolean {
  return db.getExecutor().adapter instanceof SqliteAdapter;
}

/**
 * ADD COLUMN has no IF NOT EXISTS in SQLite: a start that died halfway finds some added. On
 * PostgreSQL only the store's own schema is looked at (current_schema, the search path): Kysely's
 * introspection lists every schema's tables, and another deployment's (or test's) table of the
 * same name would pass for ours.
 */
async function addColumnOnce(
  db: Kysely<unknown>,
  table: string,
  column: string,
  build: () => Promise<void>,
): Promise<void> {
  let found: boolean;
  if (isSqlite(db)) {
    const columns = await sql<{
      name: string;
    }>`select name from pragma_table_info(${table})`.execute(db);
    found = columns.rows.some((c) => c.name === column);
  } else {
    const columns = await sql<{ n: number }>`
      select count(*)::int as n from information_schema.columns
      where table_schema = current_schema() and table_name = ${table} and column_name = ${column}`.execute(
      db,
    );
    found = Number(columns.rows[0]?.n ?? 0) > 0;
  }
  if (!found) await build();
}

/** Sets owner_id and account_id on the documents stored before 0003, a page at a time. */
async function backfillScope(db: Kysely<SyncDatabase>): Promise<void> {
  await forEachDocumentPage(db, async (rows) => {
    for (const row of rows) {
      const scope = scopeColumns(row.collection, JSON.parse(row.data) as Record<string, unknown>);
      if (!scope.owner_id && !scope.account_id) continue;
      await db
        .updateTable('documents')
        .set(scope)
        .where('org_id', '=', row.org_id)
        .where('collection', '=', row.collection)
        .where('id', '=', row.id)
        .execute();
    }
  });
}

/** Indexes the references of the documents stored before 0002, a page of documents at a time. */
async function backfillReferences(db: Kysely<SyncDatabase>): Promise<void> {
  await forEachDocumentPage(db, async (rows) => {
    const refs = rows.flatMap((row) =>
      row.deleted
        ? []
        : referenceRows(
            row.org_id,
            row.collection,
            row.id,
            JSON.parse(row.data) as Record<string, unknown>,
          ),
    );
    for (let i = 0; i < refs.length; i += 500) {
      await db
        .insertInto('doc_refs')
        .values(refs.slice(i, i + 500))
        .onConflict((oc) => oc.doNothing())
        .execute();
    }
  });
}

interface DocumentPageRow {
  org_id: string;
  collection: string;
  id: string;
  data: string;
  deleted: boolean | number;
}

/** Every stored document, a page of 1,000 at a time in key order (for backfills). */
async function forEachDocumentPage(
  db: Kysely<SyncDatabase>,
  visit: (rows: DocumentPageRow[]) => Promise<void>,
): Promise<void> {
  const PAGE = 1000;
  let after: { org: string; collection: string; id: string } | undefined;
  for (;;) {
    let query = db
      .selectFrom('documents')
      .select(['org_id', 'collection', 'id', 'data', 'deleted'])
      .orderBy('org_id')
      .orderBy('collection')
      .orderBy('id')
      .limit(PAGE);
    if (after) {
      const { org, collection, id } = after;
      query = query.where((eb) =>
        eb.or([
          eb('org_id', '>', org),
          eb.and([eb('org_id', '=', org), eb('collection', '>', collection)]),
          eb.and([eb('org_id', '=', org), eb('collection', '=', collection), eb('id', '>', id)]),
        ]),
      );
    }
    const rows = await query.execute();
    await visit(rows);
    const last = rows[rows.length - 1];
    if (!last || rows.length < PAGE) return;
    after = { org: last.org_id, collection: last.collection, id: last.id };
  }
}

/**
 * Applies every migration not yet applied. The caller serialises concurrent starts (postgres.ts).
 * On PostgreSQL `schema` must name the store's schema: without it Kysely takes its bookkeeping
 * tables in ANY schema of the database (another deployment's, another test run's) for its own,
 * skips creating them, and then fails on the missing lock table.
 */
export async function runMigrations<DB>(
  db: Kysely<DB>,
  schema?: string,
  /** Stop after this migration (tests of a later one start from the schema before it). */
  upTo?: string,
): Promise<void> {
  const migrator = new Migrator({
    db,
    provider: { getMigrations: () => Promise.resolve(MIGRATIONS) },
    migrationTableName: MIGRATION_TABLE,
    migrationLockTableName: 'ltc_sync_migration_lock',
    ...(schema !== undefined && { migrationTableSchema: schema }),
  });
  const { error } = await (upTo === undefined
    ? migrator.migrateToLatest()
    : migrator.migrateTo(upTo));
  if (error !== undefined) throw error;
}
