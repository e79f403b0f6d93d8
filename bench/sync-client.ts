/**
 * The thin client side of bench/sync-server.ts: the pull/push wire contract over plain fetch
 * (Node's undici with its keep-alive defaults), and the server process it talks to. No RxDB, no
 * merging: the server is what is measured.
 */
import { fork } from 'node:child_process';
import type { SyncStoreConfig } from '../server/store/index';
import {
  SYNC_API_PREFIX,
  type PullResponse,
  type PushResponse,
  type PushRow,
  type WireDocument,
} from '../shared/sync/protocol';
import type { ServerProcessReply, ServerProcessRequest } from './sync-server-process';

export const COLLECTION = 'opportunities';

export interface ServerProcess {
  apiUrl: string;
  close(): Promise<void>;
}

/** Starts the sync server in a child process on the given store's data. */
export function startServerProcess(config: SyncStoreConfig): Promise<ServerProcess> {
  // Inherits the parent's execArgv (`--import tsx`), so the child runs TypeScript too.
  // LTC_BENCH_SERVER_NODE_ARGS adds Node options for the server alone, e.g. `--cpu-prof
  // --cpu-prof-dir=/tmp/prof` to see where a push's time goes.
  const extra = (process.env.LTC_BENCH_SERVER_NODE_ARGS ?? '').split(' ').filter(Boolean);
  const child = fork(new URL('./sync-server-process.ts', import.meta.url), {
    execArgv: [...process.execArgv, ...extra],
  });
  const send = (message: ServerProcessRequest) => child.send(message);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`sync server process exited (${code})`)));
    child.once('message', (reply: ServerProcessReply) => {
      if (reply.type === 'failed') {
        reject(new Error(`sync server process failed: ${reply.message}`));
        return;
      }
      resolve({
        apiUrl: `http://127.0.0.1:${reply.port}${SYNC_API_PREFIX}`,
        close: async () => {
          if (child.connected) send({ type: 'close' });
          else child.kill();
          await exited;
        },
      });
    });
    send({ type: 'start', config });
  });
}

async function call<T>(url: string, token: string, init: RequestInit = {}): Promise<T> {
  const response = await fetch(url, {
    ...init,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`${init.method ?? 'GET'} ${url}: ${response.status} ${text}`);
  return JSON.parse(text) as T;
}

/**
 * A push request's body, made before the clock starts: a device builds it on its own CPU, and
 * the raw bulk insert it is read against also builds its parameters first (raw-insert.ts).
 */
export type PushBody = string & { readonly pushBody: unique symbol };
export const pushBody = (rows: readonly PushRow[]) => JSON.stringify(rows) as PushBody;

/** One push request; throws unless every row was taken (no conflict, no refusal). */
export async function push(apiUrl: string, token: string, body: PushBody): Promise<void> {
  const result = await call<PushResponse>(`${apiUrl}/sync/${COLLECTION}/push`, token, {
    method: 'POST',
    body,
  });
  if (result.conflicts.length > 0 || result.refused.length > 0) {
    const first = result.refused[0] ?? result.conflicts[0];
    throw new Error(
      `push: ${result.conflicts.length} conflicts, ${result.refused.length} refused, e.g. ${JSON.stringify(first)}`,
    );
  }
}

export function pullPage(
  apiUrl: string,
  token: string,
  seq: number,
  limit: number,
): Promise<PullResponse> {
  return call<PullResponse>(`${apiUrl}/sync/${COLLECTION}/pull?seq=${seq}&limit=${limit}`, token);
}

/** New local documents as a client pushes them: no assumed master. */
export function insertRows(documents: readonly WireDocument[]): PushRow[] {
  return documents.map((newDocumentState) => ({ newDocumentState }));
}

/** Nearest-rank percentile (p in 0..100) of unsorted samples. */
export function percentile(samples: readonly number[], p: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[rank - 1] ?? Number.NaN;
}
