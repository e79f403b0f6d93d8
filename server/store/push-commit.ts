import type { Kysely, Transaction } from 'kysely';
import type { VisibilityMode } from '../../shared/rules/visibility';
import { upsertDocuments, type BulkDialect } from './bulk-insert';
import { docKey, lastWritePerId, pushTransaction, writeReferences } from './documents';
import { planOptimistically, storedSeqs, stillValid, type OptimisticPlan } from './optimistic';
import { scopeColumns } from './references';
import type { BatchWrite, ChangeNotice, PushTransaction } from './types';
import type { SyncDatabase } from './tables';

/*
 * SyncStore.pushBatch on either database: each push judged on plain reads (optimistic.ts), then
 * committed under its organisation's sequence lock, several pushes of one firm in one transaction.
 *
 * The lock makes a firm's pushes commit in sequence order, across every server instance (see
 * `commitGroup`). Held once per push, each push pays a lock hand-over, a check and five or so
 * statements while all the firm's others wait: with 200 reps of one firm syncing at once, that
 * queue is the whole cost. So a firm's pushes queue here in the process instead, and whoever
 * takes the lock next takes every push that queued meanwhile (group commit, as databases do
 * with their log): one lock, one check of everything the group's plans read, one INSERT, one
 * NOTIFY, one commit. A push joins the group only if nothing an earlier member writes was read
 * by it; otherwise it waits for the next group, where it is checked (and if need be judged
 * again) against what that member wrote. Waiting here also keeps the pool free: a push waiting
 * for the database lock would hold a connection, and the pushes still judging need them.
 */

/** At most this many pushes, or about this many written documents, per transaction. */
const MAX_GROUP_PUSHES = 64;
const MAX_GROUP_WRITES = 4000;

/** Runs in the push transaction just before commit with its notices (PostgreSQL's NOTIFY). */
export type InTransaction = (
  trx: Transaction<SyncDatabase>,
  notices: ChangeNotice[],
) => Promise<void>;

interface Pending {
  plan: (trx: PushTransaction) => Promise<BatchWrite[]>;
  optimistic: OptimisticPlan | undefined;
  /** Failed in a group: is committed on its own, so that its error is its own. */
  alone: boolean;
  resolve(notices: ChangeNotice[]): void;
  reject(error: unknown): void;
}

interface Accepted {
  push: Pending;
  writes: BatchWrite[];
  views: string[];
}

export class PushCommitter {
  private readonly queues = new Map<string, Pending[]>();

  constructor(
    private readonly db: Kysely<SyncDatabase>,
    private readonly dialect: BulkDialect,
    private readonly inTransaction: InTransaction,
  ) {}

  /** Judges `plan` before the lock, then commits it with whatever else of the firm is waiting. */
  async push(
    orgId: string,
    plan: (trx: PushTransaction) => Promise<BatchWrite[]>,
  ): Promise<ChangeNotice[]> {
    const optimistic = await planOptimistically(this.db, orgId, plan, (on) =>
      pushTransaction(on, orgId, 'everyone', new Set()),
    );
    return new Promise<ChangeNotice[]>((resolve, reject) => {
      const queue = this.queues.get(orgId);
      const pending: Pending = { plan, optimistic, alone: false, resolve, reject };
      if (queue) {
        queue.push(pending);
        return;
      }
      this.queues.set(orgId, [pending]);
      void this.drain(orgId);
    });
  }

  /** Commits the firm's queue, a group at a time, until it is empty. */
  private async drain(orgId: string): Promise<void> {
    const queue = this.queues.get(orgId)!;
    while (queue.length > 0) {
      const group = takeGroup(queue);
      try {
        const { committed, later } = await this.commitGroup(orgId, group);
        queue.unshift(...later);
        for (const { push, notices } of committed) push.resolve(notices);
      } catch (error) {
        if (group.length === 1) group[0]!.reject(error);
        else queue.unshift(...group.map((push) => ({ ...push, alone: true })));
      }
    }
    this.queues.delete(orgId);
  }

  private commitGroup(
    orgId: string,
    group: readonly Pending[],
  ): Promise<{ committed: { push: Pending; notices: ChangeNotice[] }[]; later: Pending[] }> {
    return this.db.transaction().execute(async (trx) => {
      // Lock the organisation's sequence row FIRST, before checking what the plans read (or
      // reading anything, for a plan judged again). Transactions of one organisation then run
      // one at a time, across server instances too: each checks the masters the previous one
      // committed (PostgreSQL's READ COMMITTED takes a fresh snapshot per statement, and the
      // UPDATE waits for the lock and then sees the committed last_seq), and since the lock is
      // held until commit, a transaction holding seq n+1 cannot commit before the one holding
      // n. Seqs therefore become visible in order, so a pull that has seen seq n never misses a
      // smaller seq that commits later. SQLite takes its single write lock here for the same.
      const org = await trx
        .updateTable('organisations')
        .set((eb) => ({ last_seq: eb.ref('last_seq') }))
        .where('id', '=', orgId)
        .returning(['last_seq', 'visibility'])
        .executeTakeFirst();
      if (org === undefined) throw new Error(`organisation ${orgId} does not exist`);
      const visibility: VisibilityMode = org.visibility === 'own' ? 'own' : 'everyone';
      const now = { lastSeq: Number(org.last_seq), visibility };
      const views = new Set<string>();
      const locked = pushTransaction(trx, orgId, visibility, views);
      const plans = group.flatMap((push) => (push.optimistic ? [push.optimistic] : []));
      const stored = plans.some((plan) => Number(plan.lastSeq) !== now.lastSeq)
        ? await storedSeqs(trx, orgId, plans)
        : new Map<string, number>();

      const accepted: Accepted[] = [];
      const later: Pending[] = [];
      const written = new Set<string>();
      for (const push of group) {
        const plan = push.optimistic;
        let writes: BatchWrite[] | undefined;
        let bumped: string[] = [];
        if (plan && independent(plan, written) && (await stillValid(now, plan, stored, locked))) {
          writes = lastWritePerId(plan.writes);
          bumped = [...plan.views];
        } else if (accepted.length === 0) {
          // As a push always was: judged under the lock, on what is stored now (its plan raises
          // view epochs itself).
          writes = lastWritePerId(await push.plan(locked));
        } else {
          later.push(push);
          continue;
        }
        for (const write of writes) written.add(docKey(write.collection, write.id));
        accepted.push({ push, writes, views: bumped });
      }
      for (const { views: bump } of accepted) await locked.bumpViews(bump);

      const committed = await writeGroup(trx, this.dialect, orgId, Number(org.last_seq), accepted);
      const notices = committed.flatMap((entry) => entry.notices);
      if (views.size > 0 && notices[0]) notices[0].views = [...views];
      if (notices.length > 0) await this.inTransaction(trx, notices);
      return { committed, later };
    });
  }
}

/** The next group: the pushes at the head of the queue, up to the limits; a lone push alone. */
function takeGroup(queue: Pending[]): Pending[] {
  const group: Pending[] = [];
  let writes = 0;
  while (queue.length > 0 && group.length < MAX_GROUP_PUSHES) {
    const next = queue[0]!;
    if (next.alone && group.length > 0) break;
    const size = next.optimistic?.writes.length ?? 0;
    if (group.length > 0 && writes + size > MAX_GROUP_WRITES) break;
    group.push(queue.shift()!);
    writes += size;
    if (next.alone) break;
  }
  return group;
}

/**
 * Whether a plan can be committed after the group's earlier members without being judged again:
 * it read nothing they write, writes nothing they write, and asked no lookup (whose answer their
 * writes, not yet stored, could change).
 */
function independent(plan: OptimisticPlan, written: ReadonlySet<string>): boolean {
  if (written.size === 0) return true;
  if (plan.lookups.length > 0) return false;
  for (const [collection, ids] of plan.seen) {
    for (const id of ids.keys()) if (written.has(docKey(collection, id))) return false;
  }
  return plan.writes.every((write) => !written.has(docKey(write.collection, write.id)));
}

/** Writes the accepted pushes with the next seqs, in order; each push's notices. */
async function writeGroup(
  trx: Transaction<SyncDatabase>,
  dialect: BulkDialect,
  orgId: string,
  lastSeq: number,
  accepted: readonly Accepted[],
): Promise<{ push: Pending; notices: ChangeNotice[] }[]> {
  let seq = lastSeq;
  const committed: { push: Pending; notices: ChangeNotice[] }[] = [];
  const rows = accepted.flatMap(({ push, writes }) => {
    const lastOf = new Map<string, number>();
    const mine = writes.map((write) => {
      const { _deleted: deleted, ...fields } = write.data;
      seq += 1;
      lastOf.set(write.collection, seq);
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
    committed.push({ push, notices: noticesOf(orgId, writes, lastOf) });
    return mine;
  });
  if (rows.length === 0) return committed;
  await upsertDocuments(trx, dialect, rows);
  await writeReferences(
    trx,
    dialect,
    orgId,
    accepted.flatMap((entry) => entry.writes),
  );
  await trx.updateTable('organisations').set({ last_seq: seq }).where('id', '=', orgId).execute();
  return committed;
}

/** One notice per collection a push wrote, with who is told when that is few enough to say. */
function noticesOf(
  orgId: string,
  writes: readonly BatchWrite[],
  lastOf: ReadonlyMap<string, number>,
): ChangeNotice[] {
  return [...lastOf].map(([collection, last]) => {
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
}
