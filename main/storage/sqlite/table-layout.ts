import type Database from 'better-sqlite3';
import type { RxDocumentData, RxJsonSchema } from 'rxdb';
import {
  getIndexableStringMonad,
  getPrimaryFieldOfPrimaryKey,
  META_INSTANCE_SCHEMA_TITLE,
  toArray,
} from 'rxdb';

/**
 * How one collection (at one schema version) is laid out in SQLite: one table, fixed columns
 * for what RxDB reads without parsing the document (id, deleted flag, lwt, revision), and one
 * TEXT column per schema index holding RxDB's indexable string for that index. RxDB's query
 * planner expresses every range as bounds on those strings, so a query becomes a range scan on
 * one column's SQLite index.
 */
export interface IndexColumn {
  /** The index as RxDB names it, fields joined by ','. */
  key: string;
  fields: string[];
  /** Column name: `i0`, `i1`, ... in schema index order. */
  column: string;
  /** RxDB's indexable string, already mapped by toSqliteOrder. */
  indexValue: (doc: RxDocumentData<unknown>) => string;
}

export interface TableLayout {
  tableName: string;
  /** The table name quoted as an SQL identifier. */
  table: string;
  primaryPath: string;
  columns: IndexColumn[];
  byKey: Map<string, IndexColumn>;
  /** The ['_meta.lwt', primary] index: the order of getChangedDocumentsSince. */
  changesColumn: IndexColumn;
  /** Identifies the column layout, so a table written with other indexes is rebuilt. */
  fingerprint: string;
  /**
   * Whether the index columns have SQL indexes. A replication's meta table does not: RxDB reads
   * its meta documents (one assumed master state per synced document) by id only, and the two
   * indexes RxDB gives every schema made a quarter of the meta table's bytes and of its write
   * time in a first sync (docs/sync.md, "First sync"). The columns stay, so a query by them is
   * still right, as a scan.
   */
  indexed: boolean;
}

export function quoteIdentifier(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

/**
 * One table per collection and schema version: a migration reads the old version's table
 * while writing the new one. `__v` cannot be confused: a version is digits only.
 */
export function tableNameOf(collectionName: string, version: number): string {
  return `${collectionName}__v${version}`;
}

/**
 * RxDB compares indexable strings as JavaScript does (UTF-16 code units); SQLite compares TEXT
 * as UTF-8 bytes (code points). The two orders differ once a string holds a surrogate (any
 * character above U+FFFF) or U+E000..U+FFFF, including RxDB's INDEX_MAX bound '\uFFFF'. Mapping
 * each code unit at or above U+D800 to code point unit + 0x800 is strictly increasing and
 * yields valid scalar values only (no lone surrogates, which UTF-8 cannot carry), so the UTF-8
 * byte order of the results equals the UTF-16 order of the inputs. Index strings are never
 * read back, so the mapping need not be undone. A plain loop: 3x faster than a regex replace.
 */
export function toSqliteOrder(text: string): string {
  const length = text.length;
  let i = 0;
  while (i < length && text.charCodeAt(i) < 0xd800) i++;
  if (i === length) return text;
  let mapped = text.slice(0, i);
  let start = i;
  for (; i < length; i++) {
    const unit = text.charCodeAt(i);
    if (unit >= 0xd800) {
      mapped += text.slice(start, i) + String.fromCodePoint(unit + 0x800);
      start = i + 1;
    }
  }
  return mapped + text.slice(start);
}

export function createTableLayout(
  schema: RxJsonSchema<RxDocumentData<unknown>>,
  collectionName: string,
): TableLayout {
  const primaryPath = getPrimaryFieldOfPrimaryKey(schema.primaryKey) as string;
  const indexes: string[][] = (schema.indexes ?? []).map((index) => [...toArray(index)]);
  const changesKey = ['_meta.lwt', primaryPath].join(',');
  // RxDB adds this index itself (fillWithDefaultSettings); a hand-made schema may lack it.
  if (!indexes.some((fields) => fields.join(',') === changesKey)) {
    indexes.push(['_meta.lwt', primaryPath]);
  }
  const columns = indexes.map((fields, position): IndexColumn => {
    const indexable = getIndexableStringMonad(schema, fields);
    return {
      key: fields.join(','),
      fields,
      column: `i${position}`,
      indexValue: (doc) => toSqliteOrder(indexable(doc)),
    };
  });
  const byKey = new Map(columns.map((c) => [c.key, c]));
  const tableName = tableNameOf(collectionName, schema.version);
  return {
    tableName,
    table: quoteIdentifier(tableName),
    primaryPath,
    columns,
    byKey,
    changesColumn: byKey.get(changesKey)!,
    fingerprint: JSON.stringify({ primaryPath, indexes }),
    indexed: schema.title !== META_INSTANCE_SCHEMA_TITLE,
  };
}

/** The DDL of a collection table and its indexes (idempotent). */
export function createTableStatements(layout: TableLayout, tableName = layout.tableName): string[] {
  const table = quoteIdentifier(tableName);
  const indexColumns = layout.columns.map((c) => `, ${c.column} TEXT NOT NULL`).join('');
  return [
    `CREATE TABLE IF NOT EXISTS ${table} (id TEXT PRIMARY KEY NOT NULL, doc BLOB NOT NULL, ` +
      `deleted INTEGER NOT NULL, lwt REAL NOT NULL, rev TEXT NOT NULL${indexColumns})`,
    ...layout.columns.map((c) => {
      const index = quoteIdentifier(`${tableName}__${c.column}`);
      // Dropped from a file written before the meta tables went without (same columns).
      return layout.indexed
        ? `CREATE INDEX IF NOT EXISTS ${index} ON ${table}(${c.column})`
        : `DROP INDEX IF EXISTS ${index}`;
    }),
    // cleanup() purges old tombstones by lwt. A partial index holds tombstones only, so writing
    // a live document costs no index update here (measured: 15% less SQL time per bulk insert
    // than a full (deleted, lwt) index).
    `CREATE INDEX IF NOT EXISTS ${quoteIdentifier(`${tableName}__tombstones`)} ` +
      `ON ${table}(lwt) WHERE deleted = 1`,
  ];
}

/**
 * Every row of a table (its rowid and one column), in pages of 1,000: better-sqlite3 cannot
 * write while a read statement is still iterating, and a rewrite (index rebuild, format
 * migration) writes as it goes.
 */
export function forEachRowInPages<V>(
  db: Database.Database,
  table: string,
  column: string,
  visit: (rowid: number, value: V) => void,
): void {
  const page = db
    .prepare(`SELECT rowid, ${column} FROM ${table} WHERE rowid > ? ORDER BY rowid LIMIT 1000`)
    .raw();
  for (let rows = page.all(0) as [number, V][]; rows.length > 0;) {
    for (const [rowid, value] of rows) visit(rowid, value);
    rows = page.all(rows[rows.length - 1]![0]) as [number, V][];
  }
}
