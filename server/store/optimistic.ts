import type { Kysely, Transaction } from 'kysely';
import type { VisibilityMode } from '../../shared/rules/visibility';
import type { WireDocument } from '../../shared/sync/protocol';
import type { BatchWrite, PushTransaction } from './types';
import type { SyncDatabase } from './tables';

/*
 * A push is judged before it takes its organisation's sequence lock, and checked again under it.
 *
 * Judging a push (server/replication/push.ts) reads the masters, the stage events and the records
 * the rules look up, then runs the rulebook: a few milliseconds of queries and CPU. Done under
 * the lock, that time is spent while every other push of the firm waits, so a firm of 200 reps
 * syncing at the end of the day would queue on it. So the plan runs first on plain reads, which
 * record everything it saw; under the lock the push only checks that none of it changed, and
 * writes. What it saw is: each document read, by its seq (or its absence); the answer to each
 * lookup by reference or account; the firm's visibility. If nothing was written since the plan
 * read the firm's last seq, nothing can have changed and no check is needed at all; otherwise
 * one query compares the seqs and the lookups run again. Anything changed: the plan runs again
 * under the lock, as it always did, so the verdict is always on what is stored when it commits.
 */

/** What an optimistic plan saw and decided. */
export interface OptimisticPlan {
  /** The organisation's last seq before the plan read anything. */
  lastSeq: number;
  visibility: VisibilityMode;
  writes: BatchWrite[];
  /** collection → id → seq of each document read (null: there was none). */
  seen: Map<string, Map<string, number | null>>;
  /** Each lookup, to run again under the lock, and its answer as canonical text. */
  lookups: { ask: (trx: PushTransaction) => Promise<string>; answer: string }[];
  /** View epochs the plan asked to raise, raised only when its writes are. */
  views: Set<string>;
}

type Db = Kysely<SyncDatabase> | Transaction<SyncDatabase>;

function toWire(data: string, deleted: boolean | number): WireDocument {
  return { ...(JSON.parse(data) as Record<string, unknown>), _deleted: Boolean(deleted) };
}

/** Canonical text of a lookup's answer, to compare two runs. */
const canonical = {
  docs: (docs: readonly WireDocument[]) =>
    JSON.stringify(docs.map((doc) => JSON.stringify(doc)).sort()),
  ids: (ids: ReadonlySet<string>) => JSON.stringify([...ids].sort()),
  owners: (owners: ReadonlyMap<string, ReadonlySet<string>>) =>
    JSON.stringify([...owners].map(([account, set]) => [account, [...set].sort()]).sort()),
};

/**
 * Runs `plan` on plain reads of `db` (no transaction, no lock), recording what it saw.
 * `locked` gives the lookups of a PushTransaction (the same queries the locked path runs).
 */
export async function planOptimistically(
  db: Kysely<SyncDatabase>,
  orgId: string,
  plan: (trx: PushTransaction) => Promise<BatchWrite[]>,
  lookupsOf: (db: Db) => Omit<PushTransaction, 'read' | 'bumpViews' | 'visibility'>,
): Promise<OptimisticPlan | undefined> {
  const org = await db
    .selectFrom('organisations')
    .select(['last_seq', 'visibility'])
    .where('id', '=', orgId)
    .executeTakeFirst();
  if (org === undefined) return undefined;
  const visibility: VisibilityMode = org.visibility === 'own' ? 'own' : 'everyone';
  const seen = new Map<string, Map<string, number | null>>();
  const lookups: OptimisticPlan['lookups'] = [];
  const views = new Set<string>();
  const direct = lookupsOf(db);
  const record = async <T>(
    ask: (trx: Omit<PushTransaction, 'read' | 'bumpViews' | 'visibility'>) => Promise<T>,
    text: (answer: T) => string,
  ): Promise<T> => {
    const answer = await ask(direct);
    lookups.push({ ask: async (trx) => text(await ask(trx)), answer: text(answer) });
    return answer;
  };
  const reads: PushTransaction = {
    visibility,
    async read(collection, ids) {
      const { docs, seqs } = await readWithSeqs(db, orgId, collection, ids);
      const mine = seen.get(collection) ?? new Map<string, number | null>();
      for (const id of ids) mine.set(id, seqs.get(id) ?? null);
      seen.set(collection, mine);
      return docs;
    },
    referencing: (collection, field, ids) =>
      record((trx) => trx.referencing(collection, field, ids), canonical.docs),
    referenced: (collection, ids) =>
      record((trx) => trx.referenced(collection, ids), canonical.ids),
    ownersOn: (accounts) => record((trx) => trx.ownersOn(accounts), canonical.owners),
    bumpViews(userIds) {
      for (const id of userIds) views.add(id);
      return Promise.resolve();
    },
  };
  const writes = await plan(reads);
  return { lastSeq: org.last_seq, visibility, writes, seen, lookups, views };
}

/**
 * Under the lock: whether what the plan saw is still what is stored (`lastSeq`, `visibility`:
 * the organisation row as the lock returned it; `trx`: lookups inside the transaction).
 */
export async function stillValid(
  trx: Transaction<SyncDatabase>,
  orgId: string,
  now: { lastSeq: number; visibility: VisibilityMode },
  plan: OptimisticPlan,
  lookups: PushTransaction,
): Promise<boolean> {
  if (now.visibility !== plan.visibility) return false;
  if (now.lastSeq === Number(plan.lastSeq)) return true;
  for (const [collection, ids] of plan.seen) {
    const { seqs } = await readWithSeqs(trx, orgId, collection, [...ids.keys()], false);
    for (const [id, seq] of ids) if ((seqs.get(id) ?? null) !== seq) return false;
  }
  for (const lookup of plan.lookups) {
    if ((await lookup.ask(lookups)) !== lookup.answer) return false;
  }
  return true;
}

/** Rows per statement, as in documents.ts. */
const CHUNK = 500;

/** Documents of one collection by id, with their seqs (and their data unless `withData` is off). */
async function readWithSeqs(
  db: Db,
  orgId: string,
  collection: string,
  ids: readonly string[],
  withData = true,
): Promise<{ docs: Map<string, WireDocument>; seqs: Map<string, number> }> {
  const docs = new Map<string, WireDocument>();
  const seqs = new Map<string, number>();
  const unique = [...new Set(ids)];
  for (let i = 0; i < unique.length; i += CHUNK) {
    const part = unique.slice(i, i + CHUNK);
    const base = db
      .selectFrom('documents')
      .where('org_id', '=', orgId)
      .where('collection', '=', collection)
      .where('id', 'in', part);
    if (withData) {
      for (const row of await base.select(['id', 'seq', 'data', 'deleted']).execute()) {
        docs.set(row.id, toWire(row.data, row.deleted));
        seqs.set(row.id, Number(row.seq));
      }
    } else {
      for (const row of await base.select(['id', 'seq']).execute()) {
        seqs.set(row.id, Number(row.seq));
      }
    }
  }
  return { docs, seqs };
}
