import http from 'node:http';
import net from 'node:net';
import { filter, firstValueFrom } from 'rxjs';
import { getRxStorageSqlite } from '../../main/storage/sqlite';
import { signInOverHttp, type TestUser } from '../../server/test-support';
import { openCrmCore, type CrmCore } from '../../shared/core';
import { createSyncEngine } from '../../shared/sync/engine';
import { SignInError, type SyncAccount, type SyncEngine } from '../../shared/sync/types';
import {
  MemoryVault,
  account,
  pushedDeal,
  statusUntil,
  synced,
  tick,
  useSyncFixture,
} from './support';

const sync = useSyncFixture('sqlite');

const signedIn = (user: TestUser) => sync.signedIn(user);

async function serverDocs(orgId: string, collection: string) {
  return (await sync.server.store.pull(orgId, collection, 0, 10_000)).map((doc) => doc.data);
}

describe('signing in and syncing', () => {
  it('signs in, then two desktops exchange their edits both ways', async () => {
    const { manager, rep } = await sync.managerAndRep(['李经理', '王小明']);

    const a = await signedIn(rep);
    const status = await statusUntil(a.engine, synced);
    expect(status.account).toMatchObject({
      serverUrl: sync.server.url,
      userId: rep.user.id,
      firmCode: rep.user.firmCode,
      username: rep.user.username,
      role: 'rep',
      orgId: rep.user.orgId,
    });
    expect(status.lastSyncedAt).toEqual(expect.any(Number));
    expect(a.vault.token).toEqual(expect.any(String));

    const { opp } = await pushedDeal(a, rep, ['华为技术', 'ERP 升级']);
    expect((await statusUntil(a.engine, () => true)).pendingChanges).toBe(0);
    expect(await serverDocs(rep.user.orgId, 'opportunities')).toEqual([
      { ...opp, _deleted: false },
    ]);

    // A second desktop gets everything on its first sync.
    const b = await signedIn(manager);
    expect((await b.database.opportunities.findOne(opp.id).exec())?.toJSON()).toEqual(opp);

    // B's edit reaches A live, through the event stream (A does nothing).
    const arrived = firstValueFrom(
      a.database.opportunities
        .findOne(opp.id)
        .$.pipe(filter((doc) => doc?.amount?.minor === 250_000)),
    );
    const bDoc = await b.database.opportunities.findOne(opp.id).exec();
    await bDoc?.incrementalPatch({
      amount: { minor: 250_000, currency: 'CNY' },
      updatedAt: tick(),
    });
    await arrived;
    await statusUntil(b.engine, synced);
  });

  it('names the cause when sign-in fails, and stays signed out', async () => {
    const rep = await sync.server.createUser({ role: 'rep' });
    const client = await sync.open('sign-in-failures');
    const attempt = (serverUrl: string, password = rep.password, firmCode = rep.user.firmCode) =>
      client.engine
        .signIn({
          serverUrl,
          firmCode,
          username: rep.user.username,
          password,
        })
        .then(
          () => 'signed in',
          (error: unknown) => (error instanceof SignInError ? error.reason : String(error)),
        );

    expect(await attempt(sync.server.url, 'wrong password')).toBe('wrongCredentials');
    // The test server serves many firms: a sign-in must name one.
    expect(await attempt(sync.server.url, rep.password, ' ')).toBe('firmCodeRequired');
    expect(await attempt(sync.server.url, rep.password, 'NOSUCH')).toBe('wrongCredentials');
    expect(await attempt('ftp://example.com')).toBe('notASyncServer');

    const closedPort = await freePort();
    expect(await attempt(`http://127.0.0.1:${closedPort}`)).toBe('unreachable');
    // 0.0.0.0 reaches this computer too, yet is no loopback name: the transport rule refuses
    // it before a connection is tried (tried, it would be refused by the closed port).
    expect(await attempt(`http://0.0.0.0:${closedPort}`)).toBe('insecureTransport');
    const allowing = await sync.open('sign-in-plain-http-allowed', { allowPlainHttp: true });
    await expect(
      allowing.engine.signIn({
        serverUrl: `http://0.0.0.0:${closedPort}`,
        username: rep.user.username,
        password: rep.password,
      }),
    ).rejects.toMatchObject({ reason: 'unreachable' });
    expect((await statusUntil(allowing.engine, () => true)).allowPlainHttp).toBe(true);

    const other = http.createServer((_req, res) => {
      res.writeHead(404, { 'content-type': 'text/html' });
      res.end('<h1>Not here</h1>');
    });
    await new Promise<void>((resolve) => other.listen(0, '127.0.0.1', resolve));
    const otherUrl = `http://127.0.0.1:${(other.address() as net.AddressInfo).port}`;
    try {
      expect(await attempt(otherUrl)).toBe('notASyncServer');
    } finally {
      await new Promise((resolve) => other.close(resolve));
    }

    const status = await statusUntil(client.engine, () => true);
    expect(status.state).toBe('signedOut');
    expect(status.account).toBeUndefined();
    expect(client.vault.token).toBeUndefined();
  });

  it('signing out keeps the local data unless asked, and signing in again does not duplicate', async () => {
    const rep = await sync.server.createUser({ role: 'rep' });
    const a = await signedIn(rep);
    const owner = { id: rep.user.id, name: rep.user.name };
    const acct = account(owner, '中兴通讯');
    await a.database.accounts.insert(acct);
    await a.engine.syncNow();

    await a.engine.signOut({ removeLocalData: false });
    const out = await statusUntil(a.engine, () => true);
    expect(out).toMatchObject({ state: 'signedOut', pendingChanges: 0 });
    expect(out.account).toBeUndefined();
    expect(a.vault.token).toBeUndefined();
    expect(await a.database.accounts.count().exec()).toBe(1);

    // Edited while signed out: pushed at the next sign-in.
    const doc = await a.database.accounts.findOne(acct.id).exec();
    await doc?.incrementalPatch({ phone: '0755-1234', updatedAt: tick() });
    await a.engine.signIn({
      serverUrl: sync.server.url,
      firmCode: rep.user.firmCode,
      username: rep.user.username,
      password: rep.password,
    });
    await statusUntil(a.engine, synced);
    expect(await serverDocs(rep.user.orgId, 'accounts')).toEqual([
      { ...acct, phone: '0755-1234', updatedAt: expect.any(Number), _deleted: false },
    ]);
    expect(await a.database.accounts.count().exec()).toBe(1);

    await a.engine.signOut({ removeLocalData: true });
    expect(a.database.closed).toBe(true);
    // The host reopens: the profile's data is gone, the server's is not.
    await a.reopen();
    expect(await a.database.accounts.count().exec()).toBe(0);
    expect((await statusUntil(a.engine, () => true)).state).toBe('signedOut');
    expect(await serverDocs(rep.user.orgId, 'accounts')).toHaveLength(1);
  });
});

describe("the owner's device during an attack on their account", () => {
  it('keeps the device token the server gave it and signs in with it again', async () => {
    const rep = await sync.server.createUser({ role: 'rep' });
    const a = await signedIn(rep);
    const kept = async () =>
      (
        (await a.database.getLocal('ltc-sync-devices')) as {
          _data: { data: { tokens: Record<string, string> } };
        } | null
      )?._data.data.tokens;
    const first = Object.values((await kept()) ?? {});
    expect(first).toHaveLength(1);
    await a.engine.signOut({ removeLocalData: false });

    // Someone guesses the rep's password from elsewhere until the server makes them wait.
    for (let i = 0; i < 12; i++) {
      const guess = await signInOverHttp(sync.server.apiUrl, {
        firmCode: rep.user.firmCode,
        username: rep.user.username,
        password: `guess ${i}`,
      });
      if (guess.status === 429) break;
    }
    await a.engine.signIn({
      serverUrl: sync.server.url,
      firmCode: rep.user.firmCode,
      username: rep.user.username,
      password: rep.password,
    });
    expect((await statusUntil(a.engine, synced)).account?.userId).toBe(rep.user.id);
    // The server knew the device: it handed back the same token instead of a new one.
    expect(Object.values((await kept()) ?? {})).toEqual(first);
  });
});

describe('the first sign-in of a desktop that worked offline', () => {
  let core: CrmCore | undefined;
  let engine: SyncEngine | undefined;
  afterEach(async () => {
    await engine?.close();
    await core?.close();
  });

  it('hands records made by the local profile to the server user, and writes as them after', async () => {
    const localUser = { id: 'local-profile-1', name: '我' };
    core = await openCrmCore({
      storage: getRxStorageSqlite({ directory: sync.folder.directory }),
      databaseName: 'offline-core',
      currentUser: localUser,
      devMode: true,
    });
    const offlineAccount = await core.service.commands['accounts/create']({ name: '比亚迪' });
    expect(offlineAccount.ownerId).toBe(localUser.id);

    const rep = await sync.server.createUser({ role: 'rep', name: '赵销售' });
    const seen: (SyncAccount | undefined)[] = [];
    const crm = core;
    engine = await createSyncEngine({
      database: crm.database,
      vault: new MemoryVault(),
      localUser,
      onAccountChanged: (account) => {
        seen.push(account);
        crm.setCurrentUser(account ? { id: account.userId, name: account.name } : localUser);
      },
      backoff: { initialMs: 50, maxMs: 400 },
    });
    await engine.signIn({
      serverUrl: sync.server.url,
      firmCode: rep.user.firmCode,
      username: rep.user.username,
      password: rep.password,
    });
    await statusUntil(engine, synced);
    expect(seen.map((a) => a?.userId)).toEqual([rep.user.id]);

    const owned = { ownerId: rep.user.id, ownerName: '赵销售' };
    // Pushed as the rep's own: the server took it (a rep's record owned by anyone else is refused).
    expect(await serverDocs(rep.user.orgId, 'accounts')).toEqual([
      expect.objectContaining({ id: offlineAccount.id, ...owned }),
    ]);
    expect((await statusUntil(engine, () => true)).problems).toBe(0);

    const later = await core.service.commands['accounts/create']({ name: '宁德时代' });
    expect(later).toMatchObject(owned);
  });
});

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const probe = net.createServer();
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}
