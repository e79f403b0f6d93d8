/**
 * The sync server for bench/sync-server.ts, in a process of its own: the benchmark's clients
 * (fetch, JSON) then do not share the server's event loop, as they would not in real life. The
 * parent sends the store config, gets back the port, and sends 'close' at the end.
 */
import type { FastifyInstance } from 'fastify';
import { createSyncServer } from '../server/app';
import { openSyncStore, type SyncStore, type SyncStoreConfig } from '../server/store/index';

export type ServerProcessRequest = { type: 'start'; config: SyncStoreConfig } | { type: 'close' };
export type ServerProcessReply =
  { type: 'listening'; port: number } | { type: 'failed'; message: string };

let running: { app: FastifyInstance; store: SyncStore } | undefined;

function reply(message: ServerProcessReply): void {
  process.send?.(message);
}

async function start(config: SyncStoreConfig): Promise<void> {
  const store = await openSyncStore(config);
  const app = await createSyncServer({ store });
  await app.listen({ host: '127.0.0.1', port: 0 });
  running = { app, store };
  const address = app.server.address();
  if (!address || typeof address === 'string') throw new Error('server has no TCP address');
  reply({ type: 'listening', port: address.port });
}

async function close(): Promise<void> {
  if (running) {
    await running.app.close();
    await running.store.close();
  }
  process.disconnect();
}

process.on('message', (message: ServerProcessRequest) => {
  const work = message.type === 'start' ? start(message.config) : close();
  work.catch((error: unknown) => {
    reply({
      type: 'failed',
      message: error instanceof Error ? (error.stack ?? error.message) : String(error),
    });
    process.exitCode = 1;
    if (process.connected) process.disconnect();
  });
});
