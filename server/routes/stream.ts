import type { ServerResponse } from 'node:http';
import type { FastifyInstance } from 'fastify';
import type { SyncStreamEvent } from '../../shared/sync/protocol';
import { requireAuth } from '../auth/hook';
import { resolveSession } from '../auth/tokens';
import type { ChangeHub } from '../replication/change-hub';
import type { SyncStore } from '../store/types';

export const DEFAULT_HEARTBEAT_MS = 15_000;

export interface StreamRoutesOptions {
  store: SyncStore;
  hub: ChangeHub;
  now: () => number;
  heartbeatMs: number;
}

/**
 * GET /sync/stream: server-sent events. `hello` first on every connection (the client then pulls
 * everything since its checkpoint: RxDB's RESYNC), then a `change` per push to the caller's
 * organisation. Comment heartbeats keep proxies from closing an idle stream and let the server
 * notice a session that was revoked or disabled meanwhile (the stream then ends). Auth is the
 * bearer header like every other route: the client reads the stream with fetch, not EventSource.
 */
export function streamRoutes(app: FastifyInstance, options: StreamRoutesOptions): void {
  const { store, hub, now, heartbeatMs } = options;
  const open = new Set<ServerResponse>();

  // Open streams would keep app.close() waiting forever.
  app.addHook('preClose', async () => {
    for (const res of open) res.end();
  });

  app.get('/sync/stream', async (request, reply) => {
    const { user, tokenHash } = requireAuth(request);
    reply.hijack();
    const res = reply.raw;
    // Headers set by earlier hooks (CORS) are not sent by a hijacked reply unless copied.
    const earlier = Object.entries(reply.getHeaders()).filter(([, v]) => v !== undefined);
    res.writeHead(200, {
      ...(Object.fromEntries(earlier) as Record<string, string | number | string[]>),
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache, no-transform',
      connection: 'keep-alive',
      // nginx and similar would otherwise buffer the stream.
      'x-accel-buffering': 'no',
    });
    // A write racing the socket's close must not throw or emit an unhandled error.
    const write = (chunk: string) => {
      if (!res.writableEnded && !res.destroyed) res.write(chunk);
    };
    const send = (event: SyncStreamEvent) => write(`data: ${JSON.stringify(event)}\n\n`);
    res.on('error', () => res.destroy());

    open.add(res);
    const stopListening = hub.listen(user.orgId, (notice) =>
      send({ type: 'change', collection: notice.collection, seq: notice.seq }),
    );
    const heartbeat = setInterval(() => {
      resolveSession(store, tokenHash, now()).then(
        (session) => (session ? write(': heartbeat\n\n') : res.end()),
        // A database hiccup is not a reason to drop the stream; the next beat checks again.
        () => write(': heartbeat\n\n'),
      );
    }, heartbeatMs);
    res.on('close', () => {
      clearInterval(heartbeat);
      stopListening();
      open.delete(res);
    });
    send({ type: 'hello' });
  });
}
