import { readdir, stat, truncate, writeFile, copyFile, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import { newId } from '../../shared/domain/ids';
import { openSyncStore } from '../store/index';
import { openTestStore, TEST_DATABASE_URL, type TestStore } from '../store/test-support';
import type { SyncStore } from '../store/types';
import { backupStore } from './backup';
import { restoreStore } from './restore';
import { claimStore, pidFileOf } from './store-lock';

/**
 * Backup and restore on real stores, both databases, and across them (one backup format): what
 * is restored, what is refused, and that a refusal changes nothing.
 */
let folder: string;
beforeAll(async () => {
  folder = await mkdtemp(join(tmpdir(), 'ltc-backup-test-'));
});
afterAll(() => rm(folder, { recursive: true, force: true }));

const file = (name: string) => join(folder, `${name}-${newId().slice(-8)}.sqlite`);

async function seed(store: SyncStore, orgName: string): Promise<{ orgId: string; ids: string[] }> {
  const orgId = newId();
  await store.createOrganisation({ id: orgId, name: orgName, createdAt: Date.now() });
  const ids = [newId(), newId()];
  await store.push(orgId, 'accounts', ids, () =>
    ids.map((id) => ({
      id,
      data: { id, name: `${orgName} ${id}`, _deleted: false },
      updatedBy: 'u',
    })),
  );
  return { orgId, ids };
}

async function accountIds(store: SyncStore, orgId: string): Promise<string[]> {
  return (await store.pull(orgId, 'accounts', 0, 1000)).map((doc) => doc.id).sort();
}

/** Reopens the store after a restore, as the restarted server does. */
async function reopened(test: TestStore): Promise<SyncStore> {
  return test.openAnother();
}

describe.each([
  ['sqlite', 'sqlite'],
  ['postgres', 'postgres'],
  ['sqlite', 'postgres'],
  ['postgres', 'sqlite'],
] as const)('a backup of %s restored on %s', (from, to) => {
  let source: TestStore;
  let target: TestStore;
  beforeEach(async () => {
    source = await openTestStore(from);
    target = from === to ? source : await openTestStore(to);
  });
  afterEach(async () => {
    await source.cleanup();
    if (target !== source) await target.cleanup();
  });

  it('brings back the data as it was at the backup, with a new epoch, and keeps what it replaced', async () => {
    const kept = await seed(source.store, 'Kept');
    const backup = file('backup');
    await backupStore(source.config, backup);
    // Written after the backup: gone after the restore, but kept aside.
    const later = await seed(source.store, 'Later');
    const replaced = await seed(target.store, 'Replaced');
    const epochBefore = await target.store.epoch();

    const result = await restoreStore(target.config, backup);
    expect(result.epoch).toMatch(/^[0-9a-f]{32}$/);
    expect(result.epoch).not.toBe(epochBefore);
    const restored = await reopened(target);
    expect(await restored.epoch()).toBe(result.epoch);
    expect(await accountIds(restored, kept.orgId)).toEqual([...kept.ids].sort());
    expect(await accountIds(restored, later.orgId)).toEqual([]);
    // The firm's last seq when the new epoch began: what clients compare against.
    expect((await restored.getOrganisation(kept.orgId))?.epochSeq).toBeGreaterThan(0);
    // New writes go on from the restored sequence.
    await seed(restored, 'After');

    expect(result.replacedKeptAt).toEqual(expect.any(String));
    const aside = await openSyncStore({ kind: 'sqlite', file: result.replacedKeptAt! });
    try {
      expect(await aside.epoch()).toBe(epochBefore);
      expect(await accountIds(aside, replaced.orgId)).toEqual([...replaced.ids].sort());
    } finally {
      await aside.close();
    }
  });
});

describe.each(['sqlite', 'postgres'] as const)('restore on %s refuses', (kind) => {
  let test: TestStore;
  let orgId: string;
  let ids: string[];
  beforeAll(async () => {
    test = await openTestStore(kind);
    ({ orgId, ids } = await seed(test.store, 'Live'));
  });
  afterAll(() => test.cleanup());

  async function unchanged(epoch: string) {
    expect(await test.store.epoch()).toBe(epoch);
    const again = await reopened(test);
    expect(await again.epoch()).toBe(epoch);
    expect(await accountIds(again, orgId)).toEqual([...ids].sort());
  }

  it('a file that is not a backup, a truncated one, one from a newer version, and a missing one', async () => {
    const epoch = await test.store.epoch();
    const dataDir = test.config.kind === 'sqlite' ? join(test.config.file, '..') : undefined;
    const before = dataDir ? await readdir(dataDir) : [];

    const text = file('text');
    await writeFile(text, 'name,phone\nAcme,021\n');
    await expect(restoreStore(test.config, text)).rejects.toThrow(/not a backup/);

    const empty = file('empty');
    await writeFile(empty, '');
    await expect(restoreStore(test.config, empty)).rejects.toThrow(
      /not a backup of the LTC Desk sync server/,
    );

    const other = file('other');
    const db = new Database(other);
    db.exec('create table notes (id text)');
    db.close();
    await expect(restoreStore(test.config, other)).rejects.toThrow(
      /not a backup of the LTC Desk sync server/,
    );

    const good = file('good');
    await backupStore(test.config, good);
    const cut = file('cut');
    await copyFile(good, cut);
    await truncate(cut, Math.floor((await stat(good)).size / 2));
    await expect(restoreStore(test.config, cut)).rejects.toThrow(/damaged or truncated/);

    const newer = file('newer');
    await copyFile(good, newer);
    const future = new Database(newer);
    future
      .prepare(`insert into ltc_sync_migration (name, timestamp) values (?, ?)`)
      .run('9999_future', new Date().toISOString());
    future.close();
    await expect(restoreStore(test.config, newer)).rejects.toThrow(/newer version.*9999_future/);

    await expect(restoreStore(test.config, join(folder, 'missing.sqlite'))).rejects.toThrow(
      /cannot be read/,
    );

    await unchanged(epoch);
    // No copy, no renamed file, nothing left behind.
    if (dataDir) expect(await readdir(dataDir)).toEqual(before);
  });

  it('while a server uses the store', async () => {
    const epoch = await test.store.epoch();
    const backup = file('while-serving');
    // A backup is taken while the server serves: that is what it is for. (SQLite: the claim of
    // a server process is its pid file; this test's parent stands in for the server process, the
    // CLI test runs a real one.)
    const release =
      test.config.kind === 'sqlite'
        ? await (async (pidFile: string) => {
            await writeFile(pidFile, String(process.ppid));
            return () => rm(pidFile);
          })(pidFileOf(test.config.file))
        : await claimStore(test.config, 'serve');
    try {
      await backupStore(test.config, backup);
      await expect(restoreStore(test.config, backup)).rejects.toThrow(/stop .* first/);
      // And a server does not start in the middle of a restore (the claim is exclusive).
      if (kind === 'postgres') {
        const second = await claimStore(test.config, 'serve');
        await second();
      }
    } finally {
      await release();
    }
    await unchanged(epoch);
  });
});

it('restores onto a PostgreSQL database no server has started on yet', async () => {
  const source = await openTestStore('sqlite');
  const schema = `ltc_test_${newId().replace(/-/g, '').slice(-16)}`;
  const admin = new pg.Client({ connectionString: TEST_DATABASE_URL });
  await admin.connect();
  try {
    await admin.query(`create schema ${schema}`);
    const { orgId, ids } = await seed(source.store, 'Moved');
    const backup = file('move');
    await backupStore(source.config, backup);
    const config = { kind: 'postgres', databaseUrl: TEST_DATABASE_URL, schema } as const;
    await restoreStore(config, backup);
    const store = await openSyncStore(config);
    try {
      expect(await accountIds(store, orgId)).toEqual([...ids].sort());
    } finally {
      await store.close();
    }
  } finally {
    await admin.query(`drop schema if exists ${schema} cascade`);
    await admin.end();
    await source.cleanup();
  }
});
