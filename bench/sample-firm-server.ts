/**
 * What the desktop and web benchmarks share: the sample firm (LTC_BENCH_LEADS, 250 = 1×) on a
 * real sync server on 127.0.0.1 over SQLite in a temp folder, and the desktop core host opened on
 * a profile folder, with or without sync.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openCoreHost, type CoreHost } from '../main/core-host';
import type { SafeStorageLike } from '../main/token-vault';
import { createSyncServer } from '../server/app';
import { seedDemoOrganisation } from '../server/demo/seed-organisation';
import { openSyncStore } from '../server/store/index';
import type { Envelope } from '../shared/api';

export interface SampleFirmServer {
  /** A temp folder for the benchmark's own files too, deleted by close. */
  dir: string;
  leads: number;
  /** Records the server holds. */
  documents: number;
  serverUrl: string;
  close(): Promise<void>;
}

export async function startSampleFirmServer(name: string): Promise<SampleFirmServer> {
  const leads = Number(process.env.LTC_BENCH_LEADS ?? 250);
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

/** Electron's safeStorage stands in reversibly (the Electron edge only, as in the tests). */
const safeStorage: SafeStorageLike = {
  isEncryptionAvailable: () => true,
  encryptString: (plain) => Buffer.from(`enc:${Buffer.from(plain).toString('base64')}`),
  decryptString: (encrypted) =>
    Buffer.from(encrypted.toString().replace(/^enc:/, ''), 'base64').toString(),
};

export async function openDesktopHost(userDataDir: string, sync = true): Promise<CoreHost> {
  const start = await openCoreHost({
    userDataDir,
    osUsername: 'bench',
    ...(sync ? { sync: { safeStorage } } : {}),
  });
  if (!start.started) throw new Error(`did not start: ${start.problem.code}`);
  return start.host;
}

/** Awaits a bridge reply and throws its error, if any. */
export async function ok(reply: Promise<Envelope<unknown>>): Promise<void> {
  const message = await reply;
  if (!message.ok) throw new Error(`${message.error.type}: ${message.error.message}`);
}
