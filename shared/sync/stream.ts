import { createParser } from 'eventsource-parser';
import { BehaviorSubject, Subject, filter, map, type Observable } from 'rxjs';
import type { SyncHttpClient } from './http-client';
import { SyncHttpError, isSyncHttpError } from './http-client';
import type { SyncStreamEvent } from './protocol';

export interface SyncStreamOptions {
  client: SyncHttpClient;
  /** Every failure to connect or a dropped connection; a 401 also stops the stream. */
  onError?: (error: SyncHttpError) => void;
  /** Each time a connection is up (its `hello` arrived). */
  onConnected?: () => void;
  /** Reconnect delays: initialMs doubling up to maxMs. */
  backoff?: { initialMs?: number; maxMs?: number };
  /**
   * A connection with no bytes for this long is dead (a laptop that slept, a silently dropped
   * route) and is replaced. The server sends a heartbeat comment every 15 s by default.
   */
  idleTimeoutMs?: number;
}

export interface SyncStream {
  /**
   * 'RESYNC' for one collection: on every `hello` (a (re)connection, after which anything may have
   * changed) and on every `change` event for it. This is RxDB's pull.stream$: on RESYNC the
   * replication pulls from its checkpoint and pushes what is pending.
   */
  resync$(collection: string): Observable<'RESYNC'>;
  readonly connected$: Observable<boolean>;
  /** When waiting to reconnect, connects now instead of at the end of the backoff. */
  reconnect(): void;
  close(): void;
}

/**
 * The server's event stream over fetch: Node 20 has no EventSource, and a browser EventSource
 * cannot send the Authorization header. Reconnects with backoff for as long as it is open.
 */
export function createSyncStream(options: SyncStreamOptions): SyncStream {
  const initialMs = options.backoff?.initialMs ?? 1000;
  const maxMs = options.backoff?.maxMs ?? 30_000;
  const idleTimeoutMs = options.idleTimeoutMs ?? 45_000;
  const events = new Subject<SyncStreamEvent>();
  const connected = new BehaviorSubject(false);
  let closed = false;
  let current: AbortController | undefined;
  let wakeUp: (() => void) | undefined;

  async function readEvents(
    body: ReadableStream<Uint8Array>,
    controller: AbortController,
  ): Promise<void> {
    const reader = body.getReader();
    let idle: ReturnType<typeof setTimeout> | undefined;
    const stillAlive = () => {
      clearTimeout(idle);
      idle = setTimeout(() => {
        dead = true;
        controller.abort();
        void reader.cancel().catch(() => undefined);
      }, idleTimeoutMs);
    };
    let dead = false;
    const decoder = new TextDecoder();
    const parser = createParser({
      onEvent: (message) => {
        let event: SyncStreamEvent;
        try {
          event = JSON.parse(message.data) as SyncStreamEvent;
        } catch {
          return; // Not ours (a proxy's keep-alive text); the stream itself is still fine.
        }
        if (event.type === 'hello') {
          connected.next(true);
          options.onConnected?.();
        }
        events.next(event);
      },
    });
    try {
      stillAlive();
      for (;;) {
        const { done, value } = await reader.read();
        if (done) return;
        stillAlive();
        parser.feed(decoder.decode(value, { stream: true }));
      }
    } catch (error) {
      if (!dead) throw error;
    } finally {
      clearTimeout(idle);
      reader.releaseLock();
    }
    if (dead && !closed) {
      // The abort was ours, not close(): report it like any other broken connection.
      options.onError?.(new SyncHttpError('unreachable', 'the event stream went silent'));
    }
  }

  function sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        wakeUp = undefined;
        resolve();
      }
      wakeUp = done;
    });
  }

  async function run(): Promise<void> {
    let failures = 0;
    while (!closed) {
      const controller = new AbortController();
      current = controller;
      let hadHello = false;
      const helloSub = events.pipe(filter((e) => e.type === 'hello')).subscribe(() => {
        hadHello = true;
      });
      try {
        const body = await options.client.openStream(controller.signal);
        await readEvents(body, controller);
        if (!controller.signal.aborted && !closed) {
          options.onError?.(new SyncHttpError('unreachable', 'the event stream was closed'));
        }
      } catch (error) {
        if (!controller.signal.aborted && !closed) {
          const failure = isSyncHttpError(error)
            ? error
            : new SyncHttpError('unreachable', `the event stream broke (${String(error)})`);
          options.onError?.(failure);
          // Signed out, or a certificate other than the trusted one: trying again cannot help.
          if (failure.kind === 'unauthorized' || failure.kind === 'certificate') closed = true;
        }
      } finally {
        helloSub.unsubscribe();
        current = undefined;
        connected.next(false);
      }
      if (closed) break;
      failures = hadHello ? 0 : failures + 1;
      // Even after a good connection wait a little: a server that drops every stream right after
      // its hello must not be hammered.
      await sleep(Math.min(maxMs, initialMs * 2 ** Math.max(0, failures - 1)));
    }
  }

  void run();

  return {
    resync$: (collection) =>
      events.pipe(
        filter((e) => e.type === 'hello' || e.collection === collection),
        map(() => 'RESYNC' as const),
      ),
    connected$: connected.asObservable(),
    reconnect: () => {
      if (!closed) wakeUp?.();
    },
    close: () => {
      closed = true;
      current?.abort();
      wakeUp?.();
      events.complete();
      connected.complete();
    },
  };
}
