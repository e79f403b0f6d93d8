import { callApi } from '../../server/test-support';
import type { PushResponse } from '../../shared/sync/protocol';
import {
  account,
  insertOpportunity,
  opportunity,
  statusUntil,
  synced,
  tick,
  useSyncFixture,
} from './support';

const sync = useSyncFixture('sqlite');

/**
 * "Own records" visibility on a real device: when a deal is handed to a colleague, it leaves the
 * rep's laptop at the next sync, with the account the rep worked on only through it, and nothing
 * is pushed back as deleted; the rep's own work, and changes not yet synced, stay.
 */
describe('what a device holds follows what its person may see', () => {
  it('drops a reassigned deal from the rep’s device without deleting it anywhere else', async () => {
    const admin = await sync.server.createUser({ role: 'admin', name: '管理员' });
    const orgId = admin.user.orgId;
    const rep = await sync.server.createUser({ orgId, role: 'rep', name: '王小明' });
    const colleague = await sync.server.createUser({ orgId, role: 'rep', name: '李娜' });
    const api = (path: string, method: string, json: unknown) =>
      callApi<PushResponse>(sync.server.apiUrl, method, path, { token: admin.token, json });

    // The customer is the admin's; the rep works on it through one deal, and has an account of
    // their own.
    const customer = account({ id: admin.user.id, name: '管理员' }, '华为技术');
    expect(
      (
        await api('/sync/accounts/push', 'POST', [
          { newDocumentState: { ...customer, _deleted: false } },
        ])
      ).body.refused,
    ).toEqual([]);
    const laptop = await sync.signedIn(rep);
    const me = { id: rep.user.id, name: rep.user.name };
    const own = account(me, '中兴通讯');
    await laptop.database.accounts.insert(own);
    const deal = opportunity(me, customer.id, '园区网络');
    await insertOpportunity(laptop.database, deal);
    await laptop.engine.syncNow();
    expect((await statusUntil(laptop.engine, synced)).pendingChanges).toBe(0);
    expect(await laptop.database.accounts.count().exec()).toBe(2);

    expect((await api('/admin/settings', 'PATCH', { visibility: 'own' })).status).toBe(200);
    await laptop.engine.syncNow();
    // Still the rep's: the deal, the customer it is on, and the rep's own account.
    expect(await laptop.database.opportunities.count().exec()).toBe(1);
    expect(await laptop.database.accounts.count().exec()).toBe(2);

    // Offline work not yet synced must survive what follows.
    await laptop.stopEngine();
    const unsynced = account(me, '离线新客户');
    await laptop.database.accounts.insert(unsynced);

    // The admin hands the deal to the colleague.
    const stored = (await sync.server.store.pull(orgId, 'opportunities', 0, 100))[0]!.data;
    const reassigned = {
      ...stored,
      ownerId: colleague.user.id,
      ownerName: colleague.user.name,
      updatedAt: tick(),
    };
    const pushed = await api('/sync/opportunities/push', 'POST', [
      { assumedMasterState: stored, newDocumentState: reassigned },
    ]);
    expect(pushed.body).toEqual({ conflicts: [], refused: [] });

    await laptop.startEngine();
    await laptop.engine.syncNow();
    await statusUntil(laptop.engine, synced);
    expect(await laptop.database.opportunities.count().exec()).toBe(0);
    // Its history went with it.
    expect(await laptop.database.stageevents.count().exec()).toBe(0);
    const names = (await laptop.database.accounts.find().exec()).map((d) => d.name).sort();
    expect(names).toEqual(['中兴通讯', '离线新客户'].sort());
    // Nothing was deleted on the server: the deal is the colleague's now, the customer still there.
    const server = (await sync.server.store.pull(orgId, 'opportunities', 0, 100)).map(
      (r) => r.data,
    );
    expect(server).toEqual([
      expect.objectContaining({ id: deal.id, ownerId: colleague.user.id, _deleted: false }),
    ]);
    const accounts = (await sync.server.store.pull(orgId, 'accounts', 0, 100)).map((r) => r.data);
    expect(accounts.filter((doc) => doc._deleted)).toEqual([]);
    expect(accounts.map((doc) => doc.name).sort()).toEqual(
      ['华为技术', '中兴通讯', '离线新客户'].sort(),
    );

    // And back: the colleague's deal returns to the rep's board when it is handed back.
    const again = (await sync.server.store.pull(orgId, 'opportunities', 0, 100))[0]!.data;
    const back = { ...again, ownerId: rep.user.id, ownerName: rep.user.name, updatedAt: tick() };
    expect(
      (
        await api('/sync/opportunities/push', 'POST', [
          { assumedMasterState: again, newDocumentState: back },
        ])
      ).body.refused,
    ).toEqual([]);
    await laptop.engine.syncNow();
    await statusUntil(laptop.engine, synced);
    expect(await laptop.database.opportunities.count().exec()).toBe(1);
    expect(await laptop.database.stageevents.count().exec()).toBe(1);
    expect(await laptop.database.accounts.count().exec()).toBe(3);
  });
});
