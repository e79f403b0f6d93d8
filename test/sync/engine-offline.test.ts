import { SyncNowError } from '../../shared/sync/engine';
import { account, startRelay, statusUntil, synced, tick, useSyncFixture } from './support';

const sync = useSyncFixture('postgres');

async function serverAccounts(orgId: string) {
  return (await sync.server.store.pull(orgId, 'accounts', 0, 10_000)).map((doc) => doc.data);
}

/** Noon today in local time: the reminder (18:00 by default) is not due yet. */
const NOON = (() => {
  const d = new Date();
  return new Date(d.getFullYear(), d.getMonth(), d.getDate(), 12, 0).getTime();
})();

describe('offline and back', () => {
  it('keeps changes waiting while the server is unreachable, across a restart, and sends them when it is back', async () => {
    const relay = await startRelay(sync.server.url);
    const rep = await sync.server.createUser({ role: 'rep', name: '孙' });
    const a = await sync.open('laptop', { now: () => NOON });
    await a.engine.signIn({
      serverUrl: relay.url,
      firmCode: rep.user.firmCode,
      username: rep.user.username,
      password: rep.password,
    });
    await statusUntil(a.engine, synced);
    const owner = { id: rep.user.id, name: '孙' };
    const first = account(owner, '美的集团');
    await a.database.accounts.insert(first);
    await a.engine.syncNow();

    await relay.stop();
    const offline = await statusUntil(a.engine, (s) => s.state === 'offline');
    expect(offline.lastError).toEqual(expect.any(String));
    await expect(a.engine.syncNow()).rejects.toMatchObject({
      name: 'SyncNowError',
      reason: 'unreachable',
    });

    const second = account(owner, '格力电器');
    const third = account(owner, '海尔智家');
    await a.database.accounts.bulkInsert([second, third]);
    const doc = await a.database.accounts.findOne(first.id).exec();
    await doc?.incrementalPatch({ phone: '0757-1', updatedAt: tick() });
    const waiting = await statusUntil(
      a.engine,
      (s) => s.state === 'offline' && s.pendingChanges === 3,
    );
    expect(waiting.reminderDue).toBe(false);
    await a.engine.setReminderTime('09:30');
    expect((await statusUntil(a.engine, (s) => s.reminderAt === '09:30')).reminderDue).toBe(true);

    // The laptop restarts while still offline: the count comes from the replication's own state.
    await a.reopen();
    const reopened = await statusUntil(
      a.engine,
      (s) => s.state === 'offline' && s.pendingChanges === 3,
    );
    expect(reopened).toMatchObject({ reminderAt: '09:30', reminderDue: true });
    expect((await serverAccounts(rep.user.orgId)).map((d) => d.id)).toEqual([first.id]);

    await relay.start();
    const back = await statusUntil(a.engine, synced);
    expect(back.reminderDue).toBe(false);
    const onServer = await serverAccounts(rep.user.orgId);
    expect(onServer.map((d) => d.id).sort()).toEqual([first.id, second.id, third.id].sort());
    expect(onServer.find((d) => d.id === first.id)?.phone).toBe('0757-1');

    // A real server restart: the client reconnects on its own and keeps syncing.
    await sync.server.restart();
    const fourth = account(owner, '海信');
    await a.database.accounts.insert(fourth);
    await statusUntil(a.engine, synced);
    await a.engine.syncNow();
    expect((await serverAccounts(rep.user.orgId)).map((d) => d.id)).toContain(fourth.id);
    await relay.stop();
  });

  it('is signed out, with its data kept, when the server revokes the token', async () => {
    const rep = await sync.server.createUser({ role: 'rep', name: '周' });
    const a = await sync.open('revoked');
    await a.engine.signIn({
      serverUrl: sync.server.url,
      firmCode: rep.user.firmCode,
      username: rep.user.username,
      password: rep.password,
    });
    await statusUntil(a.engine, synced);
    const acct = account({ id: rep.user.id, name: '周' }, '小米');
    await a.database.accounts.insert(acct);
    await a.engine.syncNow();

    await sync.server.store.revokeUserTokens(rep.user.orgId, rep.user.id, Date.now());
    const doc = await a.database.accounts.findOne(acct.id).exec();
    await doc?.incrementalPatch({ phone: '010-1', updatedAt: tick() });
    const out = await statusUntil(a.engine, (s) => s.state === 'signedOut');
    expect(out.account?.userId).toBe(rep.user.id);
    expect(out.lastError).toMatch(/sign in again/i);
    expect(a.vault.token).toBeUndefined();
    expect((await a.database.accounts.findOne(acct.id).exec())?.phone).toBe('010-1');
    await expect(a.engine.syncNow()).rejects.toBeInstanceOf(SyncNowError);

    // Still signed out after a restart, until the person signs in again; then the edit goes out.
    await a.reopen();
    expect((await statusUntil(a.engine, () => true)).state).toBe('signedOut');
    await a.engine.signIn({
      serverUrl: sync.server.url,
      firmCode: rep.user.firmCode,
      username: rep.user.username,
      password: rep.password,
    });
    await statusUntil(a.engine, synced);
    expect((await serverAccounts(rep.user.orgId))[0]?.phone).toBe('010-1');
  });
});
