import { execFileSync } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { SYNC_TOKEN_FILE, type CoreHost } from '../../main/core-host';
import { answerOf, openSyncingHost } from '../../main/test-support/core-host-fixture';
import {
  callApi,
  startTestServer,
  type TestServer,
  type TestUser,
} from '../../server/test-support';
import type { Account } from '../../shared/domain/entities';
import type { PullResponse } from '../../shared/sync/protocol';
import type { SyncStatus } from '../../shared/sync/types';

/**
 * Issue 19: the desktop's core answers from its SQLite database while the sync engine starts
 * beside it. A rep's synced profile is reopened with the engine held at its first step: the
 * token file is a named pipe that nobody writes yet, so the engine's read of it waits (as a slow
 * disk or a keyring that asks first would). The host must open, answer queries and commands, and
 * write as the signed-in rep, all before the engine exists; released, the engine syncs what was
 * written meanwhile. Before the fix openCoreHost waited for the engine, and so for the pipe.
 */

let server: TestServer;
let rep: TestUser;
let userData: string;
let host: CoreHost | undefined;
/** Writes the token into the pipe, if a test left it unwritten (the engine must not stay stuck). */
let release: (() => Promise<void>) | undefined;

beforeAll(async () => {
  server = await startTestServer({ backend: 'sqlite' });
  rep = await server.createUser({ role: 'rep', username: 'wang', name: '王小明' });
});
afterAll(async () => {
  await server?.close();
});
afterEach(async () => {
  await release?.();
  await host?.close();
  host = undefined;
  await rm(userData, { recursive: true, force: true });
});

async function openHost(): Promise<CoreHost> {
  host = await openSyncingHost(userData, 'wang');
  return host;
}

/** The first result of a live query, or undefined if none came within `ms`. */
function firstWithin<T>(
  bridge: CoreHost['bridge'],
  query: string,
  ms: number,
): Promise<T | undefined> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      stop();
      resolve(undefined);
    }, ms);
    const stop = bridge.subscribe(query, {}, (message) => {
      clearTimeout(timer);
      queueMicrotask(() => stop());
      if (message.ok) resolve(message.value as T);
      else reject(new Error(message.error.message));
    });
  });
}

/** openCoreHost, or a failure naming the wait if it takes longer than `ms`. */
function openHostWithin(ms: number): Promise<CoreHost> {
  return Promise.race([
    openHost(),
    new Promise<never>((_, reject) =>
      setTimeout(() => reject(new Error(`openCoreHost waited ${ms} ms: it waits for sync`)), ms),
    ),
  ]);
}

/** Replaces the token file with a named pipe: a read of it waits until `release` writes it. */
async function holdTokenFile(file: string): Promise<void> {
  const token = await readFile(file);
  await rm(file);
  execFileSync('mkfifo', [file]);
  release = async () => {
    release = undefined;
    await writeFile(file, token);
  };
}

describe('the desktop host with sync held back (issue 19)', () => {
  it('answers from the local database and writes as the rep before the engine starts', async () => {
    userData = await mkdtemp(path.join(tmpdir(), 'ltc-local-first-'));
    // A synced profile: the rep signed in, made an account and synced it.
    const first = await openHost();
    await answerOf(
      first.bridge.invoke('sync/signIn', {
        serverUrl: server.url,
        firmCode: rep.user.firmCode,
        username: 'wang',
        password: rep.password,
      }),
    );
    await answerOf(first.bridge.invoke('accounts/create', { name: '宁德时代' }));
    await answerOf(first.bridge.invoke('sync/now', {}));
    const tokenFile = path.join(path.dirname(first.databaseFile), SYNC_TOKEN_FILE);
    await first.close();
    host = undefined;

    await holdTokenFile(tokenFile);
    const reopened = await openHostWithin(10_000);
    // The engine is still reading the token: it has not started.
    expect(reopened.sync).toBeUndefined();
    const accounts = await firstWithin<Account[]>(reopened.bridge, 'accounts/list', 5_000);
    expect(accounts?.map((a) => a.name)).toEqual(['宁德时代']);
    // Commands run too, as the signed-in rep (remembered in the database), not the OS user.
    expect(await answerOf(reopened.bridge.invoke('profile/current', {}))).toMatchObject({
      id: rep.user.id,
    });
    const made = await answerOf<Account>(
      reopened.bridge.invoke('accounts/create', { name: '比亚迪' }),
    );
    expect(made).toMatchObject({ ownerId: rep.user.id, ownerName: '王小明' });
    // The status waits for the engine, which is still held (so everything above ran without it).
    expect(await firstWithin<SyncStatus>(reopened.bridge, 'sync/status', 300)).toBeUndefined();
    expect(reopened.sync).toBeUndefined();

    await release?.();
    // Released, the engine starts and pushes what was written while it was held.
    await answerOf(reopened.bridge.invoke('sync/now', {}));
    expect(reopened.sync).toBeDefined();
    const status = await firstWithin<SyncStatus>(reopened.bridge, 'sync/status', 5_000);
    expect(status).toMatchObject({ state: 'synced', pendingChanges: 0, problems: 0 });
    const pulled = await callApi<PullResponse>(
      server.apiUrl,
      'GET',
      '/sync/accounts/pull?seq=0&limit=100',
      { token: rep.token },
    );
    expect(pulled.status).toBe(200);
    expect(pulled.body.documents.map((d) => d.name).sort()).toEqual(['宁德时代', '比亚迪'].sort());
  });
});
