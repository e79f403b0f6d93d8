import { type RxCollection, type RxReplicationWriteToMasterRow, type WithDeleted } from 'rxdb';
import { replicateRxCollection, type RxReplicationState } from 'rxdb/plugins/replication';
import { Subject, filter, type Observable } from 'rxjs';
import type { Actor } from '../rules/actor';
import type { EpochKeeper } from './epoch-recovery';
import { rebaseRows } from './epoch-recovery';
import { isSyncHttpError, type SyncHttpClient } from './http-client';
import { ViewedPull } from './viewed-pull';
import {
  PULL_BATCH_SIZE,
  PUSH_BATCH_SIZE,
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
