import type { RxDocumentData } from 'rxdb';
import type { TableLayout } from './table-layout';

/**
 * The json column holds the whole document as RxDB wrote it, including _deleted, _rev and
 * _meta, although deleted, lwt and rev also have columns (for SQL: tombstones, changes,
 * cleanup). Measured on 3000 documents of RxDB's benchmark schema, cold connection: reading
 * one column and JSON.parse took 26 ms; reading json without those fields plus the three
 * columns and putting the document back together took 35 ms. About 60 bytes per document buy
 * a quarter of the read time, and JSON.parse is most of what is left.
 */
export const DOCUMENT_COLUMN = 'json';

export function parseDocument<T>(json: string): RxDocumentData<T> {
  return JSON.parse(json) as RxDocumentData<T>;
}

/** The values of one row for the insert/update statements: id, json, deleted, lwt, rev, indexes. */
export function rowValues(layout: TableLayout, doc: RxDocumentData<unknown>): unknown[] {
  const values: unknown[] = [
    (doc as Record<string, unknown>)[layout.primaryPath],
    JSON.stringify(doc),
    doc._deleted ? 1 : 0,
    doc._meta.lwt,
    doc._rev,
  ];
  for (const column of layout.columns) values.push(column.indexValue(doc));
  return values;
}
