import { getRxStorageSqlite } from '../../main/storage/sqlite';
import { openCrmCore, type CrmCore } from '../../shared/core';
import { createSyncEngine } from '../../shared/sync/engine';
import type { SyncEngine } from '../../shared/sync/types';
import { MemoryVault, statusUntil, synced, useSyncFixture } from './support';

const sync = useSyncFixture('sqlite');

/**
 * Sample data (shared/demo) is a local try-out. Signing in on a desktop that holds it must push
 * only the person's real records: the first-sign-in hand-over leaves sample records with their
 * sample owners, and the engine drops them (and their removal) from every push.
 */
describe('sample data and sync', () => {
  let core: CrmCore | undefined;
  let engine: SyncEngine | undefined;
  afterEach(async () => {
    await engine?.close();
    await core?.close();
  });

  it('never pushes sample records, their history or their removal', async () => {
    const localUser = { id: 'local-profile-1', name: '我' };
    core = await openCrmCore({
      storage: getRxStorageSqlite({ directory: sync.folder.directory }),
      databaseName: 'demo-core',
      currentUser: localUser,
      devMode: true,
    });
    await core.service.commands['demo/load']({ language: 'zh-CN', leads: 12, seed: 3 });
    const sampleAccounts = await core.database.accounts.find().exec();
    expect(sampleAccounts.length).toBeGreaterThan(0);
    const real = await core.service.commands['accounts/create']({ name: '比亚迪' });

    const rep = await sync.server.createUser({ role: 'rep', name: '赵销售' });
    const crm = core;
    engine = await createSyncEngine({
      database: crm.database,
      vault: new MemoryVault(),
      localUser,
      onAccountChanged: (account) =>
        crm.setCurrentUser(account ? { id: account.userId, name: account.name } : localUser),
      backoff: { initialMs: 50, maxMs: 400 },
    });
    await engine.signIn({
      serverUrl: sync.server.url,
      firmCode: rep.user.firmCode,
      username: rep.user.username,
      password: rep.password,
    });
    const status = await statusUntil(engine, synced);
    expect(status.problems).toBe(0);

    const onServer = async (collection: string) =>
      (await sync.server.store.pull(rep.user.orgId, collection, 0, 10_000)).map((d) => d.data);
    // Only the real account, handed to the rep; the sample ones keep their sample owners locally.
    expect(await onServer('accounts')).toEqual([
      expect.objectContaining({ id: real.id, ownerId: rep.user.id }),
    ]);
    for (const collection of ['leads', 'opportunities', 'stageevents', 'activities', 'invoices']) {
      expect(await onServer(collection), collection).toEqual([]);
    }
    const local = await crm.database.accounts.findOne(sampleAccounts[0]!.primary).exec();
    expect(local?.ownerId).toMatch(/^sample-/);

    // Removing the sample data pushes no deletions either.
    await crm.service.commands['demo/remove']({});
    await engine.syncNow();
    await statusUntil(engine, synced);
    expect(await onServer('accounts')).toHaveLength(1);
    expect(await onServer('leads')).toEqual([]);
  }, 60_000);
});
