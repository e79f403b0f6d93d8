import {
  createRevision,
  getAssumedMasterState,
  getChangedDocumentsSince,
  getMetaWriteRow,
  now,
  writeDocToDocState,
  type RxCollection,
  type WithDeleted,
} from 'rxdb';
import type { RxReplicationState } from 'rxdb/plugins/replication';
import { BehaviorSubject, Subject, firstValueFrom, map, race, type Observable } from 'rxjs';
import type { Actor } from '../rules/actor';
import type { Doc } from '../rules/catalog';
import type { RuleFacts } from '../rules/facts';
import { checkOwnership } from '../rules/ownership';
import { checkStamps } from '../rules/stamps';
import type { SyncHttpClient } from './http-client';
import { withStageEvents } from './stage-event-companions';
import type { PushRow, ServerEpoch, SyncCheckpoint, WireDocument } from './protocol';

/** A collection following the epoch (replication.ts ViewedPull). */
export interface EpochMember {
  /** Whether it has pulled in `epoch` (and so recovered from an earlier one). */
  inEpoch(epoch: string | undefined): boolean;
  /** Asks for a pull now. */
  pull(): void;
}

/**
 * The server epoch as this session knows it (protocol.ts ServerEpoch): the latest one any pull
 * saw. Pushes carry it, and wait while a collection has not yet pulled in it: its recovery
 * (below) must have marked what it sends again first, so that a record goes with the records it
 * names (the push coordinator holds a batch only for records it knows to be pending).
 */
export class EpochKeeper {
  private readonly latest: BehaviorSubject<string | undefined>;
  private readonly members = new Set<EpochMember>();
  private readonly progress = new Subject<void>();

  constructor(
    initial: string | undefined,
    private readonly onChange: (epoch: string) => void = () => undefined,
  ) {
    this.latest = new BehaviorSubject(initial);
  }

  get current(): string | undefined {
    return this.latest.value;
  }

  learn(epoch: string): void {
    if (epoch === this.latest.value) return;
    this.latest.next(epoch);
    this.onChange(epoch);
  }

  join(member: EpochMember): void {
    this.members.add(member);
  }

  /** A member finished a pull. */
  pulled(): void {
    this.progress.next();
  }

  /**
   * Waits until every member has pulled in the latest epoch (asking the others to pull), or
   * `stopped` emits. True when it had to wait.
   */
  async allInStep(stopped: Observable<unknown>): Promise<boolean> {
    let waited = false;
    for (;;) {
      const lagging = [...this.members].filter((member) => !member.inEpoch(this.current));
      if (lagging.length === 0) return waited;
      waited = true;
      const next = firstValueFrom(race(this.progress, stopped.pipe(map(() => 'stopped'))));
      for (const member of lagging) member.pull();
      if ((await next) === 'stopped') throw new Error('sync stopped');
    }
  }

  /** Waits for the next pull of any member after calling `pull`. */
  async pullAgain(pull: () => void, stopped: Observable<unknown>): Promise<void> {
    const next = firstValueFrom(race(this.progress, stopped.pipe(map(() => 'stopped'))));
    pull();
    if ((await next) === 'stopped') throw new Error('sync stopped');
  }
}

export interface RecoveryInput {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- any LTC collection
  collection: RxCollection<any>;
  state: RxReplicationState<unknown, SyncCheckpoint>;
  client: Pick<SyncHttpClient, 'pull'>;
  remote: string;
  /** The collection's checkpoint seq from before the restore (the old epoch's numbering). */
  oldSeq: number;
  epoch: ServerEpoch;
  batchSize: number;
  /** Documents that never sync (sample data). */
  isLocalOnly: (doc: Record<string, unknown>) => boolean;
  /** Who is signed in: only what they may write is sent again (mayResend). */
  actor?: Actor;
}

export interface RecoveryResult {
  /** The server's documents to hand to RxDB's downstream, as a pull from 0 would. */
  documents: WithDeleted<unknown>[];
  seq: number;
}

const LOCAL_PAGE = 500;

/**
 * The facts the stamp rules read, as a device knows them: only the signed-in person, no other
 * user, the device's clock. Ownership and stamps need no other record.
 */
function deviceFacts(actor: Actor, now: number): RuleFacts {
  const self = actor.role ? { id: actor.id, name: actor.name, role: actor.role } : undefined;
  return {
    knowsUsers: false,
    now,
    record: () => undefined,
    referencing: () => [],
    pipeline: () => undefined,
    user: (id) => (self && id === self.id ? self : undefined),
    userNamed: () => undefined,
    isReferenced: () => false,
    isPending: () => false,
  };
}

/**
 * Whether the person may write this document over what the server has, by the rulebook: a record
 * someone else created is sent again by its creator's device (the server stamps the creator and
 * refuses another), an edit by whoever may change the record. What they may not send stays for a
 * device that may; sending it would only end as a sync problem.
 */
function mayResend(
  actor: Actor | undefined,
  collection: string,
  before: WireDocument | undefined,
  local: WireDocument,
): boolean {
  if (!actor) return true;
  const { _deleted: _b, ...stored } = before ?? { _deleted: false };
  const { _deleted: _l, ...after } = local;
  const was = before ? (stored as Doc) : undefined;
  return (
    checkOwnership(actor, collection, was, after as Doc).ok &&
    checkStamps(actor, collection, was, after as Doc, deviceFacts(actor, Date.now())).ok
  );
}

/** Every document of the collection the server has now (as this person sees it), from seq `after`. */
async function pullAll(
  input: RecoveryInput,
  after: number,
): Promise<{ docs: Map<string, WireDocument>; seq: number }> {
  const primaryPath = input.collection.schema.primaryPath as string;
  const docs = new Map<string, WireDocument>();
  let seq = after;
  for (;;) {
    const page = await input.client.pull(input.remote, seq, input.batchSize);
    if (page.epoch && page.epoch.epoch !== input.epoch.epoch) {
      // Restored again meanwhile: this pass is void, the next pull starts over.
      throw new Error('the server epoch changed again during recovery');
    }
    for (const doc of page.documents) docs.set(String(doc[primaryPath]), doc);
    seq = page.checkpoint.seq;
    if (page.documents.length < input.batchSize) return { docs, seq };
  }
}

/**
 * After the server was restored from a backup (a new epoch): makes RxDB send again every local
 * document the server lost or has in an older state, and hands RxDB the server's documents as a
 * pull from 0. Nothing is sent from here: the documents to send get, as their assumed master
 * state, what the server has now (or, when the server lost them, a tombstone), and are touched, so
 * that RxDB's own upstream pushes them with their stage events; a conflict with someone who
 * pushed meanwhile merges through the collection's conflict handler as usual.
 *
 * Which states are older needs no clock: the restore numbered on from the organisation's last seq
 * (`epoch.since`). A server state the device had already pulled (its seq at most the device's old
 * checkpoint, and written before the restore) is the device's own history, so the device's
 * document is newer. A state the device never saw (written after its last pull, or after the
 * restore by someone else) is newer news: RxDB's usual pull and merge handle it.
 *
 * Idempotent: when the app stops halfway, the old checkpoint is still stored and it runs again.
 */
export async function recoverAfterRestore(input: RecoveryInput): Promise<RecoveryResult> {
  const { collection, state } = input;
  const primaryPath = collection.schema.primaryPath as string;
  const { docs: server, seq } = await pullAll(input, 0);
  const threshold = Math.min(input.oldSeq, input.epoch.since);
  const unseen =
    threshold === 0
      ? new Set(server.keys())
      : new Set((await pullAll(input, threshold)).docs.keys());

  await state.startPromise;
  const internal = state.internalReplicationState;
  if (!internal) throw new Error('the replication has not started');
  const { forkInstance, conflictHandler } = internal.input;
  const resend = new Map<string, WireDocument>();
  const lost = new Set<string>();
  const touch: Record<string, unknown>[] = [];
  let checkpoint: unknown;
  for (;;) {
    const page = await getChangedDocumentsSince(forkInstance, LOCAL_PAGE, checkpoint);
    for (const full of page.documents) {
      const doc = full as unknown as Record<string, unknown>;
      if (input.isLocalOnly(doc)) continue;
      const id = String(doc[primaryPath]);
      const local = writeDocToDocState(full, internal.hasAttachments, false) as WireDocument;
      const master = server.get(id);
      if (!master) {
        if (local._deleted || !mayResend(input.actor, collection.name, undefined, local)) continue;
        // The server lost it: no common state to merge from (a tombstone compares as such).
        resend.set(id, { [primaryPath]: id, _deleted: true });
        lost.add(id);
      } else if (
        unseen.has(id) ||
        conflictHandler.isEqual(master as never, local as never, 'ltc-epoch-recovery') ||
        !mayResend(input.actor, collection.name, master, local)
      ) {
        continue;
      } else {
        resend.set(id, master);
      }
      touch.push(doc);
    }
    checkpoint = page.checkpoint;
    if (page.documents.length < LOCAL_PAGE) break;
  }

  await keepOwnMoves(input, resend, touch, lost, primaryPath);
  if (resend.size > 0) {
    const previous = await getAssumedMasterState(internal, [...resend.keys()]);
    const metaRows = await Promise.all(
      [...resend].map(([id, master]) =>
        getMetaWriteRow(internal, master as never, previous[id]?.metaDocument),
      ),
    );
    await internal.input.metaInstance.bulkWrite(metaRows, 'ltc-epoch-recovery');
    // A new revision of the same data: RxDB's upstream sees a local write and pushes it.
    const token = collection.database.token;
    await forkInstance.bulkWrite(
      touch.map((doc) => ({
        previous: doc as never,
        document: {
          ...doc,
          _rev: createRevision(token, doc as never),
          _meta: { ...(doc._meta as object), lwt: now() },
        } as never,
      })),
      'ltc-epoch-recovery',
    );
  }
  return {
    // What is being sent again is left out: RxDB's downstream must not write the older state.
    documents: [...server].filter(([id]) => !resend.has(id)).map(([, doc]) => doc) as never,
    seq,
  };
}

/**
 * Leaves out the records whose stage change since the server's state holds someone else's moves:
 * a stage event is the history of who moved the card, and only its author's device may send it
 * (the author's recovery sends the record with it).
 */
async function keepOwnMoves(
  input: RecoveryInput,
  resend: Map<string, WireDocument>,
  touch: Record<string, unknown>[],
  lost: ReadonlySet<string>,
  primaryPath: string,
): Promise<void> {
  const actor = input.actor;
  if (!actor || resend.size === 0) return;
  const rows = touch.map((doc) => {
    const id = String(doc[primaryPath]);
    const master = resend.get(id);
    const { _meta, _rev, _attachments, ...state } = doc;
    return {
      // A record the server lost is sent as a creation, with the stage events since it was made.
      ...(master && !lost.has(id) ? { assumedMasterState: master } : {}),
      newDocumentState: state as WireDocument,
    };
  });
  const withEvents = await withStageEvents(input.collection, rows);
  for (const row of withEvents) {
    if ((row.stageEvents ?? []).some((event) => event.by !== actor.id)) {
      const id = String(row.newDocumentState[primaryPath]);
      resend.delete(id);
      touch.splice(
        touch.findIndex((doc) => String(doc[primaryPath]) === id),
        1,
      );
    }
  }
}

/** Push rows made before a recovery carry assumed states from before it: they are read again. */
export async function rebaseRows(
  state: RxReplicationState<unknown, SyncCheckpoint>,
  primaryPath: string,
  rows: PushRow[],
): Promise<PushRow[]> {
  const internal = state.internalReplicationState;
  if (!internal) return rows;
  const ids = rows.map((row) => String(row.newDocumentState[primaryPath]));
  const assumed = await getAssumedMasterState(internal, ids);
  return rows.map((row, i) => {
    const master = assumed[ids[i]!]?.docData as WireDocument | undefined;
    const { assumedMasterState: _old, ...rest } = row;
    return master ? { ...rest, assumedMasterState: master } : rest;
  });
}
