import { referencesOf } from '../rules/catalog';
import type { SyncHttpClient } from './http-client';
import type { PushResponse, PushRow } from './protocol';

/**
 * One push for the records that belong together. RxDB replicates each collection on its own, so a
 * contact made offline could reach the server before the account it names, and the server, which
 * checks references, would refuse it. Every collection's push therefore goes through this
 * coordinator: a batch waits while a record it names has local changes the server has not yet
 * acknowledged and that are not already waiting here, and then goes in one request (one server
 * transaction) with the batches it names, parents and children together. Records that name each
 * other (a signed contract and its invoices) go together too. A batch that waited longer than
 * `waitMs` goes anyway: the server then says what is missing.
 */

export interface PushCoordinatorOptions {
  client: Pick<SyncHttpClient, 'pushBatch'>;
  /** Of `ids` (records of `collection`), those with local changes the server has not acknowledged. */
  pending(collection: string, ids: string[]): Promise<Set<string>>;
  waitMs?: number;
  /** How often a waiting batch looks again whether what it names has been pushed. */
  pollMs?: number;
}

interface Submission {
  collection: string;
  rows: PushRow[];
  /** Records the rows name, by collection. */
  names: Map<string, Set<string>>;
  since: number;
  resolve: (response: PushResponse) => void;
  reject: (error: unknown) => void;
}

export class PushCoordinatorClosedError extends Error {
  constructor() {
    super('sync stopped');
    this.name = 'PushCoordinatorClosedError';
  }
}

function namesOf(collection: string, rows: readonly PushRow[]): Map<string, Set<string>> {
  const names = new Map<string, Set<string>>();
  for (const row of rows) {
    for (const ref of referencesOf(collection, row.newDocumentState)) {
      let ids = names.get(ref.collection);
      if (!ids) names.set(ref.collection, (ids = new Set()));
      ids.add(ref.id);
    }
  }
  return names;
}

export class PushCoordinator {
  private readonly queue: Submission[] = [];
  private running = false;
  private closed = false;
  private wake: (() => void) | undefined;
  private readonly waitMs: number;
  private readonly pollMs: number;

  constructor(private readonly options: PushCoordinatorOptions) {
    this.waitMs = options.waitMs ?? 5000;
    this.pollMs = options.pollMs ?? 50;
  }

  submit(collection: string, rows: PushRow[]): Promise<PushResponse> {
    if (this.closed) return Promise.reject(new PushCoordinatorClosedError());
    return new Promise((resolve, reject) => {
      this.queue.push({
        collection,
        rows,
        names: namesOf(collection, rows),
        since: Date.now(),
        resolve,
        reject,
      });
      this.wake?.();
      void this.run();
    });
  }

  close(): void {
    this.closed = true;
    for (const submission of this.queue.splice(0)) {
      submission.reject(new PushCoordinatorClosedError());
    }
    this.wake?.();
  }

  private async run(): Promise<void> {
    if (this.running) return;
    this.running = true;
    try {
      while (this.queue.length > 0 && !this.closed) {
        const ready = await this.ready();
        if (ready.length === 0) {
          await this.pause();
          continue;
        }
        for (const submission of ready) this.queue.splice(this.queue.indexOf(submission), 1);
        await this.send(ready);
      }
    } finally {
      this.running = false;
    }
  }

  /** Waits for a new batch or the next look, whichever comes first. */
  private pause(): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(done, this.pollMs);
      function done() {
        clearTimeout(timer);
        resolve();
      }
      this.wake = () => {
        this.wake = undefined;
        done();
      };
    });
  }

  /** The batches that may go now: nothing they name is still to come (see the top). */
  private async ready(): Promise<Submission[]> {
    const queued = new Map<string, Set<string>>();
    for (const submission of this.queue) {
      const ids = queued.get(submission.collection) ?? new Set<string>();
      for (const row of submission.rows) ids.add(String(row.newDocumentState.id));
      queued.set(submission.collection, ids);
    }
    // What the batches name that is not waiting here: still to come if it has local changes.
    const outside = new Map<string, Set<string>>();
    for (const submission of this.queue) {
      for (const [collection, ids] of submission.names) {
        for (const id of ids) {
          if (queued.get(collection)?.has(id)) continue;
          const set = outside.get(collection) ?? new Set<string>();
          set.add(id);
          outside.set(collection, set);
        }
      }
    }
    const coming = new Map<string, Set<string>>();
    for (const [collection, ids] of outside) {
      coming.set(collection, await this.options.pending(collection, [...ids]));
    }
    const waits = (submission: Submission) =>
      [...submission.names].some(([collection, ids]) =>
        [...ids].some((id) => coming.get(collection)?.has(id)),
      );
    const ready = new Set(this.queue.filter((submission) => !waits(submission)));
    // A batch goes only with every waiting batch it names (records that name each other).
    for (let changed = true; changed;) {
      changed = false;
      for (const submission of ready) {
        const namesHeldBack = this.queue.some(
          (other) =>
            !ready.has(other) &&
            [...other.rows].some((row) =>
              submission.names.get(other.collection)?.has(String(row.newDocumentState.id)),
            ),
        );
        if (namesHeldBack) {
          ready.delete(submission);
          changed = true;
        }
      }
    }
    if (ready.size > 0) return [...ready];
    const overdue = this.queue.some((submission) => Date.now() - submission.since >= this.waitMs);
    return overdue ? [...this.queue] : [];
  }

  private async send(submissions: Submission[]): Promise<void> {
    // One batch per collection in a request; a second one of the same collection goes next.
    const first = new Map<string, Submission>();
    for (const submission of submissions) {
      if (first.has(submission.collection)) this.queue.unshift(submission);
      else first.set(submission.collection, submission);
    }
    const batch = [...first.values()];
    try {
      const response = await this.options.client.pushBatch({
        batches: batch.map(({ collection, rows }) => ({ collection, rows })),
      });
      for (const submission of batch) {
        submission.resolve(
          response.results[submission.collection] ?? { conflicts: [], refused: [] },
        );
      }
    } catch (error) {
      for (const submission of batch) submission.reject(error);
    }
  }
}
