/**
 * The quick search finds what sync brings in (issue 19): a desktop core on its SQLite file, its
 * search index built before anything arrives, and a colleague's account pushed to a real server
 * on 127.0.0.1, then renamed, then deleted there. Each arrives by pull, and the search follows.
 */
import { getRxStorageSqlite } from '../../main/storage/sqlite';
import { callApi, type TestUser } from '../../server/test-support';
import type { SearchHit } from '../../shared/api/search-contract';
import { openCrmCore, type CrmCore } from '../../shared/core';
import { searchIndexOf } from '../../shared/core/search-index';
import { LiveResults } from '../../shared/core/test-support';
import type { Account } from '../../shared/domain/entities';
import type { PushRow, WireDocument } from '../../shared/sync/protocol';
import { createSyncEngine } from '../../shared/sync/engine';
import type { SyncEngine } from '../../shared/sync/types';
import { account, MemoryVault, statusUntil, synced, tick, useSyncFixture } from './support';

const sync = useSyncFixture('sqlite');

let core: CrmCore | undefined;
let engine: SyncEngine | undefined;
afterEach(async () => {
  await engine?.close();
  await core?.close();
});

const brief = (hits: SearchHit[]) => hits.map((h) => `${h.kind}:${h.title}:${h.matchedBy.how}`);

/** The colleague's device: one push to the server, as the app would make it. */
async function push(who: TestUser, row: PushRow): Promise<void> {
  const reply = await callApi(sync.server.apiUrl, 'POST', '/sync/accounts/push', {
    token: who.token,
    json: [row],
  });
  expect(reply).toMatchObject({ status: 200, body: { conflicts: [], refused: [] } });
}

const wire = (a: Account, deleted = false): WireDocument => ({ ...a, _deleted: deleted });

describe('search over synced records', () => {
  it('finds a colleague’s account once pulled, by its new name once renamed, and not once deleted', async () => {
    const { manager, rep } = await sync.managerAndRep(['李经理', '王小明']);
    core = await openCrmCore({
      storage: getRxStorageSqlite({ directory: sync.folder.directory }),
      databaseName: 'search-core',
      currentUser: { id: 'local-profile', name: '我' },
      devMode: true,
    });
    const crm = core;
    const byInitials = new LiveResults(crm, 'search/quick', { text: 'hw' });
    expect(await byInitials.until(() => true)).toEqual([]);
    expect(searchIndexOf(crm.database).isReady).toBe(true);

    const huawei = account({ id: rep.user.id, name: rep.user.name }, '华为技术');
    await push(rep, { newDocumentState: wire(huawei) });
    engine = await createSyncEngine({
      database: crm.database,
      vault: new MemoryVault(),
      localUser: { id: 'local-profile', name: '我' },
      onAccountChanged: (who) => who && crm.setCurrentUser({ id: who.userId, name: who.name }),
      backoff: { initialMs: 50, maxMs: 400 },
    });
    await engine.signIn({
      serverUrl: sync.server.url,
      firmCode: manager.user.firmCode,
      username: manager.user.username,
      password: manager.password,
    });
    await statusUntil(engine, synced);
    // The search open before the pull shows the pulled account, live.
    expect(brief(await byInitials.until((r) => r.length === 1, 10_000))).toEqual([
      'account:华为技术:initials',
    ]);

    const renamed = { ...huawei, name: '中兴通讯', updatedAt: tick() };
    await push(rep, { assumedMasterState: wire(huawei), newDocumentState: wire(renamed) });
    await engine.syncNow();
    expect(await byInitials.until((r) => r.length === 0, 10_000)).toEqual([]);
    const byNewName = new LiveResults(crm, 'search/quick', { text: 'zxtx' });
    expect(brief(await byNewName.until((r) => r.length === 1, 10_000))).toEqual([
      'account:中兴通讯:initials',
    ]);

    const deleted = { ...renamed, updatedAt: tick() };
    await push(rep, { assumedMasterState: wire(renamed), newDocumentState: wire(deleted, true) });
    await engine.syncNow();
    expect(await byNewName.until((r) => r.length === 0, 10_000)).toEqual([]);
    expect([...byInitials.errors, ...byNewName.errors]).toEqual([]);
    byInitials.unsubscribe();
    byNewName.unsubscribe();
  });
});
