/**
 * What the desktop and web benchmarks share: the sample firm (LTC_BENCH_LEADS, 250 = 1×) on a
 * real sync server on 127.0.0.1 over SQLite in a temp folder, and the desktop core host opened on
 * a profile folder, with or without sync.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openCoreHost, type CoreHost } from '../main/core-host';
import { answerOf, reversibleSafeStorage } from '../main/test-support/core-host-fixture';
import { createSyncServer } from '../server/app';
import {
  DEMO_FIRM_CODE,
  DEMO_PASSWORD,
  seedDemoOrganisation,
} from '../server/demo/seed-organisation';
import { openSyncStore } from '../server/store/index';
import type { Envelope, LtcWireBridge } from '../shared/api';

export interface SampleFirmServer {
  /** A temp folder for the benchmark's own files too, deleted by close. */
  dir: string;
  leads: number;
  /** Records the server holds. */
  documents: number;
  serverUrl: string;
  close(): Promise<void>;
}

export async function startSampleFirmServer(
  name: string,
  leads = Number(process.env.LTC_BENCH_LEADS ?? 250),
): Promise<SampleFirmServer> {
  const dir = mkdtempSync(join(tmpdir(), `ltc-bench-${name}-`));
  const store = await openSyncStore({ kind: 'sqlite', file: join(dir, 'sync.sqlite') });
  const seeded = await seedDemoOrganisation(store, { language: 'zh-CN', now: Date.now(), leads });
  const app = await createSyncServer({ store, logger: false });
  const serverUrl = await app.listen({ port: 0, host: '127.0.0.1' });
  return {
    dir,
    leads,
    documents: seeded.documents,
    serverUrl,
    close: async () => {
      await app.close();
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export async function openDesktopHost(userDataDir: string, sync = true): Promise<CoreHost> {
  const start = await openCoreHost({
    userDataDir,
    osUsername: 'bench',
    ...(sync ? { sync: { safeStorage: reversibleSafeStorage } } : {}),
  });
  if (!start.started) throw new Error(`did not start: ${start.problem.code}`);
  return start.host;
}

/** Awaits a bridge reply and throws its error, if any. */
export const ok = (reply: Promise<Envelope<unknown>>) => answerOf<unknown>(reply);

/**
 * Signs the host in as the sample firm's manager and waits until it is in sync. Any host's
 * bridge: the core in this thread (openDesktopHost) or in its worker_thread (main/core-port.ts).
 */
export async function syncAsManager(
  host: { bridge: Pick<LtcWireBridge, 'invoke'> },
  server: Pick<SampleFirmServer, 'serverUrl'>,
): Promise<void> {
  await ok(
    host.bridge.invoke('sync/signIn', {
      serverUrl: server.serverUrl,
      firmCode: DEMO_FIRM_CODE,
      username: 'manager',
      password: DEMO_PASSWORD,
    }),
  );
  await ok(host.bridge.invoke('sync/now', {}));
}
