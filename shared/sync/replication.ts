import {
  getAssumedMasterState,
  getChangedDocumentsSince,
  getComposedPrimaryKeyOfDocumentData,
  writeDocToDocState,
  type RxCollection,
  type RxReplicationWriteToMasterRow,
  type WithDeleted,
} from 'rxdb';
import { replicateRxCollection, type RxReplicationState } from 'rxdb/plugins/replication';
import { Subject, filter, type Observable } from 'rxjs';
import type { Actor } from '../rules/actor';
import type { EpochKeeper } from './epoch-recovery';
import { rebaseRows, recoverAfterRestore } from './epoch-recovery';
import { isSyncHttpError, type SyncHttpClient } from './http-client';
import {
  PULL_BATCH_SIZE,
  PUSH_BATCH_SIZE,
  type PullResponse,
  type PushRefusal,
  type PushResponse,
  type PushRow,
  type SyncCheckpoint,
  type WireDocument,
} from './protocol';

export interface RefusedRow {
  row: PushRow;
  refusal: PushRefusal;
}

export interface ReplicateCollectionOptions {
  /** Server collection name; defaults to the RxDB collection's name. */
  remoteName?: string;
  client: SyncHttpClient;
  /** RESYNC signals for this collection (createSyncStream(...).resync$(name)). */
  stream$?: Observable<'RESYNC'>;
  /**
   * Names the replication's checkpoint and meta data. Different servers or organisations need
   * different identifiers, or one server's checkpoints would be used against another.
   */
  identifier: string;
  live?: boolean;
  /** RxDB's wait between failed attempts; the engine's own backoff comes on top. */
  retryTime?: number;
  /** Wait to be the leading tab before replicating (multi-instance databases only). */
  waitForLeadership?: boolean;
  /** Rows the server refused: they are not retried, and must be kept for the person. */
  onRefused?: (refused: RefusedRow[]) => Promise<void>;
  /** Ids the server took (written, or already identical there). */
  onAccepted?: (ids: string[]) => Promise<void>;
  /** Rows that must not be sent; RxDB records them as pushed. */
  skipRow?: (row: PushRow) => boolean;
  /** Adds what travels with the rows (a record's stage events, see shared/rules/stage-chain.ts). */
  prepare?: (rows: PushRow[]) => Promise<PushRow[]>;
  /** Sends the rows (with other collections' rows that belong with them); default: client.push. */
  send?: (collection: string, rows: PushRow[]) => Promise<PushResponse>;
  /** Documents that never sync (sample data): a resync never drops them. */
  isLocalOnly?: (doc: Record<string, unknown>) => boolean;
  /**
   * The session's server epoch (epoch-recovery.ts), shared by its collections. Without it the
   * collection follows no epoch (RxDB's own replication suite).
   */
  epoch?: EpochKeeper;
  /** Who is signed in (what they may send again after a restore, epoch-recovery.ts). */
  actor?: Actor;
}

export interface CollectionReplication {
  state: RxReplicationState<unknown, SyncCheckpoint>;
  /** Emits after every completed pull request (used to know a resync really pulled). */
  pulled$: Observable<void>;
}

/**
 * RxDB replication of one collection against the sync server: pull by the server's sequence
 * checkpoint, push {assumedMasterState, newDocumentState} rows and hand the server's conflicts to
 * the collection's conflict handler, RESYNC from the event stream. The engine and RxDB's own
 * replication test suite both run this function.
 */
export function replicateCollection(
  // The engine replicates every LTC collection, the suite RxDB's test humans.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  collection: RxCollection<any>,
  options: ReplicateCollectionOptions,
): CollectionReplication {
  const remote = options.remoteName ?? collection.name;
  const primaryKey = collection.schema.primaryPath as string;
  const pulled = new Subject<void>();
  const view: ViewedPull = new ViewedPull(
    collection,
    remote,
    options,
    (): RxReplicationState<unknown, SyncCheckpoint> => state,
  );
  const pushing = new EpochGate(view, () => state, options.epoch);
  const state: RxReplicationState<unknown, SyncCheckpoint> = replicateRxCollection<
    unknown,
    SyncCheckpoint
  >({
    collection,
    replicationIdentifier: options.identifier,
    live: options.live ?? true,
    retryTime: options.retryTime ?? 1000,
    waitForLeadership: options.waitForLeadership ?? true,
    // The engine decides when to sync; a hidden browser tab must keep syncing its changes.
    toggleOnDocumentVisible: false,
    pull: {
      batchSize: PULL_BATCH_SIZE,
      stream$: options.stream$,
      handler: async (checkpoint: SyncCheckpoint | undefined, batchSize: number) => {
        const page = await view.pull(checkpoint, batchSize);
        pulled.next();
        options.epoch?.pulled();
        return page;
      },
    },
    push: {
      batchSize: PUSH_BATCH_SIZE,
      handler: async (rows: RxReplicationWriteToMasterRow<unknown>[]) => {
        const wireRows = rows as unknown as PushRow[];
        const kept = options.skipRow ? wireRows.filter((row) => !options.skipRow?.(row)) : wireRows;
        if (kept.length === 0) return [];
        let send = options.prepare ? await options.prepare(kept) : kept;
        const response = await pushing.send(send, primaryKey, (rebased) => {
          send = rebased;
          return options.send
            ? options.send(remote, rebased)
            : options.client.push(remote, rebased);
        });
        const idOf = (doc: WireDocument) => String(doc[primaryKey]);
        if (response.refused.length > 0 && options.onRefused) {
          const byId = new Map(send.map((row) => [idOf(row.newDocumentState), row]));
          await options.onRefused(
            response.refused.flatMap((refusal) => {
              const row = byId.get(refusal.id);
              return row ? [{ row, refusal }] : [];
            }),
          );
        }
        if (options.onAccepted) {
          const notTaken = new Set([
            ...response.refused.map((refusal) => refusal.id),
            ...response.conflicts.map(idOf),
          ]);
          const accepted = send
            .map((row) => idOf(row.newDocumentState))
            .filter((id) => !notTaken.has(id));
          if (accepted.length > 0) await options.onAccepted(accepted);
        }
        return response.conflicts as WithDeleted<unknown>[];
      },
    },
  });
  return { state, pulled$: pulled.asObservable() };
}

/**
 * Holds a collection's pushes while the session knows of a newer server epoch than some
 * collection's checkpoint: rows made against data the server no longer has wait for the
 * recoveries (the collections' next pulls) and go with the assumed states those wrote. A push
 * refused with epochChanged (the session had not heard yet) does the same.
 */
class EpochGate {
  constructor(
    private readonly view: ViewedPull,
    private readonly state: () => RxReplicationState<unknown, SyncCheckpoint>,
    private readonly keeper: EpochKeeper | undefined,
  ) {
    keeper?.join({
      inEpoch: (epoch) => view.inEpoch(epoch),
      pull: () => state().reSync(),
    });
  }

  async send(
    rows: PushRow[],
    primaryKey: string,
    push: (rows: PushRow[]) => Promise<PushResponse>,
  ): Promise<PushResponse> {
    const keeper = this.keeper;
    if (!keeper) return push(rows);
    const stopped = this.state().canceled$.pipe(filter((canceled) => canceled === true));
    for (let attempt = 0; ; attempt += 1) {
      const waited = await keeper.allInStep(stopped);
      const send = waited ? await rebaseRows(this.state(), primaryKey, rows) : rows;
      try {
        return await push(send);
      } catch (error) {
        if (attempt >= 2 || !isSyncHttpError(error) || error.code !== 'epochChanged') throw error;
        // The next pull learns the new epoch; the collections then catch up before a retry.
        await keeper.pullAgain(() => this.state().reSync(), stopped);
      }
    }
  }
}

const PENDING_PAGE = 500;

/**
 * Local documents not yet acknowledged by the server, counted from RxDB's own replication state
 * so the number is right after a restart, offline, and whatever the engine saw before:
 *
 * - The upstream checkpoint (meta document "up|1") marks how far RxDB has processed the local
 *   storage's changes: every document written before it was pushed and acknowledged (or came from
 *   the server, or was resolved). RxDB moves it only after a push succeeded, so while offline it
 *   stays put and everything written since is after it.
 * - For each document changed since that checkpoint, the meta instance holds the assumed master
 *   state (what the server was last known to have). A document counts as pending when its local
 *   state differs from that (or there is none): pulled documents and acknowledged pushes are
 *   written to the meta too, so they are not counted even before the checkpoint moves on.
 *
 * Refused rows are recorded as pushed by RxDB (they are not retried) and appear as problems
 * instead. Requires a started replication (the meta instance is opened by start()).
 */
export async function countPendingChanges(
  state: RxReplicationState<unknown, SyncCheckpoint>,
): Promise<number> {
  await state.startPromise;
  const internal = state.internalReplicationState;
  if (!internal || state.isStopped()) return 0;
  const { forkInstance, metaInstance, conflictHandler } = internal.input;
  const checkpointId = getComposedPrimaryKeyOfDocumentData(metaInstance.schema, {
    itemId: 'up',
    isCheckpoint: '1',
  });
  const [checkpointDoc] = await metaInstance.findDocumentsById([checkpointId], false);
  let checkpoint: unknown = checkpointDoc?.checkpointData;
  let count = 0;

  for (;;) {
    const page = await getChangedDocumentsSince(forkInstance, PENDING_PAGE, checkpoint);
    if (page.documents.length === 0) break;
    const idOf = (doc: object) => String((doc as Record<string, unknown>)[internal.primaryPath]);
    const assumed = await getAssumedMasterState(internal, page.documents.map(idOf));
    for (const doc of page.documents) {
      const master = assumed[idOf(doc)];
      const local = writeDocToDocState(doc, internal.hasAttachments, false);
      if (!master || !conflictHandler.isEqual(master.docData, local, 'ltc-pending-count')) {
        count += 1;
      }
    }
    checkpoint = page.checkpoint;
    if (page.documents.length < PENDING_PAGE) break;
  }
  return count;
}

/**
 * Of `ids`, the documents with local changes the server has not acknowledged (by the same measure
 * as countPendingChanges); sample documents never sync, so they are never pending.
 */
export async function pendingDocuments(
  state: RxReplicationState<unknown, SyncCheckpoint>,
  ids: readonly string[],
  isLocalOnly: (doc: Record<string, unknown>) => boolean,
): Promise<Set<string>> {
  const pending = new Set<string>();
  if (ids.length === 0) return pending;
  await state.startPromise;
  const internal = state.internalReplicationState;
  if (!internal || state.isStopped()) return pending;
  const { forkInstance, conflictHandler } = internal.input;
  const [docs, assumed] = await Promise.all([
    forkInstance.findDocumentsById([...ids], false),
    getAssumedMasterState(internal, [...ids]),
  ]);
  for (const doc of docs) {
    const data = doc as unknown as Record<string, unknown>;
    if (isLocalOnly(data)) continue;
    const id = String(data[internal.primaryPath]);
    const master = assumed[id];
    const local = writeDocToDocState(doc, internal.hasAttachments, false);
    if (!master || !conflictHandler.isEqual(master.docData, local, 'ltc-pending-reference')) {
      pending.add(id);
    }
  }
  return pending;
}

/**
 * Pulls as the server lets this person see (server/replication/pull.ts), following their view
 * epoch. When it changes (a record handed over, the firm's visibility setting, their team), what
 * they may see has changed: everything is pulled again from the start, and at its end the
 * documents that did not come are dropped from this device. They are dropped as the server's own
 * deletions (RxDB writes them as master states), so they are never pushed back as deleted; local
 * changes not yet acknowledged, and sample data, are kept.
 */
class ViewedPull {
  private resync: { view: number; seen: Set<string> } | undefined;
  /**
   * The last view this process finished a resync in. RxDB keeps a checkpoint only with
   * documents, so a resync that ended with nothing to bring or drop leaves the old one stored.
   */
  private finished: number | undefined;
  /** The server epoch of the last pull in this process (undefined: none yet, or an old server). */
  private epoch: string | undefined;
  private pulledOnce = false;

  constructor(
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- any LTC collection
    private readonly collection: RxCollection<any>,
    private readonly remote: string,
    private readonly options: ReplicateCollectionOptions,
    private readonly state: () => RxReplicationState<unknown, SyncCheckpoint>,
  ) {}

  async pull(
    checkpoint: SyncCheckpoint | undefined,
    batchSize: number,
  ): Promise<{ documents: WithDeleted<unknown>[]; checkpoint: SyncCheckpoint }> {
    const { client } = this.options;
    // A resync cut short by a restart starts over from the beginning: what it had seen is gone
    // with the process, and dropping needs all of it.
    let seq = checkpoint?.seq ?? 0;
    if (
      checkpoint?.resync &&
      this.resync?.view !== checkpoint.view &&
      this.finished !== checkpoint.view
    ) {
      this.begin(checkpoint.view ?? 0);
      seq = 0;
    }
    let response = await client.pull(this.remote, seq, batchSize);
    const restored = await this.followEpoch(checkpoint, response, batchSize);
    if (restored) return restored;
    const changed =
      response.view !== undefined &&
      checkpoint?.view !== undefined &&
      response.view !== checkpoint.view &&
      this.resync?.view !== response.view &&
      this.finished !== response.view;
    if (changed) {
      this.begin(response.view ?? 0);
      response = await client.pull(this.remote, 0, batchSize);
    }
    const documents = response.documents as WithDeleted<unknown>[];
    const viewNow = response.view ?? checkpoint?.view;
    const epoch = this.epoch === undefined ? {} : { epoch: this.epoch };
    if (!this.resync) {
      return {
        documents,
        checkpoint: {
          seq: response.checkpoint.seq,
          ...(viewNow !== undefined ? { view: viewNow } : {}),
          ...epoch,
        },
      };
    }
    const primaryPath = this.collection.schema.primaryPath as string;
    for (const doc of documents)
      this.resync.seen.add(String((doc as Record<string, unknown>)[primaryPath]));
    if (documents.length >= batchSize) {
      return {
        documents,
        checkpoint: {
          seq: response.checkpoint.seq,
          view: this.resync.view,
          resync: true,
          ...epoch,
        },
      };
    }
    const dropped = await this.gone(this.resync.seen);
    const finished = this.resync.view;
    this.finished = finished;
    this.resync = undefined;
    return {
      documents: [...documents, ...dropped],
      checkpoint: { seq: response.checkpoint.seq, view: finished, ...epoch },
    };
  }

  /** Whether this collection has pulled in `epoch` (pushes wait until it has, EpochGate). */
  inEpoch(epoch: string | undefined): boolean {
    return (
      this.pulledOnce && (epoch === undefined || this.epoch === undefined || this.epoch === epoch)
    );
  }

  /**
   * Follows the server epoch: a checkpoint from an earlier one means the server was restored from
   * a backup since, and the collection recovers (epoch-recovery.ts) instead of pulling on. A
   * checkpoint without one (from before epochs) takes the server's as it is.
   */
  private async followEpoch(
    checkpoint: SyncCheckpoint | undefined,
    response: PullResponse,
    batchSize: number,
  ): Promise<{ documents: WithDeleted<unknown>[]; checkpoint: SyncCheckpoint } | undefined> {
    const epoch = response.epoch;
    const keeper = this.options.epoch;
    if (!epoch || !keeper) {
      this.pulledOnce = true;
      return undefined;
    }
    keeper.learn(epoch.epoch);
    if (checkpoint?.epoch === undefined || checkpoint.epoch === epoch.epoch) {
      this.epoch = epoch.epoch;
      this.pulledOnce = true;
      return undefined;
    }
    const recovered = await recoverAfterRestore({
      collection: this.collection,
      state: this.state(),
      client: this.options.client,
      remote: this.remote,
      oldSeq: checkpoint.seq,
      epoch,
      batchSize,
      isLocalOnly: this.options.isLocalOnly ?? (() => false),
      ...(this.options.actor && { actor: this.options.actor }),
    });
    this.epoch = epoch.epoch;
    this.pulledOnce = true;
    // Everything was pulled again: a view resync under way is done with it.
    this.resync = undefined;
    const view = response.view ?? checkpoint.view;
    return {
      documents: recovered.documents,
      checkpoint: {
        seq: recovered.seq,
        epoch: epoch.epoch,
        ...(view !== undefined ? { view } : {}),
      },
    };
  }

  private begin(view: number): void {
    this.resync = { view, seen: new Set() };
  }

  /** This device's documents the resync did not bring, as deletions from the server. */
  private async gone(seen: ReadonlySet<string>): Promise<WithDeleted<unknown>[]> {
    const primaryPath = this.collection.schema.primaryPath as string;
    const local = await this.collection.find().exec();
    const isLocalOnly = this.options.isLocalOnly ?? (() => false);
    const candidates = local
      .map((doc) => doc.toJSON() as Record<string, unknown>)
      .filter((data) => !seen.has(String(data[primaryPath])) && !isLocalOnly(data));
    if (candidates.length === 0) return [];
    const pending = await pendingDocuments(
      this.state(),
      candidates.map((data) => String(data[primaryPath])),
      isLocalOnly,
    );
    return candidates
      .filter((data) => !pending.has(String(data[primaryPath])))
      .map((data) => ({ ...data, _deleted: true }) as WithDeleted<unknown>);
  }
}
