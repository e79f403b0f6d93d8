import type { Kysely, Transaction } from 'kysely';
import type { VisibilityMode } from '../../shared/rules/visibility';
import type { WireDocument } from '../../shared/sync/protocol';
import type { BatchWrite, PushTransaction } from './types';
import type { SyncDatabase } from './tables';
import { docKey, readMany } from './documents';

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
 * one query compares the seqs (of every push committed together, push-commit.ts) and the
 * lookups run again. Anything changed: the plan runs again under the lock, as it always did, so
 * the verdict is always on what is stored when it commits.
 */

/** What an optimistic plan saw and decided. */
export interface OptimisticPlan {
  /** The organisation's last seq before the plan read anything. */
  lastSeq: number;
  /**
   * No push was between claiming its seqs and committing when the plan read lastSeq
   * (seq-claims.ts): everything up to lastSeq was stored or never would be.
   */
  settled: boolean;
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

/**
 * The organisation as a plan starts: its last seq, its visibility, and whether no push was
 * between claiming and committing then (seq-claims.ts; always so on SQLite). Read in one
 * statement, before anything else the plan reads.
 */
export type FirmNow = (
  orgId: string,
) => Promise<{ lastSeq: number; visibility: string; settled: boolean } | undefined>;

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
 * `lookupsOf` gives the lookups of a PushTransaction (the same queries the locked path runs).
 */
export async function planOptimistically(
  db: Kysely<SyncDatabase>,
  orgId: string,
  plan: (trx: PushTransaction) => Promise<BatchWrite[]>,
  lookupsOf: (db: Db) => Omit<PushTransaction, 'read' | 'bumpViews' | 'visibility'>,
  firmNow: FirmNow,
): Promise<OptimisticPlan | undefined> {
  const org = await firmNow(orgId);
  if (org === undefined) return undefined;
  const settled = org.settled;
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
    async read(wanted) {
      const found = await readMany(db, orgId, wanted);
      const docs = new Map<string, WireDocument>();
      for (const [collection, ids] of wanted) {
        const mine = seen.get(collection) ?? new Map<string, number | null>();
        for (const id of ids) {
          const at = found.get(docKey(collection, id));
          mine.set(id, at ? at.seq : null);
          if (at) docs.set(docKey(collection, id), at.doc);
        }
        seen.set(collection, mine);
      }
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
  return { lastSeq: org.lastSeq, settled, visibility, writes, seen, lookups, views };
}

/**
 * Under the lock: the stored seq of every document the plans read (absent: not stored), keyed
 * docKey, in one read of all their collections (documents.ts readMany), since under the lock
 * every round trip is time the firm's other pushes wait.
 */
export async function storedSeqs(
  trx: Transaction<SyncDatabase>,
  orgId: string,
  plans: readonly OptimisticPlan[],
): Promise<Map<string, number>> {
  const wanted = new Map<string, Set<string>>();
  for (const plan of plans) {
    for (const [collection, ids] of plan.seen) {
      const mine = wanted.get(collection) ?? new Set<string>();
      for (const id of ids.keys()) mine.add(id);
      wanted.set(collection, mine);
    }
  }
  const found = await readMany(trx, orgId, wanted);
  return new Map([...found].map(([key, { seq }]) => [key, seq]));
}

/**
 * Nothing written to the firm since the plan read its last seq, and nothing was being written
 * then: nothing the plan saw can differ.
 */
export function unchanged(now: { lastSeq: number }, plan: OptimisticPlan): boolean {
  return plan.settled && now.lastSeq === Number(plan.lastSeq);
}

/**
 * Under the lock: whether what the plan saw is still what is stored. `now`: the organisation row
 * as the lock returned it; `stored`: storedSeqs of (at least) this plan; `lookups`: the
 * transaction's own, to ask the plan's lookups again.
 */
export async function stillValid(
  now: { lastSeq: number; visibility: VisibilityMode },
  plan: OptimisticPlan,
  stored: ReadonlyMap<string, number>,
  lookups: PushTransaction,
): Promise<boolean> {
  if (now.visibility !== plan.visibility) return false;
  if (unchanged(now, plan)) return true;
  for (const [collection, ids] of plan.seen) {
    for (const [id, seq] of ids) {
      if ((stored.get(docKey(collection, id)) ?? null) !== seq) return false;
    }
  }
  for (const lookup of plan.lookups) {
    if ((await lookup.ask(lookups)) !== lookup.answer) return false;
  }
  return true;
}
