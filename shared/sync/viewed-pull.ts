import type { RxCollection, WithDeleted } from 'rxdb';
import type { RxReplicationState } from 'rxdb/plugins/replication';
import { recoverAfterRestore } from './epoch-recovery';
import { pendingDocuments } from './pending-documents';
import type { PullResponse, SyncCheckpoint } from './protocol';
import type { ReplicateCollectionOptions } from './replication';

/**
 * Pulls as the server lets this person see (server/replication/pull.ts), following their view
 * epoch. When it changes (a record handed over, the firm's visibility setting, their team), what
 * they may see has changed: everything is pulled again from the start, and at its end the
 * documents that did not come are dropped from this device. They are dropped as the server's own
 * deletions (RxDB writes them as master states), so they are never pushed back as deleted; local
 * changes not yet acknowledged, and sample data, are kept.
 */
export class ViewedPull {
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
