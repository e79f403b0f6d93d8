import type { ServerResponse } from 'node:http';
import type { FastifyInstance } from 'fastify';
import type { SyncStreamEvent } from '../../shared/sync/protocol';
import { requireAuth } from '../auth/hook';
import { resolveSession } from '../auth/tokens';
import type { ChangeHub } from '../replication/change-hub';
import { seesEverything } from '../../shared/rules/visibility';
import { viewScopeOf } from '../replication/pull';
import { ALL_VIEWS } from '../store/notifications';
import type { ChangeNotice, SyncStore, UserRow } from '../store/types';

export const DEFAULT_HEARTBEAT_MS = 15_000;

/**
 * Open event streams per person in one server process: their desktops, laptop and browser tabs
 * fit many times over. A new stream beyond it ends the person's oldest one rather than being
 * refused, because the oldest is most likely a connection that died without a goodbye (a laptop
 * that left the Wi-Fi), and the person reconnecting is the one who should get through.
 */
export const MAX_STREAMS_PER_USER = 8;

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
  const byUser = new Map<string, ServerResponse[]>();

  // Open streams would keep app.close() waiting forever.
  app.addHook('preClose', async () => {
    for (const res of open) res.end();
  });

  app.get('/sync/stream', async (request, reply) => {
    const { user, tokenHash } = requireAuth(request);
    const epoch = await store.epoch();
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
    const mine = byUser.get(user.id) ?? [];
    mine.push(res);
    byUser.set(user.id, mine);
    while (mine.length > MAX_STREAMS_PER_USER) mine.shift()!.end();
    // What this person may see (visibility.ts), refreshed whenever their view epoch is raised.
    let sees = audienceOf(store, user);
    const stopListening = hub.listen(user.orgId, (notice) => {
      if (notice.views?.some((id) => id === user.id || id === ALL_VIEWS)) {
        sees = audienceOf(store, user);
        // As on a new connection: pull everything (the client sees the new epoch and resyncs).
        send({ type: 'hello', epoch });
      }
      if (!notice.collection) return;
      void sees.then(
        (told) => {
          if (told(notice))
            send({ type: 'change', collection: notice.collection, seq: notice.seq });
        },
        // Unknown scope: the notice carries no data, and the pull that follows is filtered.
        () => send({ type: 'change', collection: notice.collection, seq: notice.seq }),
      );
    });
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
      const left = (byUser.get(user.id) ?? []).filter((other) => other !== res);
      if (left.length > 0) byUser.set(user.id, left);
      else byUser.delete(user.id);
    });
    send({ type: 'hello', epoch });
  });
}

/**
 * Which change notices a person is told of: every one when they see everything; with "own"
 * visibility, those that touched their people's records or the accounts they work on (and the
 * firm's configuration). A notice without an audience is told to everyone: it carries no data,
 * and the pull that follows it is filtered (pull.ts).
 */
async function audienceOf(
  store: SyncStore,
  user: Pick<UserRow, 'id' | 'orgId' | 'role'>,
): Promise<(notice: ChangeNotice) => boolean> {
  const org = await store.getOrganisation(user.orgId);
  if (seesEverything(org?.visibility ?? 'everyone', user)) return () => true;
  const scope = await viewScopeOf(store, user);
  return (notice) =>
    notice.collection === 'pipelines' ||
    !notice.audience ||
    notice.audience.owners.some((owner) => scope.people.has(owner)) ||
    notice.audience.accounts.some((account) => scope.accounts.has(account));
}
