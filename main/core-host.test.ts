import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { uniqueDatabaseName } from '../shared/core/test-support';
import type { Account } from '../shared/domain/entities';
import { isUuidV7 } from '../shared/domain/ids';
import { openCoreHost } from './core-host';
import { LOCAL_USER_FILE, loadLocalUser } from './local-user';

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

describe('openCoreHost', () => {
  it('opens the core behind the validating dispatcher, acting as the local user', async () => {
    const refused: string[] = [];
    const host = await openCoreHost({
      userDataDir: userData,
      osUsername: 'zhang',
      storage: getRxStorageMemory(),
      databaseName: uniqueDatabaseName('host'),
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
});
