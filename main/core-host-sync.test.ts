import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Envelope } from '../shared/api';
import type { SyncStatus } from '../shared/sync/types';
import { openCoreHost, SYNC_TOKEN_FILE, type CoreHost } from './core-host';
import type { SafeStorageLike } from './token-vault';

/** Electron's safeStorage, faked (the Electron edge only): a reversible marker, never plain text. */
const safeStorage: SafeStorageLike = {
  isEncryptionAvailable: () => true,
  encryptString: (plain) => Buffer.from(`enc:${Buffer.from(plain).toString('base64')}`),
  decryptString: (encrypted) =>
    Buffer.from(encrypted.toString().replace(/^enc:/, ''), 'base64').toString(),
};

const PASSWORD = 'Sup3r-secret-密码';

let userData: string;
let logged: string[];
let host: CoreHost | undefined;
let servers: Server[];

beforeEach(async () => {
  userData = await mkdtemp(path.join(tmpdir(), 'ltc-sync-host-'));
  logged = [];
  servers = [];
});
afterEach(async () => {
  await host?.close();
  host = undefined;
  await Promise.all(servers.map((s) => new Promise((resolve) => s.close(resolve))));
  await rm(userData, { recursive: true, force: true });
});

async function startHost(): Promise<CoreHost> {
  const start = await openCoreHost({
    userDataDir: userData,
    osUsername: 'zhang',
    sync: { safeStorage },
    // As main.ts logs: the event's kind, name and error, never the arguments.
    log: (e) => logged.push(`${e.kind} ${e.name}: ${String(e.error)} ${JSON.stringify(e.error)}`),
    warn: (m) => logged.push(`warn ${m}`),
  });
  if (!start.started) throw new Error(`did not start: ${start.problem.code}`);
  host = start.host;
  return host;
}

/** A real HTTP server on 127.0.0.1 that is not a sync server (a router's admin page, say). */
async function notASyncServer(): Promise<string> {
  const server = createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'text/html' });
    res.end('<html><body>Router login</body></html>');
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

/** An address where nothing listens: a port taken from the OS and given back. */
async function nobodyListening(): Promise<string> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return `http://127.0.0.1:${port}`;
}

function latestStatus(bridge: CoreHost['bridge']): Promise<SyncStatus> {
  return new Promise((resolve, reject) => {
    const stop = bridge.subscribe('sync/status', {}, (message: Envelope<unknown>) => {
      queueMicrotask(() => stop());
      if (message.ok) resolve(message.value as SyncStatus);
      else reject(new Error(message.error.message));
    });
  });
}

describe('openCoreHost with sync', () => {
  it('answers the sync contract over the same bridge, starting signed out', async () => {
    const { bridge } = await startHost();
    expect(await latestStatus(bridge)).toMatchObject({
      state: 'signedOut',
      pendingChanges: 0,
      reminderAt: '18:00',
    });
    expect(await bridge.invoke('sync/reminder/set', { at: '17:30' })).toEqual({
      ok: true,
      value: undefined,
    });
    expect(await latestStatus(bridge)).toMatchObject({ reminderAt: '17:30' });
  });

  it('says why a sign-in failed, and never logs the password', async () => {
    const { bridge } = await startHost();
    const unreachable = await bridge.invoke('sync/signIn', {
      serverUrl: await nobodyListening(),
      username: 'wang',
      password: PASSWORD,
    });
    expect(unreachable).toMatchObject({
      ok: false,
      error: { type: 'SignInFailed', reason: 'unreachable' },
    });
    const wrongServer = await bridge.invoke('sync/signIn', {
      serverUrl: await notASyncServer(),
      username: 'wang',
      password: PASSWORD,
    });
    expect(wrongServer).toMatchObject({
      ok: false,
      error: { type: 'SignInFailed', reason: 'notASyncServer' },
    });
    const badUrl = await bridge.invoke('sync/signIn', {
      serverUrl: 'file:///etc/passwd',
      username: 'wang',
      password: PASSWORD,
    });
    expect(badUrl).toMatchObject({
      ok: false,
      error: { type: 'ValidationError', fields: [{ field: 'serverUrl', code: 'invalid' }] },
    });
    expect(logged.length).toBeGreaterThanOrEqual(3);
    expect(logged.join('\n')).not.toContain(PASSWORD);
    expect(existsSync(path.join(path.dirname(host!.databaseFile), SYNC_TOKEN_FILE))).toBe(false);
  });

  it('opens a fresh, empty database behind the same bridge after "remove local data"', async () => {
    const { bridge } = await startHost();
    expect(await bridge.invoke('accounts/create', { name: '宁德时代' })).toMatchObject({
      ok: true,
    });
    const before = host!.core;
    expect(await bridge.invoke('sync/signOut', { removeLocalData: true })).toEqual({
      ok: true,
      value: undefined,
    });
    expect(host!.core).not.toBe(before);
    expect(before.database.closed).toBe(true);
    expect(await host!.core.database.accounts.count().exec()).toBe(0);
    // The same bridge reaches the new core and its engine.
    expect(await bridge.invoke('accounts/create', { name: '比亚迪' })).toMatchObject({ ok: true });
    expect(await latestStatus(bridge)).toMatchObject({ state: 'signedOut' });
    expect(host!.sync).toBeDefined();
  });
});
