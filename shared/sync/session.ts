import type { RxCollection } from 'rxdb';
import { Subject, filter, type Subscription } from 'rxjs';
import { createMergeConflictHandler } from './conflict-handler';
import { EpochKeeper } from './epoch-recovery';
import { Connectivity, trackedClient, type BackoffOptions } from './connectivity';
import { createSyncHttpClient, type SyncHttpClient, type SyncHttpError } from './http-client';
import { hash64 } from './merge';
import { countPendingChanges, pendingDocuments } from './pending-documents';
import { replicateCollection, type CollectionReplication, type RefusedRow } from './replication';
import type { PushRow } from './protocol';
import { PushCoordinator } from './push-coordinator';
import { dropLostMoves, withStageEvents } from './stage-event-companions';
import { isSampleDocument } from '../demo/marker';
import { createSyncStream, type SyncStream } from './stream';
import type { ConflictEntry, SyncAccount } from './types';

// Replication works on any collection; their document types differ.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyCollection = RxCollection<any>;

/** The context of RxDB's downstream (pull) writes to a collection (replication-protocol/index.ts). */
const DOWNSTREAM_WRITE = 'replication-downstream-';

export interface SessionHooks {
  now: () => number;
  logConflicts: (entries: ConflictEntry[]) => Promise<void>;
  onRefused: (collection: string, refused: RefusedRow[]) => Promise<void>;
  onAccepted: (collection: string, ids: string[]) => Promise<void>;
  skipRow: (collection: string, row: PushRow) => boolean;
  /** 401 anywhere (the token is gone), or a certificate other than the pinned one. */
  onUnauthorized: (error: SyncHttpError) => void;
  /** Anything that can change the status (activity, errors, first sync done). */
  onChange: () => void;
  /** Local data or replication progress changed: the pending count may have moved. */
  onProgress: () => void;
  /** A pull saw a server epoch other than the one stored (kept for the next start). */
  onEpoch?: (epoch: string) => void;
}

export interface SessionOptions {
  account: SyncAccount;
  token: string;
  collections: readonly AnyCollection[];
  fetch?: typeof fetch;
  timeoutMs?: number;
  backoff?: BackoffOptions;
  retryTimeMs?: number;
  waitForLeadership?: boolean;
  /** The server epoch stored by the last session (epoch-recovery.ts). */
  epoch?: string;
  hooks: SessionHooks;
}

/**
 * The replication identifier: one per server and organisation, so the checkpoints and assumed
 * master states learnt from one server are never used against another.
 */
export function replicationIdentifier(account: SyncAccount): string {
  return `ltc-${hash64(`${account.serverUrl}|${account.orgId}`)}`;
}

/**
 * One signed-in run of sync: the HTTP client with the token, the event stream, one RxDB
 * replication per collection, and what is known about the server's reachability.
 */
export class SyncSession {
  readonly connectivity: Connectivity;
  readonly client: SyncHttpClient;
  readonly stream: SyncStream;
  readonly replications = new Map<string, CollectionReplication>();
  readonly epoch: EpochKeeper;
  private readonly pushes: PushCoordinator;
  private readonly active = new Map<string, boolean>();
  private readonly initialDone = new Set<string>();
  private readonly subs: Subscription[] = [];
  /** Emits once when the session stops (sign-out, 401, close). */
  readonly stopped$ = new Subject<void>();
  private stopping: Promise<void> | undefined;
  /** The last replication error that was not a failed request (e.g. a local write failed). */
  lastReplicationError: string | undefined;

  constructor(readonly options: SessionOptions) {
    const { hooks } = options;
    this.connectivity = new Connectivity(options.backoff);
    this.epoch = new EpochKeeper(options.epoch, (epoch) => hooks.onEpoch?.(epoch));
    const raw = createSyncHttpClient({
      serverUrl: options.account.serverUrl,
      token: () => options.token,
      epoch: () => this.epoch.current,
      fetch: options.fetch,
      timeoutMs: options.timeoutMs,
    });
    const stops = (error: SyncHttpError) =>
      error.kind === 'unauthorized' || error.kind === 'certificate';
    this.client = trackedClient(raw, this.connectivity, (error) => {
      if (stops(error)) hooks.onUnauthorized(error);
    });
    this.stream = createSyncStream({
      client: raw,
      backoff: options.backoff,
      onConnected: () => {
        this.connectivity.clear('stream');
        // The server is back: retries waiting out their backoff may go now.
        this.connectivity.wake();
        hooks.onChange();
      },
      onError: (error) => {
        if (stops(error)) hooks.onUnauthorized(error);
        // The stream keeps its own backoff; its failure shows in the state (a stopped server
        // is noticed here even when there is nothing to push) without slowing the requests.
        else this.connectivity.failed('stream', error, false);
      },
    });
    this.subs.push(this.connectivity.changed$.subscribe(() => hooks.onChange()));
    this.subs.push(
      this.connectivity.recovered$.subscribe(() => {
        // A request got through after the server was unreachable: make the stream try now
        // instead of at the end of its backoff.
        this.stream.reconnect();
      }),
    );

    this.pushes = new PushCoordinator({
      client: this.client,
      pending: async (collection, ids) => {
        const replication = this.replications.get(collection);
        return replication
          ? pendingDocuments(replication.state, ids, isSampleDocument)
          : new Set<string>();
      },
    });
    const identifier = replicationIdentifier(options.account);
    for (const collection of options.collections) {
      const name = collection.name;
      // RxDB reads the collection's handler when the replication starts (just below).
      collection.conflictHandler = createMergeConflictHandler({
        collection: name,
        primaryKey: collection.schema.primaryPath as string,
        now: hooks.now,
        log: hooks.logConflicts,
        onStageLost: (base, local, server) => dropLostMoves(collection, base, local, server),
      });
      const replication = replicateCollection(collection, {
        client: this.client,
        stream$: this.stream.resync$(name),
        identifier,
        retryTime: options.retryTimeMs,
        waitForLeadership: options.waitForLeadership,
        onRefused: (refused) =>
          this.isStopped() ? Promise.resolve() : hooks.onRefused(name, refused),
        onAccepted: (ids) => (this.isStopped() ? Promise.resolve() : hooks.onAccepted(name, ids)),
        // Stage events travel with the record whose stage they changed (prepare), never alone.
        skipRow: (row) => name === 'stageevents' || hooks.skipRow(name, row),
        prepare: (rows) => withStageEvents(collection, rows),
        isLocalOnly: isSampleDocument,
        epoch: this.epoch,
        actor: {
          id: options.account.userId,
          name: options.account.name,
          role: options.account.role,
        },
        send: (remote, rows) => this.pushes.submit(remote, rows),
      });
      this.replications.set(name, replication);
      const state = replication.state;
      this.subs.push(
        state.active$.subscribe((active) => {
          this.active.set(name, active);
          hooks.onChange();
          // Counted once no collection is replicating: a count reads every document written
          // since the upstream's checkpoint, and while a first sync pulls, that is every document
          // pulled so far (a count as each small collection finished read the big ones again).
          if (!active && this.noneActive()) hooks.onProgress();
        }),
        state.error$.subscribe((error) => {
          // Failed requests are tracked by the client; anything else is a local problem.
          const parameters = (error as { parameters?: { errors?: unknown } }).parameters;
          if (parameters?.errors === undefined) {
            this.lastReplicationError = error.message;
            hooks.onChange();
          }
        }),
        // A pull's own writes never change what is pending (RxDB writes no pulled state over a
        // local change, and the assumed master goes with it), and a first sync writes thousands
        // of them: recounting after each bulk read them all again. The pull's end counts once
        // (active$ above).
        collection.eventBulks$
          .pipe(filter((bulk) => !bulk.context.startsWith(DOWNSTREAM_WRITE)))
          .subscribe(() => hooks.onProgress()),
      );
      void state.awaitInitialReplication().then(
        () => {
          this.initialDone.add(name);
          hooks.onChange();
          if (this.noneActive()) hooks.onProgress();
        },
        () => undefined,
      );
    }
  }

  isStopped(): boolean {
    return this.stopping !== undefined;
  }

  /** Every collection finished its first pull and push and nothing is running now. */
  isIdle(): boolean {
    return this.initialDone.size === this.replications.size && this.noneActive();
  }

  private noneActive(): boolean {
    return [...this.active.values()].every((active) => !active);
  }

  async countPending(): Promise<number> {
    let total = 0;
    for (const replication of this.replications.values()) {
      total += await countPendingChanges(replication.state);
    }
    return total;
  }

  stop(): Promise<void> {
    this.stopping ??= (async () => {
      this.stopped$.next();
      this.stopped$.complete();
      this.stream.close();
      this.pushes.close();
      // Wakes retries sleeping in the backoff; they fail and RxDB sees it is cancelled.
      this.connectivity.close();
      for (const sub of this.subs) sub.unsubscribe();
      await Promise.all([...this.replications.values()].map((r) => r.state.cancel()));
    })();
    return this.stopping;
  }
}
