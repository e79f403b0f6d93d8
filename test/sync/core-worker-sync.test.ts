import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { isMainThread } from 'node:worker_threads';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { LtcWireBridge } from '../../shared/api';
import type { SyncStatus } from '../../shared/sync/types';
import type { WorkerCoreHost } from '../../main/core-port';
import { SYNC_TOKEN_FILE } from '../../main/profile-files';
import {
  answerOf,
  openSyncingWorkerHost,
  reversibleSafeStorage,
} from '../../main/test-support/core-host-fixture';
import type { SafeStorageLike } from '../../main/token-vault';
import {
  pullEverything,
  startTestServer,
  type TestServer,
  type TestUser,
} from '../../server/test-support';

/**
 * Issue 19: the desktop's sync engine runs with its core in a worker_thread, and its token stays
 * with main, where safeStorage is. A rep signs in through main's bridge to a real server on
 * 127.0.0.1: the engine's token must be encrypted by main's safeStorage into the profile's token
 * file, the offline record must reach the server, and a reopened desktop must be signed in from
 * the token main decrypts for the new worker.
 */

let server: TestServer;
let rep: TestUser;
let userData: string;
let host: WorkerCoreHost | undefined;

beforeAll(async () => {
  server = await startTestServer({ backend: 'sqlite' });
  rep = await server.createUser({ role: 'rep', username: 'wang', name: '王小明' });
  userData = await mkdtemp(path.join(tmpdir(), 'ltc-core-worker-sync-'));
});
afterAll(async () => {
  await host?.close();
  await server?.close();
  await rm(userData, { recursive: true, force: true });
});
afterEach(async () => {
  await host?.close();
  host = undefined;
});

/** safeStorage as main holds it, recording which thread called it and with what. */
function watchedSafeStorage() {
  const calls: { op: 'encrypt' | 'decrypt'; mainThread: boolean }[] = [];
  const safeStorage: SafeStorageLike = {
    isEncryptionAvailable: () => true,
    encryptString(plain) {
      calls.push({ op: 'encrypt', mainThread: isMainThread });
      return reversibleSafeStorage.encryptString(plain);
    },
    decryptString(encrypted) {
      calls.push({ op: 'decrypt', mainThread: isMainThread });
      return reversibleSafeStorage.decryptString(encrypted);
    },
  };
  return { safeStorage, calls };
}

function status(bridge: LtcWireBridge, ready: (status: SyncStatus) => boolean) {
  return new Promise<SyncStatus>((resolve, reject) => {
    const stop = bridge.subscribe('sync/status', {}, (message) => {
      if (!message.ok) return reject(new Error(message.error.message));
      const value = (message as { value: SyncStatus }).value;
      if (!ready(value)) return;
      queueMicrotask(() => stop());
      resolve(value);
    });
  });
}

describe('sync with the desktop core in its worker_thread', { timeout: 120_000 }, () => {
  it('signs in with the token kept by main, syncs, and is signed in again after a restart', async () => {
    const first = watchedSafeStorage();
    host = await openSyncingWorkerHost(userData, 'wang', first.safeStorage);
    const { bridge, databaseFile } = host;
    const tokenFile = path.join(path.dirname(databaseFile), SYNC_TOKEN_FILE);
    await answerOf(bridge.invoke('accounts/create', { name: '离线时建的客户' }));

    await answerOf(
      bridge.invoke('sync/signIn', {
        serverUrl: server.url,
        firmCode: rep.user.firmCode,
        username: 'wang',
        password: rep.password,
      }),
    );
    await answerOf(bridge.invoke('sync/now', {}));
    const synced = await status(bridge, (s) => s.pendingChanges === 0 && s.account !== undefined);
    expect(synced.account).toMatchObject({ username: 'wang' });
    // Encrypted in main, by main's safeStorage, into the profile's token file.
    expect(first.calls).toContainEqual({ op: 'encrypt', mainThread: true });
    expect(first.calls.every((call) => call.mainThread)).toBe(true);
    const stored = readFileSync(tokenFile, 'utf8');
    expect(stored.startsWith('enc:')).toBe(true);
    const accounts = await pullEverything(server.apiUrl, rep.token, 'accounts');
    expect(accounts.map((a) => (a as { name?: string }).name)).toContain('离线时建的客户');
    await host.close();

    // A restart: a new worker, whose engine asks main for the token it remembered.
    const second = watchedSafeStorage();
    host = await openSyncingWorkerHost(userData, 'wang', second.safeStorage);
    const remembered = await status(host.bridge, (s) => s.account !== undefined);
    expect(remembered.account).toMatchObject({ username: 'wang' });
    expect(second.calls).toEqual([{ op: 'decrypt', mainThread: true }]);

    await answerOf(host.bridge.invoke('sync/signOut', { removeLocalData: false }));
    expect(existsSync(tokenFile)).toBe(false);
  });
});
