import type { RxDocumentData } from 'rxdb';
import type { DocumentCodec } from './document-codec';
import type { TableLayout } from './table-layout';

/**
 * The doc column holds the whole document as RxDB wrote it, including _deleted, _rev and
 * _meta, although deleted, lwt and rev also have columns (for SQL: tombstones, changes,
 * cleanup): decoding one value is cheaper than putting a document back together from columns.
 * Encoded by DocumentCodec (MessagePack with shared record structures).
 */
export const DOCUMENT_COLUMN = 'doc';

/** The values of one row for the insert/update statements: id, doc, deleted, lwt, rev, indexes. */
export function rowValues(
  layout: TableLayout,
  codec: DocumentCodec,
  doc: RxDocumentData<unknown>,
): unknown[] {
  const values: unknown[] = [
    (doc as Record<string, unknown>)[layout.primaryPath],
    codec.encode(doc),
    doc._deleted ? 1 : 0,
    doc._meta.lwt,
    doc._rev,
  ];
  for (const column of layout.columns) values.push(column.indexValue(doc));
  return values;
}
