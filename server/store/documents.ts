import type { Kysely, Transaction } from 'kysely';
import type { WireDocument } from '../../shared/sync/protocol';
import type { ChangeNotice, DocumentWrite, StoredDocument } from './types';
import type { SyncDatabase } from './tables';

/** Rows per statement: far below SQLite's 32766 and PostgreSQL's 65535 bound parameters. */
const CHUNK = 500;

function chunks<T>(items: readonly T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += CHUNK) out.push(items.slice(i, i + CHUNK));
  return out;
}

function toWire(data: string, deleted: boolean | number): WireDocument {
  return { ...(JSON.parse(data) as Record<string, unknown>), _deleted: Boolean(deleted) };
}

export async function pullDocuments(
  db: Kysely<SyncDatabase>,
  orgId: string,
  collection: string,
  afterSeq: number,
  limit: number,
): Promise<StoredDocument[]> {
  if (limit <= 0) return [];
  const rows = await db
    .selectFrom('documents')
    .select(['id', 'seq', 'data', 'deleted'])
    .where('org_id', '=', orgId)
    .where('collection', '=', collection)
    .where('seq', '>', afterSeq)
    .orderBy('seq')
    .limit(limit)
    .execute();
  return rows.map((row) => ({ id: row.id, seq: row.seq, data: toWire(row.data, row.deleted) }));
}

async function readMasters(
  trx: Transaction<SyncDatabase>,
  orgId: string,
  collection: string,
  ids: readonly string[],
): Promise<Map<string, WireDocument>> {
  const masters = new Map<string, WireDocument>();
  for (const part of chunks([...new Set(ids)])) {
    const rows = await trx
      .selectFrom('documents')
      .select(['id', 'data', 'deleted'])
      .where('org_id', '=', orgId)
      .where('collection', '=', collection)
      .where('id', 'in', part)
      .execute();
    for (const row of rows) masters.set(row.id, toWire(row.data, row.deleted));
  }
  return masters;
}

/** The same id twice in one push: the later state wins, as if written one after the other. */
function lastWritePerId(writes: readonly DocumentWrite[]): DocumentWrite[] {
  const byId = new Map<string, DocumentWrite>();
  for (const write of writes) {
    byId.delete(write.id);
    byId.set(write.id, write);
  }
  return [...byId.values()];
}

/**
 * SyncStore.push on either database. `inTransaction` runs just before commit with the notice
 * (PostgreSQL queues its NOTIFY there, so it is delivered only if the push commits).
 */
export async function pushDocuments(
  db: Kysely<SyncDatabase>,
  orgId: string,
  collection: string,
  ids: readonly string[],
  decide: (masters: ReadonlyMap<string, WireDocument>) => DocumentWrite[],
  inTransaction: (trx: Transaction<SyncDatabase>, notice: ChangeNotice) => Promise<void>,
): Promise<ChangeNotice | undefined> {
  return db.transaction().execute(async (trx) => {
    // Lock the organisation's sequence row FIRST, before reading any master. Pushes to one
    // organisation then run one at a time: each reads the masters the previous one committed
    // (PostgreSQL's READ COMMITTED takes a fresh snapshot per statement, and the UPDATE waits for
    // the lock and then sees the committed last_seq), and since the lock is held until commit, a
    // push holding seq n+1 cannot commit before the one holding n. Seqs therefore become visible
    // in order, so a pull that has seen seq n never misses a smaller seq that commits later.
    // SQLite takes its single write lock at this UPDATE for the same effect.
    const org = await trx
      .updateTable('organisations')
      .set((eb) => ({ last_seq: eb.ref('last_seq') }))
      .where('id', '=', orgId)
      .returning('last_seq')
      .executeTakeFirst();
    if (org === undefined) throw new Error(`organisation ${orgId} does not exist`);

    const writes = lastWritePerId(decide(await readMasters(trx, orgId, collection, ids)));
    if (writes.length === 0) return undefined;

    let seq = org.last_seq;
    const rows = writes.map((write) => {
      const { _deleted: deleted, ...fields } = write.data;
      seq += 1;
      return {
        org_id: orgId,
        collection,
        id: write.id,
        seq,
        data: JSON.stringify(fields),
        deleted: deleted ? 1 : 0,
        updated_by: write.updatedBy,
      };
    });
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
          })),
        )
        .execute();
    }
    await trx.updateTable('organisations').set({ last_seq: seq }).where('id', '=', orgId).execute();
    const notice: ChangeNotice = { orgId, collection, seq };
    await inTransaction(trx, notice);
    return notice;
  });
}
