import { sql, type Insertable, type Transaction } from 'kysely';
import type { DocRefsTable, DocumentsTable, SyncDatabase } from './tables';

/**
 * How a push's rows go in. PostgreSQL: one `INSERT … SELECT FROM unnest(…)` per table, one array
 * parameter per column however many rows (each sent as JSON text, see `texts`) — PostgreSQL parses, plans and binds it about twice as
 * fast as the same rows as a multi-row VALUES list of 500 rows × 9 parameters (measured with
 * 20,000 documents: 270–520 ms against 550–860 ms), and it is what a bulk load of the table does
 * (bench/raw-insert.ts). SQLite has no arrays: multi-row VALUES in chunks below its parameter
 * bound, all in the one write transaction.
 */
export type BulkDialect = 'sqlite' | 'postgres';

/** Rows per statement: far below SQLite's 32766 and PostgreSQL's 65535 bound parameters. */
const CHUNK = 500;

export function chunks<T>(items: readonly T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += CHUNK) out.push(items.slice(i, i + CHUNK));
  return out;
}

export type DocumentRow = Insertable<DocumentsTable>;

/**
 * A text[] parameter sent as one JSON text: the pg driver writes a JS array as an array literal,
 * escaping every element in JavaScript (a push's JSON documents are full of quotes), which cost
 * the server more CPU than the rest of the insert; JSON.stringify escapes them natively.
 */
function texts(values: readonly (string | null)[]) {
  return sql`array(select e from json_array_elements_text(${JSON.stringify(values)}::json)
    with ordinality as t(e, n) order by n)`;
}

/** Inserts the documents, replacing an earlier state of the same (org, collection, id). */
export async function upsertDocuments(
  trx: Transaction<SyncDatabase>,
  dialect: BulkDialect,
  rows: readonly DocumentRow[],
): Promise<void> {
  if (rows.length === 0) return;
  if (dialect === 'postgres') {
    await sql`
      INSERT INTO documents
        (org_id, collection, id, seq, data, deleted, updated_by, owner_id, account_id)
      SELECT * FROM unnest(
        ${texts(rows.map((r) => r.org_id))}, ${texts(rows.map((r) => r.collection))},
        ${texts(rows.map((r) => r.id))}, ${rows.map((r) => r.seq)}::bigint[],
        ${texts(rows.map((r) => r.data))}, ${rows.map((r) => Boolean(r.deleted))}::boolean[],
        ${texts(rows.map((r) => r.updated_by))}, ${texts(rows.map((r) => r.owner_id ?? null))},
        ${texts(rows.map((r) => r.account_id ?? null))})
      ON CONFLICT (org_id, collection, id) DO UPDATE SET
        seq = excluded.seq, data = excluded.data, deleted = excluded.deleted,
        updated_by = excluded.updated_by, owner_id = excluded.owner_id,
        account_id = excluded.account_id`.execute(trx);
    return;
  }
  for (const part of chunks(rows)) {
    await trx
      .insertInto('documents')
      .values(part)
      .onConflict((oc) =>
        oc.columns(['org_id', 'collection', 'id']).doUpdateSet((eb) => ({
          seq: eb.ref('excluded.seq'),
          data: eb.ref('excluded.data'),
          deleted: eb.ref('excluded.deleted'),
          updated_by: eb.ref('excluded.updated_by'),
          owner_id: eb.ref('excluded.owner_id'),
          account_id: eb.ref('excluded.account_id'),
        })),
      )
      .execute();
  }
}

/** Inserts doc_refs rows (the caller has deleted the written documents' earlier ones). */
export async function insertReferences(
  trx: Transaction<SyncDatabase>,
  dialect: BulkDialect,
  rows: readonly DocRefsTable[],
): Promise<void> {
  if (rows.length === 0) return;
  if (dialect === 'postgres') {
    await sql`
      INSERT INTO doc_refs (org_id, collection, id, field, ref_collection, ref_id)
      SELECT * FROM unnest(
        ${texts(rows.map((r) => r.org_id))}, ${texts(rows.map((r) => r.collection))},
        ${texts(rows.map((r) => r.id))}, ${texts(rows.map((r) => r.field))},
        ${texts(rows.map((r) => r.ref_collection))}, ${texts(rows.map((r) => r.ref_id))})`.execute(
      trx,
    );
    return;
  }
  for (const part of chunks(rows)) await trx.insertInto('doc_refs').values(part).execute();
}
