import Database from 'better-sqlite3';
import { mkdir, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Account } from '../shared/domain/entities';
import { isUuidV7 } from '../shared/domain/ids';
import { openCoreHost, type CoreHost, type CoreHostOptions } from './core-host';
import { LOCAL_USER_FILE, loadLocalUser } from './local-user';
import { SQLITE_STORAGE_FORMAT_VERSION } from './storage/sqlite';

let userData: string;
beforeEach(async () => {
  userData = await mkdtemp(path.join(tmpdir(), 'ltc-userdata-'));
});
afterEach(() => rm(userData, { recursive: true, force: true }));

describe('loadLocalUser', () => {
  it('makes an identity for the OS account once and keeps it across restarts', async () => {
    const first = await loadLocalUser(userData, 'wang');
    expect(first.name).toBe('wang');
    expect(isUuidV7(first.id)).toBe(true);
    expect(await loadLocalUser(userData, 'wang')).toEqual(first);
    expect(JSON.parse(await readFile(path.join(userData, LOCAL_USER_FILE), 'utf8'))).toMatchObject({
      id: first.id,
      osUsername: 'wang',
    });
  });

  it('creates the userData folder when it does not exist yet', async () => {
    const nested = path.join(userData, 'LTC Desk', 'profile');
    expect((await loadLocalUser(nested, 'li')).name).toBe('li');
  });

  it('gives another OS account, or a damaged file, a new identity', async () => {
    const wang = await loadLocalUser(userData, 'wang');
    const li = await loadLocalUser(userData, 'li');
    expect(li.id).not.toBe(wang.id);
    await writeFile(path.join(userData, LOCAL_USER_FILE), '{"id": 42');
    const fresh = await loadLocalUser(userData, 'li');
    expect(fresh.id).not.toBe(li.id);
    expect(await loadLocalUser(userData, 'li')).toEqual(fresh);
  });
});

async function startedHost(options: Partial<CoreHostOptions> = {}): Promise<CoreHost> {
  const start = await openCoreHost({ userDataDir: userData, osUsername: 'zhang', ...options });
  if (!start.started) throw new Error(`did not start: ${start.problem.code}`);
  return start.host;
}

describe('openCoreHost', () => {
  it('opens the core behind the validating dispatcher, acting as the local user', async () => {
    const refused: string[] = [];
    const host = await startedHost({
      devMode: true,
      log: (event) => refused.push(`${event.kind} ${event.name}`),
    });
    try {
      const created = await host.bridge.invoke('accounts/create', { name: '比亚迪' });
      expect(created.ok).toBe(true);
      expect((created as { value: Account }).value).toMatchObject({
        ownerId: host.user.id,
        ownerName: 'zhang',
      });
      expect(await host.bridge.invoke('accounts/create', { name: '' })).toMatchObject({
        ok: false,
        error: { type: 'ValidationError' },
      });
      expect(refused).toEqual(['refused accounts/create']);
    } finally {
      await Promise.all([host.close(), host.close()]);
    }
    expect(host.core.database.closed).toBe(true);
  });

  it("keeps the profile's data in its SQLite file across restarts", async () => {
    const first = await startedHost();
    expect(first.databaseFile).toBe(
      path.join(userData, 'profiles', first.user.id, 'ltc-desk.sqlite'),
    );
    await first.bridge.invoke('accounts/create', { name: '宁德时代' });
    await first.close();
    expect((await stat(first.databaseFile)).size).toBeGreaterThan(0);

    const second = await startedHost();
    try {
      expect(second.user).toEqual(first.user);
      const accounts = await second.core.database.accounts.find().exec();
      expect(accounts.map((a) => a.name)).toEqual(['宁德时代']);
    } finally {
      await second.close();
    }
  });

  it('starts with a notice when the file was unreadable, and refuses a newer one', async () => {
    const user = await loadLocalUser(userData, 'zhang');
    const file = path.join(userData, 'profiles', user.id, 'ltc-desk.sqlite');
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(file, 'not a database');
    const start = await openCoreHost({ userDataDir: userData, osUsername: 'zhang' });
    if (!start.started) throw new Error('should have started fresh');
    await start.host.close();
    expect(start.notice).toMatchObject({ code: 'unreadableMovedAside', filePath: file });
    expect(await readFile(start.notice!.movedTo, 'utf8')).toBe('not a database');

    // The fresh database, as a newer LTC Desk would have left it.
    const raw = new Database(file);
    raw.pragma(`user_version = ${SQLITE_STORAGE_FORMAT_VERSION + 1}`);
    raw.close();
    expect(await openCoreHost({ userDataDir: userData, osUsername: 'zhang' })).toEqual({
      started: false,
      problem: { code: 'newerVersion', filePath: file },
    });
  });
});
