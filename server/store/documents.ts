import type { Kysely, Transaction } from 'kysely';
import type { WireDocument } from '../../shared/sync/protocol';
import { referenceRows, scopeColumns } from './references';
import type { BatchWrite, ChangeNotice, PushTransaction, StoredDocument } from './types';
import type { SyncDatabase } from './tables';
import type { VisibilityMode } from '../../shared/rules/visibility';
import { planOptimistically, stillValid } from './optimistic';

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

/**
 * The push transaction's reads, all of one organisation: inside the transaction, or (for the plan
 * made before the lock, optimistic.ts) on plain reads, whose bumpViews is never called.
 */
function pushTransaction(
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
    read: (collection, ids) => readDocuments(trx, orgId, collection, ids),
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
function lastWritePerId(writes: readonly BatchWrite[]): BatchWrite[] {
  const byId = new Map<string, BatchWrite>();
  for (const write of writes) {
    const key = `${write.collection}|${write.id}`;
    byId.delete(key);
    byId.set(key, write);
  }
  return [...byId.values()];
}

/**
 * SyncStore.pushBatch on either database. `inTransaction` runs just before commit with the
 * notices, one per collection written (PostgreSQL queues its NOTIFY there, so it is delivered
 * only if the push commits).
 */
export async function pushDocumentBatch(
  db: Kysely<SyncDatabase>,
  orgId: string,
  plan: (trx: PushTransaction) => Promise<BatchWrite[]>,
  inTransaction: (trx: Transaction<SyncDatabase>, notices: ChangeNotice[]) => Promise<void>,
): Promise<ChangeNotice[]> {
  // Judged first on plain reads, so that the lock is held only to check and write (optimistic.ts).
  const optimistic = await planOptimistically(db, orgId, plan, (on) =>
    pushTransaction(on, orgId, 'everyone', new Set()),
  );
  return db.transaction().execute(async (trx) => {
    // Lock the organisation's sequence row FIRST, before reading any master (or checking those
    // the optimistic plan read). Pushes to one organisation then run one at a time: each reads
    // (or checks) the masters the previous one committed
    // (PostgreSQL's READ COMMITTED takes a fresh snapshot per statement, and the UPDATE waits for
    // the lock and then sees the committed last_seq), and since the lock is held until commit, a
    // push holding seq n+1 cannot commit before the one holding n. Seqs therefore become visible
    // in order, so a pull that has seen seq n never misses a smaller seq that commits later.
    // SQLite takes its single write lock at this UPDATE for the same effect.
    const org = await trx
      .updateTable('organisations')
      .set((eb) => ({ last_seq: eb.ref('last_seq') }))
      .where('id', '=', orgId)
      .returning(['last_seq', 'visibility'])
      .executeTakeFirst();
    if (org === undefined) throw new Error(`organisation ${orgId} does not exist`);

    const visibility: VisibilityMode = org.visibility === 'own' ? 'own' : 'everyone';
    const views = new Set<string>();
    const locked = pushTransaction(trx, orgId, visibility, views);
    const now = { lastSeq: Number(org.last_seq), visibility };
    let planned: BatchWrite[];
    if (optimistic && (await stillValid(trx, orgId, now, optimistic, locked))) {
      planned = optimistic.writes;
      await locked.bumpViews([...optimistic.views]);
    } else {
      planned = await plan(locked);
    }
    const writes = lastWritePerId(planned);
    if (writes.length === 0) return [];

    let seq = org.last_seq;
    const lastSeq = new Map<string, number>();
    const rows = writes.map((write) => {
      const { _deleted: deleted, ...fields } = write.data;
      seq += 1;
      lastSeq.set(write.collection, seq);
      return {
        org_id: orgId,
        collection: write.collection,
        id: write.id,
        seq,
        data: JSON.stringify(fields),
        deleted: deleted ? 1 : 0,
        updated_by: write.updatedBy,
        ...scopeColumns(write.collection, fields),
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
            owner_id: eb.ref('excluded.owner_id'),
            account_id: eb.ref('excluded.account_id'),
          })),
        )
        .execute();
    }
    await writeReferences(trx, orgId, writes);
    await trx.updateTable('organisations').set({ last_seq: seq }).where('id', '=', orgId).execute();
    const notices: ChangeNotice[] = [...lastSeq].map(([collection, last]) => {
      const notice: ChangeNotice = { orgId, collection, seq: last };
      const mine = writes.filter((write) => write.collection === collection);
      if (mine.every((write) => write.audience) && mine.length <= 100) {
        const owners = new Set<string>();
        const accounts = new Set<string>();
        for (const { audience } of mine) {
          if (audience?.owner) owners.add(audience.owner);
          if (audience?.account) accounts.add(audience.account);
        }
        notice.audience = { owners: [...owners], accounts: [...accounts] };
      }
      return notice;
    });
    if (views.size > 0 && notices[0]) notices[0].views = [...views];
    await inTransaction(trx, notices);
    return notices;
  });
}

/** Keeps doc_refs in step with the written documents (a deleted document names nothing). */
async function writeReferences(
  trx: Transaction<SyncDatabase>,
  orgId: string,
  writes: readonly BatchWrite[],
): Promise<void> {
  const byCollection = new Map<string, string[]>();
  for (const write of writes) {
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
  for (const part of chunks(refs)) await trx.insertInto('doc_refs').values(part).execute();
}
