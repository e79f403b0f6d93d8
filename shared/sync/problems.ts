import type { RxCollection } from 'rxdb';
import { recordLabel } from './conflict-handler';
import type { SyncHttpClient } from './http-client';
import { WatchedLog } from './watched-log';
import { writeReplicatedState } from './local-records';
import type { SyncLocalState } from './local-state';
import { jsonEqual } from './merge';
import { MAX_PULL_LIMIT, type PushRow, type WireDocument } from './protocol';
import type { RefusedRow } from './replication';
import { dropLostMoves, dropOrphanMoves } from './stage-event-companions';
import type { SyncProblem } from './types';

/** One problem per record: a newer refusal of the same record replaces the older one. */
export const problemId = (collection: string, recordId: string) => `${collection}/${recordId}`;

/**
 * The problems a push's refusals make. A history entry refused because the change it describes
 * was refused in the same push is not a problem of its own: the record's problem says it.
 */
export function problemsFromRefusals(
  collection: string,
  refused: readonly RefusedRow[],
  at: number,
): SyncProblem[] {
  const own = refused.filter(({ refusal }) => refusal.reason !== 'recordRefused');
  return own.map(({ row, refusal }) => ({
    id: problemId(collection, refusal.id),
    collection,
    recordId: refusal.id,
    recordLabel: recordLabel(row.newDocumentState, refusal.id),
    code: refusal.code,
    message: refusal.message,
    ...(refusal.field !== undefined ? { field: refusal.field } : {}),
    ...(refusal.reason !== undefined ? { reason: refusal.reason } : {}),
    ...(refusal.params !== undefined ? { params: refusal.params } : {}),
    ...(refusal.refusals !== undefined ? { refusals: refusal.refusals } : {}),
    at,
    // The refused state itself: what the person typed is never only in a sync queue.
    document: { ...row.newDocumentState },
    ...(row.assumedMasterState ? { assumed: { ...row.assumedMasterState } } : {}),
  }));
}

/**
 * The server's current state of one record, or undefined when it has none. Pull by sequence is
 * the only read the server offers; discarding a problem is rare and explicit, so paging the
 * collection from the start is acceptable.
 */
export async function fetchServerState(
  client: SyncHttpClient,
  collection: string,
  primaryKey: string,
  recordId: string,
): Promise<WireDocument | undefined> {
  let seq = 0;
  let found: WireDocument | undefined;
  for (;;) {
    const page = await client.pull(collection, seq, MAX_PULL_LIMIT);
    for (const doc of page.documents) if (doc[primaryKey] === recordId) found = doc;
    if (page.documents.length < MAX_PULL_LIMIT) return found;
    seq = page.checkpoint.seq;
  }
}

/**
 * The records the server refused, one problem each, until the person fixes the record (the next
 * accepted push clears it) or discards the change. Kept in the sync state (local-state.ts); this
 * holds the copy the engine answers from and tells the watchers.
 */
export class ProblemLog extends WatchedLog<SyncProblem> {
  private discarded: SyncLocalState['problems']['discarded'] = {};

  load(state: SyncLocalState['problems']): void {
    this.entries = state.problems;
    this.discarded = state.discarded;
  }

  /** After the stored problems changed. */
  async reload(): Promise<void> {
    const state = await this.store.readInOrder('problems');
    this.discarded = state.discarded;
    this.reloaded(state.problems);
  }

  count(): number {
    return this.entries.length;
  }

  async record(collection: string, refused: RefusedRow[]): Promise<void> {
    const fresh = problemsFromRefusals(collection, refused, this.now());
    const ids = new Set(fresh.map((problem) => problem.id));
    await this.store.update('problems', (current) => ({
      ...current,
      problems: [...current.problems.filter((problem) => !ids.has(problem.id)), ...fresh],
    }));
  }

  /** A record the server took has no problem any more (the person fixed it). */
  async clear(collection: string, ids: string[]): Promise<void> {
    const solved = new Set(ids.map((id) => problemId(collection, id)));
    if (!this.entries.some((problem) => solved.has(problem.id))) return;
    await this.store.update('problems', (current) => ({
      ...current,
      problems: current.problems.filter((problem) => !solved.has(problem.id)),
    }));
  }

  /** Whether a pending row is the state a discard wrote (not to be pushed back). */
  skipDiscarded(collection: string, row: PushRow): boolean {
    const key = problemId(collection, String(row.newDocumentState[this.primaryKey(collection)]));
    const written = this.discarded[key];
    if (!written) return false;
    const skip = jsonEqual(written, row.newDocumentState);
    // Either way the marker has done its job: a different state is a newer edit and goes out.
    delete this.discarded[key];
    void this.store
      .update('problems', (current) => {
        const { [key]: _done, ...rest } = current.discarded;
        return { ...current, discarded: rest };
      })
      .catch(() => {});
    return skip;
  }

  /**
   * Replaces the refused local state with the server's current one. `client`: the signed-in
   * session's; `userId`: the signed-in person now, whose orphaned stage events go too.
   */
  async discard(
    id: string,
    client: SyncHttpClient | undefined,
    userId: () => string | undefined,
  ): Promise<void> {
    const problem = this.entries.find((candidate) => candidate.id === id);
    if (!problem) throw new Error(`no sync problem ${id}`);
    if (!client) throw new Error('Sign in to fetch the server’s version of this record.');
    const collection = this.database.collections[problem.collection] as RxCollection | undefined;
    if (!collection) throw new Error(`no collection ${problem.collection}`);
    const master = await fetchServerState(
      client,
      problem.collection,
      this.primaryKey(problem.collection),
      problem.recordId,
    );
    const local = await collection.findOne(problem.recordId).exec();
    // What the local document becomes: the server's state, or gone when the server never had it.
    const target: WireDocument | undefined =
      master ??
      (local
        ? { ...(local.toMutableJSON() as Record<string, unknown>), _deleted: true }
        : undefined);
    // Nothing to write when the record is gone on both sides.
    if (target && (local || !target._deleted)) {
      const key = problemId(problem.collection, problem.recordId);
      // Marked before the write, so the push that follows it is recognised and not sent.
      this.discarded[key] = target;
      await this.store.update('problems', (current) => ({
        ...current,
        discarded: { ...current.discarded, [key]: target },
      }));
      // The refused moves' stage events never reached the server: they go with the change.
      if (local) {
        const refused = local.toMutableJSON() as Record<string, unknown>;
        await dropLostMoves(collection, problem.assumed, refused, master);
        const person = userId();
        if (person !== undefined)
          await dropOrphanMoves(collection, master, problem.recordId, person);
      }
      await writeReplicatedState(collection, problem.recordId, target);
    }
    await this.store.update('problems', (current) => ({
      ...current,
      problems: current.problems.filter((candidate) => candidate.id !== id),
    }));
  }

  private primaryKey(collection: string): string {
    const rx = this.database.collections[collection] as RxCollection | undefined;
    return (rx?.schema.primaryPath as string | undefined) ?? 'id';
  }
}
