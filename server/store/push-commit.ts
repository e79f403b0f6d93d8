import type { Kysely, Transaction } from 'kysely';
import type { VisibilityMode } from '../../shared/rules/visibility';
import { upsertDocuments, type BulkDialect, type DocumentRow } from './bulk-insert';
import { docKey, lastWritePerId, pushTransaction, writeReferences } from './documents';
import {
  planOptimistically,
  storedSeqs,
  stillValid,
  unchanged,
  type FirmNow,
  type OptimisticPlan,
} from './optimistic';
import { scopeColumns } from './references';
import type { BatchWrite, ChangeNotice, PushTransaction } from './types';
import type { SyncDatabase } from './tables';

/*
 * SyncStore.pushBatch on either database: each push judged on plain reads (optimistic.ts), then
 * committed with whatever else of its firm is waiting, several pushes in one transaction.
 *
 * Group commit: with 200 reps of one firm syncing at once, each push paying its own lock
 * hand-over, check and five or so statements would make the queue the whole cost. So a firm's
 * pushes queue here in the process, and the next group takes every push that queued meanwhile
 * (as databases do with their log): one check of everything the group's plans read, one INSERT,
 * one NOTIFY, one commit. A push joins the group only if nothing an earlier member writes was
 * read by it; otherwise it waits for the next group, where it is checked (and if need be judged
 * again) against what that member wrote. Waiting here also keeps the pool free: a push waiting
 * for a database lock would hold a connection, and the pushes still judging need them.
 *
 * How a group holds its firm's sequence differs (`GroupCommit`): on PostgreSQL only while it
 * claims its seqs (push-claim.ts), so the next group is checked and claims while this one still
 * writes; on SQLite, whose one writer serialises everything anyway, for the whole transaction.
 */

/** At most this many pushes, or about this many written documents, per transaction. */
const MAX_GROUP_PUSHES = 64;
const MAX_GROUP_WRITES = 4000;
/** Groups of one firm writing at once in this process, after their claims (PostgreSQL). */
const MAX_GROUPS_WRITING = 4;

/** Runs in the push transaction just before commit with its notices (PostgreSQL's NOTIFY). */
export type InTransaction = (
  trx: Transaction<SyncDatabase>,
  notices: ChangeNotice[],
) => Promise<void>;

export interface Pending {
  plan: (trx: PushTransaction) => Promise<BatchWrite[]>;
  optimistic: OptimisticPlan | undefined;
  /** Failed in a group: is committed on its own, so that its error is its own. */
  alone: boolean;
  resolve(notices: ChangeNotice[]): void;
  reject(error: unknown): void;
}

export interface Accepted {
  push: Pending;
  writes: BatchWrite[];
  views: string[];
}

export interface Committed {
  push: Pending;
  notices: ChangeNotice[];
}

/**
 * Commits one group. Calls `claimed` once the firm's sequence is free for the next group, with
 * the members left for a later group; resolves with those it committed.
 */
export type GroupCommit = (
  orgId: string,
  group: readonly Pending[],
  claimed: (later: Pending[]) => void,
) => Promise<Committed[]>;

interface FirmQueue {
  queue: Pending[];
  /** A group is checking and claiming (holds, or waits for, the firm's sequence). */
  claiming: boolean;
  writing: number;
}

export class PushCommitter {
  private readonly firms = new Map<string, FirmQueue>();

  constructor(
    private readonly db: Kysely<SyncDatabase>,
    private readonly commitGroup: GroupCommit,
    private readonly firmNow: FirmNow,
  ) {}

  /** Judges `plan` before any lock, then commits it with whatever else of the firm is waiting. */
  async push(
    orgId: string,
    plan: (trx: PushTransaction) => Promise<BatchWrite[]>,
  ): Promise<ChangeNotice[]> {
    const optimistic = await planOptimistically(
      this.db,
      orgId,
      plan,
      (on) => pushTransaction(on, orgId, 'everyone', new Set()),
      this.firmNow,
    );
    return new Promise<ChangeNotice[]>((resolve, reject) => {
      const firm = this.firms.get(orgId) ?? { queue: [], claiming: false, writing: 0 };
      this.firms.set(orgId, firm);
      firm.queue.push({ plan, optimistic, alone: false, resolve, reject });
      this.pump(orgId, firm);
    });
  }

  /** Starts the firm's next group when none is claiming and few enough are writing. */
  private pump(orgId: string, firm: FirmQueue): void {
    if (firm.claiming || firm.writing >= MAX_GROUPS_WRITING) return;
    if (firm.queue.length === 0) {
      if (firm.writing === 0) this.firms.delete(orgId);
      return;
    }
    const group = takeGroup(firm.queue);
    firm.claiming = true;
    let later: Pending[] | undefined;
    const claimed = (left: Pending[]) => {
      if (later) return;
      later = left;
      firm.queue.unshift(...left);
      firm.claiming = false;
      firm.writing += 1;
      this.pump(orgId, firm);
    };
    this.commitGroup(orgId, group, claimed)
      .then(
        (committed) => {
          for (const { push, notices } of committed) push.resolve(notices);
        },
        (error: unknown) => {
          const failed = group.filter((push) => !later?.includes(push));
          if (failed.length === 1) failed[0]!.reject(error);
          else firm.queue.unshift(...failed.map((push) => ({ ...push, alone: true })));
        },
      )
      .finally(() => {
        if (later) firm.writing -= 1;
        else firm.claiming = false;
        this.pump(orgId, firm);
      });
  }
}

/**
 * Decides a group under its firm's sequence: each push whose plan still holds is taken as
 * planned, the first that does not is judged again (`replan` runs before that), and any later
 * one waits for the next group. `lookups` runs before a plan's lookups are asked again.
 */
export async function judgeGroup(
  group: readonly Pending[],
  now: { lastSeq: number; visibility: VisibilityMode },
  locked: PushTransaction,
  read: (plans: readonly OptimisticPlan[]) => Promise<Map<string, number>>,
  before: { replan(): Promise<void>; lookups(): Promise<void> } = {
    replan: () => Promise.resolve(),
    lookups: () => Promise.resolve(),
  },
): Promise<{ accepted: Accepted[]; later: Pending[] }> {
  const plans = group.flatMap((push) => (push.optimistic ? [push.optimistic] : []));
  const stored = plans.some((plan) => !unchanged(now, plan))
    ? await read(plans)
    : new Map<string, number>();
  const accepted: Accepted[] = [];
  const later: Pending[] = [];
  const written = new Set<string>();
  for (const push of group) {
    const plan = push.optimistic;
    let writes: BatchWrite[] | undefined;
    let bumped: string[] = [];
    if (plan && !unchanged(now, plan) && plan.lookups.length > 0) await before.lookups();
    if (plan && independent(plan, written) && (await stillValid(now, plan, stored, locked))) {
      writes = lastWritePerId(plan.writes);
      bumped = [...plan.views];
    } else if (accepted.length === 0) {
      // As a push always was: judged under the lock, on what is stored now (its plan raises
      // view epochs itself).
      await before.replan();
      writes = lastWritePerId(await push.plan(locked));
    } else {
      later.push(push);
      continue;
    }
    for (const write of writes) written.add(docKey(write.collection, write.id));
    accepted.push({ push, writes, views: bumped });
  }
  for (const { views } of accepted) await locked.bumpViews(views);
  return { accepted, later };
}

/** SQLite: the whole group in one transaction, which holds the database's one write lock. */
export function serialGroupCommit(
  db: Kysely<SyncDatabase>,
  inTransaction: InTransaction,
): GroupCommit {
  return async (orgId, group, claimed) => {
    const committed = await db.transaction().execute(async (trx) => {
      // The organisation's row FIRST, before checking what the plans read: the write lock is
      // then held, and the checks and the writes see one state.
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
      const { accepted, later } = await judgeGroup(
        group,
        { lastSeq: Number(org.last_seq), visibility },
        locked,
        (plans) => storedSeqs(trx, orgId, plans),
      );
      const { committed, lastSeq } = await writeGroup(
        trx,
        'sqlite',
        orgId,
        Number(org.last_seq),
        prepareGroup(orgId, accepted),
      );
      if (lastSeq !== Number(org.last_seq)) {
        await trx
          .updateTable('organisations')
          .set({ last_seq: lastSeq })
          .where('id', '=', orgId)
          .execute();
      }
      await notifyGroup(trx, committed, views, inTransaction);
      return { committed, later };
    });
    claimed(committed.later);
    return committed.committed;
  };
}

/** The group's notices, in the transaction; the first carries the view epochs raised. */
export async function notifyGroup(
  trx: Transaction<SyncDatabase>,
  committed: readonly Committed[],
  views: ReadonlySet<string>,
  inTransaction: InTransaction,
): Promise<void> {
  const notices = committed.flatMap((entry) => entry.notices);
  if (views.size > 0 && notices[0]) notices[0].views = [...views];
  if (notices.length > 0) await inTransaction(trx, notices);
}

/** SQLite's FirmNow: no claims there, so a plan is always settled. */
export function sqliteFirmNow(db: Kysely<SyncDatabase>): FirmNow {
  return async (orgId) => {
    const org = await db
      .selectFrom('organisations')
      .select(['last_seq', 'visibility'])
      .where('id', '=', orgId)
      .executeTakeFirst();
    return org && { lastSeq: Number(org.last_seq), visibility: org.visibility, settled: true };
  };
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

/** A group's rows, made before any seq is claimed: a document that cannot be stored claims none. */
export interface PreparedGroup {
  /** Each row's seq counts from 1: offset by the last seq before the group's. */
  rows: DocumentRow[];
  accepted: readonly Accepted[];
}

export function prepareGroup(orgId: string, accepted: readonly Accepted[]): PreparedGroup {
  let seq = 0;
  const rows = accepted.flatMap(({ writes }) =>
    writes.map((write) => {
      const { _deleted: deleted, ...fields } = write.data;
      seq += 1;
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
    }),
  );
  return { rows, accepted };
}

/** Writes a prepared group with the seqs after `lastSeq`, in order; each push's notices. */
export async function writeGroup(
  trx: Transaction<SyncDatabase>,
  dialect: BulkDialect,
  orgId: string,
  lastSeq: number,
  { rows, accepted }: PreparedGroup,
): Promise<{ committed: Committed[]; lastSeq: number }> {
  let seq = lastSeq;
  const committed = accepted.map(({ push, writes }) => {
    const lastOf = new Map<string, number>();
    for (const write of writes) lastOf.set(write.collection, (seq += 1));
    return { push, notices: noticesOf(orgId, writes, lastOf) };
  });
  if (rows.length === 0) return { committed, lastSeq };
  await upsertDocuments(
    trx,
    dialect,
    rows.map((row) => ({ ...row, seq: lastSeq + row.seq })),
  );
  await writeReferences(
    trx,
    dialect,
    orgId,
    accepted.flatMap((entry) => entry.writes),
  );
  return { committed, lastSeq: seq };
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
