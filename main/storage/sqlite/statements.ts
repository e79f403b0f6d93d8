import type Database from 'better-sqlite3';
import { DOCUMENT_COLUMN } from './document-row';
import type { TableLayout } from './table-layout';

/**
 * Prepared statements of one collection table, made once per table and connection. Reads pluck
 * the doc column: one buffer per row, nothing else to allocate.
 */
export interface TableStatements {
  insert: Database.Statement;
  update: Database.Statement;
  byId: Database.Statement;
  /**
   * Ids as one JSON array parameter: no limit on the number of SQL variables. The documents
   * come back concatenated in one value (see readDocuments in query-runner.ts); the caller puts
   * them in the order of the ids.
   */
  byIds: Database.Statement;
  byIdsNotDeleted: Database.Statement;
  count: Database.Statement;
  /** Range statements by column, bounds and paging, made on first use. */
  cached(key: string, sql: () => string): Database.Statement;
}

export function prepareTableStatements(
  db: Database.Database,
  layout: TableLayout,
): TableStatements {
  const { table, columns } = layout;
  const names = ['id', DOCUMENT_COLUMN, 'deleted', 'lwt', 'rev', ...columns.map((c) => c.column)];
  const assignments = names
    .slice(1)
    .map((name) => `${name} = excluded.${name}`)
    .join(', ');
  const updates = names
    .slice(1)
    .map((name) => `${name} = ?`)
    .join(', ');
  const cache = new Map<string, Database.Statement>();
  const byIds =
    `SELECT CAST(group_concat(row.${DOCUMENT_COLUMN}, '') AS BLOB) ` +
    `FROM json_each(?) AS ids CROSS JOIN ${table} AS row`;
  return {
    // Two inserts of one id in one bulkWrite: the last wins, as in RxDB's memory storage.
    insert: db.prepare(
      `INSERT INTO ${table} (${names.join(', ')}) VALUES (${names.map(() => '?').join(', ')}) ` +
        `ON CONFLICT(id) DO UPDATE SET ${assignments}`,
    ),
    update: db.prepare(`UPDATE ${table} SET ${updates} WHERE id = ?`),
    byId: db.prepare(`SELECT ${DOCUMENT_COLUMN}, deleted FROM ${table} WHERE id = ?`).raw(),
    byIds: db.prepare(`${byIds} ON row.id = ids.value`).pluck(),
    byIdsNotDeleted: db.prepare(`${byIds} ON row.id = ids.value AND row.deleted = 0`).pluck(),
    count: db.prepare(`SELECT COUNT(*) FROM ${table}`).pluck(),
    cached(key, sql) {
      let statement = cache.get(key);
      if (!statement) {
        statement = db.prepare(sql());
        cache.set(key, statement);
      }
      return statement;
    },
  };
}
