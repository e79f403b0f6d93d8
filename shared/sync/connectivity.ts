import { Subject } from 'rxjs';
import { SyncHttpError, type SyncHttpClient } from './http-client';

export interface BackoffOptions {
  /** First wait after a failure; doubles per failed round up to maxMs. */
  initialMs?: number;
  maxMs?: number;
}

/**
 * What the engine knows about the server right now, from the outcome of every request: which
 * operations are failing and why, and when the next attempt may go out. Ten collections retry in
 * parallel; a failed *round* (the failures before the next allowed attempt) counts once, so the
 * backoff does not grow ten times faster with ten collections.
 */
export class Connectivity {
  private readonly errors = new Map<string, SyncHttpError>();
  private failures = 0;
  private retryAt = 0;
  private readonly waiters = new Set<() => void>();
  private closed = false;
  /** Any change of the error set. */
  readonly changed$ = new Subject<void>();
  /** Every failed request. */
  readonly failed$ = new Subject<SyncHttpError>();
  /** A request got through for an operation that had found the server unreachable. */
  readonly recovered$ = new Subject<void>();
  private readonly initialMs: number;
  private readonly maxMs: number;

  constructor(backoff: BackoffOptions = {}) {
    this.initialMs = backoff.initialMs ?? 1000;
    this.maxMs = backoff.maxMs ?? 60_000;
  }

  /** The failures that are still current, unreachable ones first. */
  currentErrors(): SyncHttpError[] {
    return [...this.errors.values()].sort(
      (a, b) => Number(b.kind === 'unreachable') - Number(a.kind === 'unreachable'),
    );
  }

  /** Waits out the backoff (cut short by wake()); throws once closed. */
  async beforeRequest(): Promise<void> {
    const wait = this.retryAt - Date.now();
    if (wait > 0 && !this.closed) {
      await new Promise<void>((resolve) => {
        const done = () => {
          clearTimeout(timer);
          this.waiters.delete(done);
          resolve();
        };
        const timer = setTimeout(done, wait);
        this.waiters.add(done);
      });
    }
    if (this.closed) throw new SyncHttpError('unreachable', 'sync stopped');
  }

  succeeded(key: string): void {
    this.failures = 0;
    this.retryAt = 0;
    const previous = this.errors.get(key);
    if (this.errors.delete(key)) this.changed$.next();
    if (previous?.kind === 'unreachable') this.recovered$.next();
  }

  /** `backoff` false: record the failure for the state without delaying the next requests. */
  failed(key: string, error: SyncHttpError, backoff = true): void {
    const now = Date.now();
    if (backoff && now >= this.retryAt) {
      this.failures += 1;
      this.retryAt = now + Math.min(this.maxMs, this.initialMs * 2 ** (this.failures - 1));
    }
    this.errors.set(key, error);
    this.failed$.next(error);
    this.changed$.next();
  }

  /** Forgets a key's failure without a request (e.g. the stream reconnected). */
  clear(key: string): void {
    if (this.errors.delete(key)) this.changed$.next();
  }

  /** The next attempt may go now ("Sync now", the stream came back). */
  wake(): void {
    this.retryAt = 0;
    for (const waiter of [...this.waiters]) waiter();
  }

  close(): void {
    this.closed = true;
    this.wake();
    this.changed$.complete();
    this.failed$.complete();
    this.recovered$.complete();
  }
}

/**
 * The client the replications use: every request first waits out the backoff and reports its
 * outcome, so the engine's state follows what really happened on the wire.
 */
export function trackedClient(
  client: SyncHttpClient,
  connectivity: Connectivity,
  onFailure: (error: SyncHttpError) => void,
): SyncHttpClient {
  async function tracked<T>(key: string, call: () => Promise<T>): Promise<T> {
    await connectivity.beforeRequest();
    try {
      const result = await call();
      connectivity.succeeded(key);
      return result;
    } catch (error) {
      const failure =
        error instanceof SyncHttpError ? error : new SyncHttpError('http', String(error));
      connectivity.failed(key, failure);
      onFailure(failure);
      throw failure;
    }
  }
  return {
    ...client,
    pull: (collection, seq, limit) =>
      tracked(`pull:${collection}`, () => client.pull(collection, seq, limit)),
    push: (collection, rows) => tracked(`push:${collection}`, () => client.push(collection, rows)),
    pushBatch: (request) => tracked('push', () => client.pushBatch(request)),
  };
}
