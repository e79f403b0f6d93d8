import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import {
  callApi,
  startTestServer,
  type TestServer,
  type TestUser,
} from '../../server/test-support';
import {
  createDispatcher,
  createSyncHandlers,
  withSync,
  type DispatcherOptions,
  type Envelope,
} from '../../shared/api';
import { openLtcDatabase, type CrmCore, type LtcDatabase } from '../../shared/core';
import { openTestCore, uniqueDatabaseName } from '../../shared/core/test-support';
import { createSyncEngine } from '../../shared/sync/engine';
import type { LoginResponse } from '../../shared/sync/protocol';
import { UserAdminError, type SyncEngine } from '../../shared/sync/types';
import { MemoryVault, statusUntil, synced } from './support';

/**
 * User administration through the real engine against the real server: what an admin does in
 * the users dialog, what the server refuses and how each refusal reaches the UI (the field it
 * names, or the reason). Clients are small memory databases: the server is what is under test.
 */

let server: TestServer;
const opened: { engine: SyncEngine; close(): Promise<void> }[] = [];

beforeAll(async () => {
  server = await startTestServer({ backend: 'sqlite' });
});
afterEach(async () => {
  await Promise.all(opened.splice(0).map((client) => client.close()));
});
afterAll(async () => {
  await server?.close();
});

async function signIn(engine: SyncEngine, user: TestUser): Promise<void> {
  await engine.signIn({
    serverUrl: server.url,
    firmCode: user.user.firmCode,
    username: user.user.username,
    password: user.password,
  });
  await statusUntil(engine, synced);
}

/** A signed-in engine on a one-collection memory database. */
async function engineFor(user: TestUser): Promise<SyncEngine> {
  const database: LtcDatabase = await openLtcDatabase({
    storage: getRxStorageMemory(),
    databaseName: uniqueDatabaseName('admin-users'),
    collections: ['accounts'],
  });
  const engine = await createSyncEngine({
    database,
    vault: new MemoryVault(),
    collections: ['accounts'],
    backoff: { initialMs: 50, maxMs: 400 },
    retryTimeMs: 50,
  });
  opened.push({
    engine,
    close: async () => {
      await engine.close();
      if (!database.closed) await database.close();
    },
  });
  await signIn(engine, user);
  return engine;
}

/** The error a promise rejects with (fails the test when it resolves). */
async function failureOf(promise: Promise<unknown>): Promise<UserAdminError> {
  const error = await promise.then(
    () => {
      throw new Error('expected the call to fail');
    },
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(UserAdminError);
  return error as UserAdminError;
}

/** A sign-in over HTTP to the firm of `colleague`. */
const login = (colleague: TestUser, username: string, password: string) =>
  callApi<LoginResponse>(server.apiUrl, 'POST', '/auth/login', {
    json: { firmCode: colleague.user.firmCode, username, password },
  });

describe('user administration through the engine', () => {
  it('lets an admin list, create, disable, enable and reset the password of users', async () => {
    const admin = await server.createUser({ role: 'admin', username: 'zhao', name: '赵总' });
    const engine = await engineFor(admin);

    expect(await engine.listUsers()).toEqual([admin.user]);

    const li = await engine.createUser({
      username: ' Li.Na ',
      name: '李娜',
      role: 'rep',
      password: 'first-pass-1',
    });
    expect(li).toMatchObject({
      username: 'li.na',
      name: '李娜',
      role: 'rep',
      disabled: false,
      orgId: admin.user.orgId,
      orgName: admin.user.orgName,
    });
    // Sorted by username, as the dialog shows them.
    expect((await engine.listUsers()).map((u) => u.username)).toEqual(['li.na', 'zhao']);
    const first = await login(admin, 'li.na', 'first-pass-1');
    expect(first.status).toBe(200);

    const promoted = await engine.updateUser(li.id, { role: 'manager', name: '李娜（华东）' });
    expect(promoted).toMatchObject({ id: li.id, role: 'manager', name: '李娜（华东）' });

    const disabled = await engine.updateUser(li.id, { disabled: true });
    expect(disabled.disabled).toBe(true);
    // Disabling signs her out everywhere and keeps her out.
    const me = await callApi(server.apiUrl, 'GET', '/auth/me', { token: first.body.token });
    expect(me.status).toBe(401);
    expect((await login(admin, 'li.na', 'first-pass-1')).status).toBe(401);
    expect((await engine.listUsers()).find((u) => u.id === li.id)?.disabled).toBe(true);

    expect((await engine.updateUser(li.id, { disabled: false })).disabled).toBe(false);
    const again = await login(admin, 'li.na', 'first-pass-1');
    expect(again.status).toBe(200);

    await engine.resetPassword(li.id, 'second-pass-2');
    expect((await login(admin, 'li.na', 'first-pass-1')).status).toBe(401);
    expect((await login(admin, 'li.na', 'second-pass-2')).status).toBe(200);
    // The sessions she had before the reset are over.
    const old = await callApi(server.apiUrl, 'GET', '/auth/me', { token: again.body.token });
    expect(old.status).toBe(401);

    // None of this touched the admin's own sync.
    expect((await statusUntil(engine, () => true)).state).toBe('synced');
  });

  it('names the field the server refused: a taken username, a weak password', async () => {
    const admin = await server.createUser({ role: 'admin' });
    const engine = await engineFor(admin);
    const taken = await failureOf(
      engine.createUser({
        username: admin.user.username.toUpperCase(),
        name: 'Someone',
        role: 'rep',
        password: 'long-enough-1',
      }),
    );
    expect(taken).toMatchObject({
      reason: 'usernameTaken',
      field: 'username',
      code: 'conflict',
      status: 409,
    });

    const weak = await failureOf(
      engine.createUser({ username: 'weak', name: 'Weak', role: 'rep', password: 'short' }),
    );
    expect(weak).toMatchObject({
      reason: 'invalid',
      field: 'password',
      code: 'validation',
      status: 400,
    });
    // Nothing was created by either.
    expect((await engine.listUsers()).map((u) => u.username)).toEqual([admin.user.username]);

    const rep = await server.createUser({ orgId: admin.user.orgId, role: 'rep' });
    const weakReset = await failureOf(engine.resetPassword(rep.user.id, '1234567'));
    expect(weakReset).toMatchObject({ reason: 'invalid', field: 'password' });
    expect((await login(rep, rep.user.username, rep.password)).status).toBe(200);
  });

  it('keeps the last active admin, and finds no user of another organisation', async () => {
    const admin = await server.createUser({ role: 'admin' });
    const engine = await engineFor(admin);
    const demote = await failureOf(engine.updateUser(admin.user.id, { role: 'manager' }));
    expect(demote).toMatchObject({ reason: 'lastAdmin', field: 'role', code: 'conflict' });
    const disable = await failureOf(engine.updateUser(admin.user.id, { disabled: true }));
    expect(disable).toMatchObject({ reason: 'lastAdmin', field: 'disabled', code: 'conflict' });

    const stranger = await server.createUser({ role: 'rep' });
    const other = await failureOf(engine.updateUser(stranger.user.id, { disabled: true }));
    expect(other).toMatchObject({ reason: 'notFound', code: 'notFound', status: 404 });
    expect((await login(stranger, stranger.user.username, stranger.password)).status).toBe(200);

    // With a second admin, the first may step down.
    const second = await engine.createUser({
      username: `second-${admin.user.username}`,
      name: 'Second',
      role: 'admin',
      password: 'long-enough-2',
    });
    expect(second.role).toBe('admin');
    expect((await engine.updateUser(admin.user.id, { role: 'manager' })).role).toBe('manager');
  });

  it('answers a rep forbidden, without signing the rep out', async () => {
    const admin = await server.createUser({ role: 'admin' });
    const rep = await server.createUser({ orgId: admin.user.orgId, role: 'rep' });
    const engine = await engineFor(rep);
    const forbidden = await failureOf(engine.listUsers());
    expect(forbidden).toMatchObject({ reason: 'forbidden', code: 'forbidden', status: 403 });
    const create = await failureOf(
      engine.createUser({ username: 'sneaky', name: 'S', role: 'admin', password: 'long-enough' }),
    );
    expect(create.reason).toBe('forbidden');
    expect((await statusUntil(engine, () => true)).account?.userId).toBe(rep.user.id);
  });

  it('says signed out when there is no sign-in, and signs out when the server revoked it', async () => {
    const admin = await server.createUser({ role: 'admin' });
    const engine = await engineFor(admin);
    await engine.signOut({ removeLocalData: false });
    expect((await failureOf(engine.listUsers())).reason).toBe('signedOut');

    await signIn(engine, admin);
    // Another admin disables this one: the next request finds the token gone.
    const other = await server.createUser({ orgId: admin.user.orgId, role: 'admin' });
    const disabled = await callApi(server.apiUrl, 'PATCH', `/admin/users/${admin.user.id}`, {
      token: other.token,
      json: { disabled: true },
    });
    expect(disabled.status).toBe(200);
    expect((await failureOf(engine.listUsers())).reason).toBe('signedOut');
    const status = await statusUntil(engine, () => true);
    expect(status.state).toBe('signedOut');
    expect(status.lastError).toMatch(/sign in again/i);
  });
});

describe('user administration through the CrmApi', () => {
  let core: CrmCore;
  let logged: Parameters<NonNullable<DispatcherOptions['log']>>[0][];
  afterEach(async () => {
    await core?.close();
  });

  const fieldsOf = (envelope: Envelope<unknown>) =>
    !envelope.ok && envelope.error.type === 'ValidationError' ? envelope.error.fields : undefined;

  it('brings a server field error back as a ValidationError on that field, never logging a password', async () => {
    const admin = await server.createUser({ role: 'admin' });
    const rep = await server.createUser({ orgId: admin.user.orgId, role: 'rep' });
    core = await openTestCore();
    const engine = await createSyncEngine({
      database: core.database,
      vault: new MemoryVault(),
      collections: ['accounts'],
    });
    opened.push({ engine, close: () => engine.close() });
    await signIn(engine, admin);
    logged = [];
    const bridge = createDispatcher(withSync(core.service, createSyncHandlers(engine)), {
      log: (event) => logged.push(event),
    });

    const PASSWORD = 'Zhao-secret-密码-2026';
    const SHORT = 'Ab3$xy7';
    const taken = await bridge.invoke('admin/users/create', {
      username: rep.user.username,
      name: '重名',
      role: 'rep',
      password: PASSWORD,
    });
    expect(fieldsOf(taken)).toEqual([{ field: 'username', code: 'taken' }]);

    // Checked at the boundary before anything is sent: each field by name.
    const invalid = await bridge.invoke('admin/users/create', {
      username: 'has space',
      name: ' ',
      role: 'owner',
      password: SHORT,
    });
    expect(fieldsOf(invalid)).toEqual([
      { field: 'username', code: 'invalid' },
      { field: 'name', code: 'required' },
      { field: 'role', code: 'invalid' },
      { field: 'password', code: 'tooShort' },
    ]);

    const created = await bridge.invoke('admin/users/create', {
      username: 'chen',
      name: '陈静',
      role: 'manager',
      password: PASSWORD,
    });
    expect(created).toMatchObject({ ok: true, value: { username: 'chen', role: 'manager' } });

    const lastAdmin = await bridge.invoke('admin/users/update', {
      id: admin.user.id,
      patch: { disabled: true },
    });
    expect(lastAdmin).toMatchObject({
      ok: false,
      error: { type: 'UserAdminFailed', reason: 'lastAdmin' },
    });

    const list = await bridge.invoke('admin/users/list', {});
    expect(list.ok && (list.value as { username: string }[]).map((u) => u.username)).toEqual(
      [admin.user.username, 'chen', rep.user.username].sort(),
    );

    const reset = await bridge.invoke('admin/users/resetPassword', {
      id: rep.user.id,
      password: PASSWORD,
    });
    expect(reset).toEqual({ ok: true, value: undefined });
    expect((await login(rep, rep.user.username, PASSWORD)).status).toBe(200);

    expect(logged.map((event) => `${event.kind} ${event.name}`)).toEqual([
      'failed admin/users/create',
      'refused admin/users/create',
      'failed admin/users/update',
    ]);
    const text = logged
      .map((e) => `${String(e.error)} ${JSON.stringify(e.error)} ${(e.error as Error).message}`)
      .join('\n');
    expect(text).not.toContain(PASSWORD);
    expect(text).not.toContain(SHORT);
  });
});
