import type { Kysely, Transaction } from 'kysely';
import type { WireDocument } from '../../shared/sync/protocol';
import { chunks, insertReferences, type BulkDialect } from './bulk-insert';
import { referenceRows } from './references';
import type { BatchWrite, PushTransaction, StoredDocument } from './types';
import type { SyncDatabase } from './tables';
import type { VisibilityMode } from '../../shared/rules/visibility';

function toWire(data: string, deleted: boolean | number): WireDocument {
  return { ...(JSON.parse(data) as Record<string, unknown>), _deleted: Boolean(deleted) };
}

export async function pullDocuments(
  db: Kysely<SyncDatabase>,
  orgId: string,
  collection: string,
  afterSeq: number,
  limit: number,
  /** The pull horizon (seq-claims.ts): no seq above it. */
  upTo = Number.MAX_SAFE_INTEGER,
): Promise<StoredDocument[]> {
  if (limit <= 0 || upTo <= afterSeq) return [];
  const rows = await db
    .selectFrom('documents')
    .select(['id', 'seq', 'data', 'deleted'])
    .where('org_id', '=', orgId)
    .where('collection', '=', collection)
    .where('seq', '>', afterSeq)
    .where('seq', '<=', upTo)
    .orderBy('seq')
    .limit(limit)
    .execute();
  return rows.map((row) => ({ id: row.id, seq: row.seq, data: toWire(row.data, row.deleted) }));
}

export async function readDocuments(
  trx: Kysely<SyncDatabase> | Transaction<SyncDatabase>,
  orgId: string,
  collection: string,
  ids: readonly string[],
): Promise<Map<string, WireDocument>> {
  const found = new Map<string, WireDocument>();
  for (const part of chunks([...new Set(ids)])) {
    const rows = await trx
      .selectFrom('documents')
      .select(['id', 'data', 'deleted'])
      .where('org_id', '=', orgId)
      .where('collection', '=', collection)
      .where('id', 'in', part)
      .execute();
    for (const row of rows) found.set(row.id, toWire(row.data, row.deleted));
  }
  return found;
}

/** `collection|id`: the key of PushTransaction.read's answer. */
export const docKey = (collection: string, id: string): string => `${collection}|${id}`;

/** Documents of several collections by id, keyed docKey, with their seqs: PushTransaction.read. */
export async function readMany(
  trx: Kysely<SyncDatabase> | Transaction<SyncDatabase>,
  orgId: string,
  wanted: ReadonlyMap<string, Iterable<string>>,
): Promise<Map<string, { doc: WireDocument; seq: number }>> {
  const keys = new Map<string, { collection: string; id: string }>();
  for (const [collection, ids] of wanted) {
    for (const id of ids) keys.set(docKey(collection, id), { collection, id });
  }
  const found = new Map<string, { doc: WireDocument; seq: number }>();
  for (const part of chunks([...keys.values()])) {
    const rows = await trx
      .selectFrom('documents')
      .select(['collection', 'id', 'seq', 'data', 'deleted'])
      .where('org_id', '=', orgId)
      // Both lists, so the primary key (org_id, collection, id) finds each row; a row of one
      // collection with another's id (ids are UUIDs: none) is left out below.
      .where('collection', 'in', [...new Set(part.map((doc) => doc.collection))])
      .where('id', 'in', [...new Set(part.map((doc) => doc.id))])
      .execute();
    for (const row of rows) {
      const at = docKey(row.collection, row.id);
      if (keys.has(at)) found.set(at, { doc: toWire(row.data, row.deleted), seq: Number(row.seq) });
    }
  }
  return found;
}

/**
 * The push transaction's reads, all of one organisation: inside the transaction, or (for the plan
 * made before the lock, optimistic.ts) on plain reads, whose bumpViews is never called.
 */
export function pushTransaction(
  trx: Kysely<SyncDatabase> | Transaction<SyncDatabase>,
  orgId: string,
  visibility: VisibilityMode,
  views: Set<string>,
): PushTransaction {
  return {
    visibility,
    async ownersOn(accounts) {
      const out = new Map<string, Set<string>>();
      for (const part of chunks([...new Set(accounts)])) {
        const rows = await trx
          .selectFrom('documents')
          .select(['account_id', 'owner_id'])
          .distinct()
          .where('org_id', '=', orgId)
          .where('account_id', 'in', part)
          .where('deleted', '=', 0)
          .where('owner_id', 'is not', null)
          .execute();
        for (const row of rows) {
          if (!row.account_id || !row.owner_id) continue;
          const owners = out.get(row.account_id) ?? new Set<string>();
          owners.add(row.owner_id);
          out.set(row.account_id, owners);
        }
      }
      return out;
    },
    async bumpViews(userIds) {
      const fresh = userIds.filter((id) => !views.has(id));
      if (fresh.length === 0) return;
      for (const part of chunks(fresh)) {
        await trx
          .updateTable('users')
          .set((eb) => ({ view_epoch: eb('view_epoch', '+', 1) }))
          .where('org_id', '=', orgId)
          .where('id', 'in', part)
          .execute();
      }
      for (const id of fresh) views.add(id);
    },
    async read(wanted) {
      const found = await readMany(trx, orgId, wanted);
      return new Map([...found].map(([at, { doc }]) => [at, doc]));
    },
    async referencing(collection, field, ids) {
      const out: WireDocument[] = [];
      for (const part of chunks([...new Set(ids)])) {
        const rows = await trx
          .selectFrom('doc_refs as r')
          .innerJoin('documents as d', (join) =>
            join
              .onRef('d.org_id', '=', 'r.org_id')
              .onRef('d.collection', '=', 'r.collection')
              .onRef('d.id', '=', 'r.id'),
          )
          .select(['d.data', 'd.deleted'])
          .where('r.org_id', '=', orgId)
          .where('r.collection', '=', collection)
          .where('r.field', '=', field)
          .where('r.ref_id', 'in', part)
          .execute();
        for (const row of rows) out.push(toWire(row.data, row.deleted));
      }
      return out;
    },
    async referenced(collection, ids) {
      const out = new Set<string>();
      for (const part of chunks([...new Set(ids)])) {
        const rows = await trx
          .selectFrom('doc_refs')
          .select('ref_id')
          .where('org_id', '=', orgId)
          .where('ref_collection', '=', collection)
          .where('ref_id', 'in', part)
          .execute();
        for (const row of rows) out.add(row.ref_id);
      }
      return out;
    },
  };
}

/** The same document twice in one push: the later state wins, as if written one after the other. */
export function lastWritePerId(writes: readonly BatchWrite[]): BatchWrite[] {
  const byId = new Map<string, BatchWrite>();
  for (const write of writes) {
    const key = `${write.collection}|${write.id}`;
    const earlier = byId.get(key);
    byId.delete(key);
    const created = write.created === true && (earlier === undefined || earlier.created === true);
    byId.set(key, created === Boolean(write.created) ? write : { ...write, created });
  }
  return [...byId.values()];
}

/** Keeps doc_refs in step with the written documents (a deleted document names nothing). */
export async function writeReferences(
  trx: Transaction<SyncDatabase>,
  dialect: BulkDialect,
  orgId: string,
  writes: readonly BatchWrite[],
): Promise<void> {
  const byCollection = new Map<string, string[]>();
  for (const write of writes) {
    // A document the push creates has no references yet (lastWritePerId keeps `created` only
    // when every write of the id in the push had it).
    if (write.created) continue;
    const ids = byCollection.get(write.collection) ?? [];
    ids.push(write.id);
    byCollection.set(write.collection, ids);
  }
  for (const [collection, ids] of byCollection) {
    for (const part of chunks(ids)) {
      await trx
        .deleteFrom('doc_refs')
        .where('org_id', '=', orgId)
        .where('collection', '=', collection)
        .where('id', 'in', part)
        .execute();
    }
  }
  const refs = writes.flatMap((write) => {
    const { _deleted: deleted, ...fields } = write.data;
    return deleted ? [] : referenceRows(orgId, write.collection, write.id, fields);
  });
  await insertReferences(trx, dialect, refs);
}
