import Database from 'better-sqlite3';
import pg from 'pg';
import { MIGRATION_TABLE } from '../store/migrations';
import { postgresConnection, type PostgresStoreOptions } from '../store/postgres';
import { openSqliteStore } from '../store/sqlite';
import { TRANSIENT_TABLES } from '../store/tables';

/**
 * The logical copy between PostgreSQL and the backup format (backup-file.ts): every table of the
 * sync server, column by column, rows as they are. Chosen over pg_dump so that one format
 * restores on either database (a firm can move from SQLite to PostgreSQL and back through a
 * backup), and so that no PostgreSQL client tools of the server's exact version must be installed.
 */
const ROWS_PER_STATEMENT = 500;

const quote = (name: string) => `"${name.replace(/"/g, '""')}"`;

/** The data tables of an SQLite backup, parents before the tables that reference them. */
function tablesOf(db: Database.Database): string[] {
  const names = (
    db
      .prepare(
        `select name from sqlite_master where type = 'table' and name not like 'sqlite_%' and name not like ? order by name`,
      )
      .all(`${MIGRATION_TABLE}%`) as { name: string }[]
  ).map((row) => row.name);
  const parents = new Map(
    names.map((name) => [
      name,
      (db.pragma(`foreign_key_list(${quote(name)})`) as { table: string }[])
        .map((fk) => fk.table)
        .filter((table) => table !== name),
    ]),
  );
  const ordered: string[] = [];
  const visit = (name: string, path: Set<string>) => {
    if (ordered.includes(name) || path.has(name)) return;
    path.add(name);
    for (const parent of parents.get(name) ?? []) visit(parent, path);
    ordered.push(name);
  };
  for (const name of names) visit(name, new Set());
  return ordered.filter((name) => parents.has(name));
}

function columnsOf(db: Database.Database, table: string): string[] {
  return (db.pragma(`table_info(${quote(table)})`) as { name: string }[]).map((c) => c.name);
}

async function pgColumnsOf(client: pg.Client, table: string): Promise<Set<string>> {
  const result = await client.query<{ name: string }>(
    `select column_name as name from information_schema.columns
      where table_schema = current_schema() and table_name = $1`,
    [table],
  );
  return new Set(result.rows.map((row) => row.name));
}

async function connect(options: PostgresStoreOptions): Promise<pg.Client> {
  const client = new pg.Client({ ...postgresConnection(options), application_name: 'ltc-backup' });
  await client.connect();
  return client;
}

/** Writes the PostgreSQL store's tables, from one snapshot, into a new backup file `file`. */
export async function exportPostgres(options: PostgresStoreOptions, file: string): Promise<void> {
  // The tables and migration rows of this version; the data rows come from PostgreSQL.
  await (await openSqliteStore(file)).close();
  const target = new Database(file, { fileMustExist: true });
  const client = await connect(options);
  try {
    const tables = tablesOf(target);
    for (const table of [...tables].reverse()) target.prepare(`delete from ${quote(table)}`).run();
    // One snapshot for every table: a push committed meanwhile is in the backup whole or not at all.
    await client.query('begin isolation level repeatable read read only');
    for (const table of tables) {
      // A seq claim means something only while its transaction runs (seq-claims.ts).
      if (TRANSIENT_TABLES.includes(table)) continue;
      const present = await pgColumnsOf(client, table);
      const columns = columnsOf(target, table).filter((column) => present.has(column));
      if (columns.length === 0) continue;
      const list = columns.map(quote).join(', ');
      const insert = target.prepare(
        `insert into ${quote(table)} (${list}) values (${columns.map(() => '?').join(', ')})`,
      );
      const insertAll = target.transaction((rows: Record<string, unknown>[]) => {
        for (const row of rows) insert.run(columns.map((column) => toSqlite(row[column])));
      });
      await client.query(
        `declare rows_out no scroll cursor for select ${list} from ${quote(table)}`,
      );
      for (;;) {
        const page = await client.query<Record<string, unknown>>('fetch 1000 from rows_out');
        if (page.rows.length === 0) break;
        insertAll(page.rows);
      }
      await client.query('close rows_out');
    }
    await client.query('commit');
  } finally {
    await client.end();
    target.close();
  }
}

/** better-sqlite3 binds no booleans; the store writes flags as 1/0 anyway (tables.ts). */
function toSqlite(value: unknown): unknown {
  return typeof value === 'boolean' ? (value ? 1 : 0) : value;
}

/**
 * Replaces every row of the PostgreSQL store's tables by the backup's, in one transaction: a
 * failure leaves the store as it was. The caller holds the store's restore lock (store-lock.ts).
 */
export async function importPostgres(options: PostgresStoreOptions, file: string): Promise<void> {
  const source = new Database(file, { fileMustExist: true, readonly: true });
  const client = await connect(options);
  try {
    const tables = tablesOf(source);
    await client.query('begin');
    await client.query(`truncate ${tables.map(quote).join(', ')}`);
    for (const table of tables) {
      const present = await pgColumnsOf(client, table);
      const columns = columnsOf(source, table).filter((column) => present.has(column));
      if (columns.length === 0) continue;
      const list = columns.map(quote).join(', ');
      let rows: unknown[][] = [];
      const flush = async () => {
        if (rows.length === 0) return;
        const values = rows
          .map((_, r) => `(${columns.map((_c, c) => `$${r * columns.length + c + 1}`).join(', ')})`)
          .join(', ');
        await client.query(`insert into ${quote(table)} (${list}) values ${values}`, rows.flat());
        rows = [];
      };
      for (const row of source
        .prepare(`select ${list} from ${quote(table)}`)
        .raw()
        .iterate() as IterableIterator<unknown[]>) {
        rows.push(row);
        if (rows.length === ROWS_PER_STATEMENT) await flush();
      }
      await flush();
    }
    await client.query('commit');
  } catch (error) {
    await client.query('rollback').catch(() => undefined);
    throw error;
  } finally {
    await client.end();
    source.close();
  }
}
