import pg from 'pg';
import { parseChangeNotice } from './notifications';
import type { ChangeNotice } from './types';

const MAX_RETRY_MS = 5_000;

/**
 * One dedicated connection doing LISTEN on the change channel (a pooled connection cannot: the
 * pool hands it to other queries and LISTEN is per session). Every instance on the database gets
 * every NOTIFY, its own included, so this is the only path by which PostgreSQL stores hear of
 * changes. If the connection drops it reconnects with backoff; notices sent while it is down are
 * lost (clients catch up on their next pull or stream reconnect).
 */
export class PgChangeListener {
  readonly #config: pg.ClientConfig;
  readonly #channel: string;
  readonly #onNotice: (notice: ChangeNotice) => void;
  #client: pg.Client | undefined;
  #closed = false;
  #failures = 0;
  #retry: ReturnType<typeof setTimeout> | undefined;

  constructor(config: pg.ClientConfig, channel: string, onNotice: (notice: ChangeNotice) => void) {
    this.#config = config;
    this.#channel = channel;
    this.#onNotice = onNotice;
  }

  /** The first connection must succeed: a server that would never hear of changes must not start. */
  start(): Promise<void> {
    return this.#connect();
  }

  async close(): Promise<void> {
    this.#closed = true;
    clearTimeout(this.#retry);
    const client = this.#client;
    this.#client = undefined;
    await client?.end().catch(() => undefined);
  }

  async #connect(): Promise<void> {
    const client = new pg.Client(this.#config);
    this.#client = client;
    // Without an 'error' handler a dropped connection would crash the process.
    client.on('error', () => this.#lost(client));
    client.on('end', () => this.#lost(client));
    client.on('notification', (message) => {
      if (message.channel !== this.#channel) return;
      const notice = parseChangeNotice(message.payload);
      if (notice !== undefined) this.#onNotice(notice);
    });
    await client.connect();
    await client.query(`LISTEN ${pg.escapeIdentifier(this.#channel)}`);
    if (this.#closed) await client.end();
    this.#failures = 0;
  }

  #lost(client: pg.Client): void {
    if (client !== this.#client || this.#closed) return;
    this.#client = undefined;
    client.end().catch(() => undefined);
    const delay = Math.min(MAX_RETRY_MS, 100 * 2 ** this.#failures);
    this.#failures += 1;
    this.#retry = setTimeout(() => {
      this.#connect().catch((error: unknown) => {
        console.error('sync change listener: reconnect failed', error);
        // The attempt's client may already have reported itself lost (and scheduled the next try).
        const attempt = this.#client;
        if (attempt !== undefined) this.#lost(attempt);
      });
    }, delay);
  }
}
