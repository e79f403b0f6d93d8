import type Database from 'better-sqlite3';
import { DOCUMENT_COLUMN } from './document-row';
import type { TableLayout } from './table-layout';

/**
 * Prepared statements of one collection table, made once per table and connection. Reads pluck
 * the json column: one string per row, nothing else to allocate.
 */
export interface TableStatements {
  insert: Database.Statement;
  update: Database.Statement;
  byId: Database.Statement;
  /**
   * Ids as one JSON array parameter: no limit on the number of SQL variables. json_each is the
   * outer loop (CROSS JOIN fixes the order), so rows come in the order of the ids.
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
  const names = ['id', 'json', 'deleted', 'lwt', 'rev', ...columns.map((c) => c.column)];
  const assignments = names
    .slice(1)
    .map((name) => `${name} = excluded.${name}`)
    .join(', ');
  const updates = names
    .slice(1)
    .map((name) => `${name} = ?`)
    .join(', ');
  const cache = new Map<string, Database.Statement>();
  const byIds = `SELECT doc.${DOCUMENT_COLUMN} FROM json_each(?) AS ids CROSS JOIN ${table} AS doc`;
  return {
    // Two inserts of one id in one bulkWrite: the last wins, as in RxDB's memory storage.
    insert: db.prepare(
      `INSERT INTO ${table} (${names.join(', ')}) VALUES (${names.map(() => '?').join(', ')}) ` +
        `ON CONFLICT(id) DO UPDATE SET ${assignments}`,
    ),
    update: db.prepare(`UPDATE ${table} SET ${updates} WHERE id = ?`),
    byId: db.prepare(`SELECT ${DOCUMENT_COLUMN}, deleted FROM ${table} WHERE id = ?`).raw(),
    byIds: db.prepare(`${byIds} ON doc.id = ids.value`).pluck(),
    byIdsNotDeleted: db.prepare(`${byIds} ON doc.id = ids.value AND doc.deleted = 0`).pluck(),
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
