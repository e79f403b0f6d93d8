import type { ErrorResponse, SyncUser } from '../shared/sync/protocol';
import { DEFAULT_TOKEN_TTL_MS } from './auth/tokens';
import {
  callApi,
  signInOverHttp,
  startTestServer,
  type TestServer,
  type TestUser,
} from './test-support';

/**
 * Accounts and access over real HTTP against a real server, on both backends. The server's clock
 * is injected: every test moves it an hour on, so sign-in failures of earlier tests no longer count.
 * The sign-in limits have their own file (sign-in-limits.test.ts).
 */
describe.each(['sqlite', 'postgres'] as const)('auth and admin on %s', (backend) => {
  let server: TestServer;
  let clock = Date.now();
  let admin: TestUser;

  beforeAll(async () => {
    server = await startTestServer({ backend, now: () => clock });
  });
  afterAll(() => server?.close());
  beforeEach(async () => {
    clock += 60 * 60 * 1000;
    // A fresh organisation per test: tests move the clock past token expiry.
    admin = await server.createUser({ role: 'admin' });
  });

  const api = <T = unknown>(
    method: string,
    path: string,
    options: Parameters<typeof callApi>[3] = {},
  ) => callApi<T>(server.apiUrl, method, path, options);
  /** Signs in to the firm of this test's admin unless told another. */
  const login = (username: string, password: string, firmCode = admin.user.firmCode) =>
    signInOverHttp(server.apiUrl, { firmCode, username, password });
  const me = (token: string) => api<SyncUser & ErrorResponse>('GET', '/auth/me', { token });
  const member = (role: 'admin' | 'manager' | 'rep') =>
    server.createUser({ role, orgId: admin.user.orgId });

  it('signs in with username (any case) and password, and the token works', async () => {
    const rep = await member('rep');
    const response = await login(rep.user.username.toUpperCase(), rep.password);
    expect(response.status).toBe(200);
    expect(response.body.user).toEqual(rep.user);
    expect(response.body.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(response.body.expiresAt).toBe(clock + DEFAULT_TOKEN_TTL_MS);
    const who = await me(response.body.token);
    expect(who.status).toBe(200);
    expect(who.body.id).toBe(rep.user.id);
  });

  it('answers a wrong password and an unknown user alike with 401', async () => {
    const rep = await member('rep');
    const wrong = await login(rep.user.username, 'not the password');
    const unknown = await login('nobody-' + rep.user.username, 'not the password');
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(wrong.body.error.code).toBe('unauthorized');
    expect(unknown.body).toEqual(wrong.body);
  });

  it('refuses requests without a valid bearer token, but not health', async () => {
    expect((await api('GET', '/health')).status).toBe(200);
    const missing = await api<ErrorResponse>('GET', '/auth/me');
    expect(missing.status).toBe(401);
    expect(missing.body.error.code).toBe('unauthorized');
    expect((await me('made-up-token')).status).toBe(401);
    expect((await api('GET', '/auth/me', { headers: { authorization: 'Basic abc' } })).status).toBe(
      401,
    );
  });

  it('stops accepting a token once it has expired', async () => {
    const rep = await member('rep');
    expect((await me(rep.token)).status).toBe(200);
    clock += DEFAULT_TOKEN_TTL_MS;
    const expired = await me(rep.token);
    expect(expired.status).toBe(401);
    expect(expired.body.error.code).toBe('unauthorized');
  });

  it('revokes the token on logout', async () => {
    const rep = await member('rep');
    const signedIn = await login(rep.user.username, rep.password);
    expect((await api('POST', '/auth/logout', { token: signedIn.body.token })).status).toBe(204);
    expect((await me(signedIn.body.token)).status).toBe(401);
    // Other sessions of the same person are untouched.
    expect((await me(rep.token)).status).toBe(200);
  });

  it('lets an admin create users, who can then sign in', async () => {
    const created = await api<SyncUser & ErrorResponse>('POST', '/admin/users', {
      token: admin.token,
      json: {
        username: 'New.Rep',
        name: ' Wang Li ',
        role: 'rep',
        password: 'Kite-harbor-57-oven',
      },
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      username: 'new.rep',
      name: 'Wang Li',
      role: 'rep',
      disabled: false,
      orgId: admin.user.orgId,
      orgName: admin.user.orgName,
    });
    expect((await login('new.rep', 'Kite-harbor-57-oven')).body.user.id).toBe(created.body.id);

    const taken = await api<ErrorResponse>('POST', '/admin/users', {
      token: admin.token,
      json: { username: 'new.rep', name: 'Other', role: 'rep', password: 'Kite-harbor-57-oven' },
    });
    expect(taken.status).toBe(409);
    expect(taken.body.error).toMatchObject({ code: 'conflict', field: 'username' });

    const list = await api<SyncUser[]>('GET', '/admin/users', { token: admin.token });
    expect(list.body.map((u) => u.id)).toContain(created.body.id);
  });

  it('enforces the password policy with a message naming the field', async () => {
    const short = await api<ErrorResponse>('POST', '/admin/users', {
      token: admin.token,
      json: { username: 'short-pw', name: 'Short', role: 'rep', password: 'seven77' },
    });
    expect(short.status).toBe(400);
    expect(short.body.error.code).toBe('validation');
    expect(short.body.error.field).toBe('password');
    expect(short.body.error.message).toMatch(/password/);
    expect((await login('short-pw', 'seven77')).status).toBe(401);

    const rep = await member('rep');
    const reset = await api<ErrorResponse>('POST', `/admin/users/${rep.user.id}/password`, {
      token: admin.token,
      json: { password: 'short' },
    });
    expect(reset.status).toBe(400);
    expect(reset.body.error.field).toBe('password');
    expect((await me(rep.token)).status).toBe(200);
  });

  it('refuses passwords that are easy to guess, with their own code, and writes nothing', async () => {
    // Long enough, but a common password, a digit run, or the person's own name and username.
    for (const [username, name, password] of [
      ['weak-a', 'A', 'password'],
      ['weak-b', 'B', '12345678'],
      ['weak.liwei', 'Li Wei', 'weak.liwei2026'],
      ['weak-d', 'Wang Li', 'Wang Li 1234'],
    ] as const) {
      const weak = await api<ErrorResponse>('POST', '/admin/users', {
        token: admin.token,
        json: { username, name, role: 'rep', password },
      });
      expect(weak.status, password).toBe(400);
      expect(weak.body.error, password).toMatchObject({ code: 'weakPassword', field: 'password' });
      expect((await login(username, password)).status).toBe(401);
    }
    const list = await api<SyncUser[]>('GET', '/admin/users', { token: admin.token });
    expect(list.body.map((u) => u.username).filter((u) => u.startsWith('weak'))).toEqual([]);

    // A reset to a weak password keeps the old one and the person's sessions.
    const rep = await member('rep');
    const reset = await api<ErrorResponse>('POST', `/admin/users/${rep.user.id}/password`, {
      token: admin.token,
      json: { password: 'password1' },
    });
    expect(reset.status).toBe(400);
    expect(reset.body.error).toMatchObject({ code: 'weakPassword', field: 'password' });
    expect((await me(rep.token)).status).toBe(200);
    expect((await login(rep.user.username, rep.password)).status).toBe(200);
  });

  it('disabling a user stops their tokens and sign-in; enabling again needs a new sign-in', async () => {
    const rep = await member('rep');
    const disabled = await api<SyncUser>('PATCH', `/admin/users/${rep.user.id}`, {
      token: admin.token,
      json: { disabled: true },
    });
    expect(disabled.status).toBe(200);
    expect(disabled.body.disabled).toBe(true);
    expect((await me(rep.token)).status).toBe(401);
    const refused = await login(rep.user.username, rep.password);
    expect(refused.status).toBe(401);
    expect(refused.body.error.message).toMatch(/disabled/);

    await api('PATCH', `/admin/users/${rep.user.id}`, {
      token: admin.token,
      json: { disabled: false },
    });
    expect((await me(rep.token)).status).toBe(401);
    expect((await login(rep.user.username, rep.password)).status).toBe(200);
  });

  it('resets a password: old password and old tokens stop working', async () => {
    const rep = await member('rep');
    const reset = await api('POST', `/admin/users/${rep.user.id}/password`, {
      token: admin.token,
      json: { password: 'a brand new password' },
    });
    expect(reset.status).toBe(204);
    expect((await me(rep.token)).status).toBe(401);
    expect((await login(rep.user.username, rep.password)).status).toBe(401);
    expect((await login(rep.user.username, 'a brand new password')).status).toBe(200);
  });

  it('changes name and role', async () => {
    const rep = await member('rep');
    const patched = await api<SyncUser>('PATCH', `/admin/users/${rep.user.id}`, {
      token: admin.token,
      json: { name: 'Zhang Wei', role: 'manager' },
    });
    expect(patched.body).toMatchObject({ name: 'Zhang Wei', role: 'manager' });
    expect((await me(rep.token)).body).toMatchObject({ name: 'Zhang Wei', role: 'manager' });
    const unknownField = await api<ErrorResponse>('PATCH', `/admin/users/${rep.user.id}`, {
      token: admin.token,
      json: { disable: true },
    });
    expect(unknownField.status).toBe(400);
    expect(unknownField.body.error.field).toBe('disable');
  });

  it('refuses admin routes to managers and reps with 403', async () => {
    for (const role of ['manager', 'rep'] as const) {
      const user = await member(role);
      const list = await api<ErrorResponse>('GET', '/admin/users', { token: user.token });
      expect(list.status).toBe(403);
      expect(list.body.error.code).toBe('forbidden');
      const create = await api('POST', '/admin/users', {
        token: user.token,
        json: { username: `by-${role}`, name: 'X', role: 'admin', password: 'Kite-harbor-57-oven' },
      });
      expect(create.status).toBe(403);
      const selfPromote = await api('PATCH', `/admin/users/${user.user.id}`, {
        token: user.token,
        json: { role: 'admin' },
      });
      expect(selfPromote.status).toBe(403);
    }
  });

  it('keeps the last active admin: no self-disable or self-demotion, unless another admin exists', async () => {
    const org = await server.createUser({ role: 'admin' });
    for (const json of [{ disabled: true }, { role: 'rep' }]) {
      const refused = await api<ErrorResponse>('PATCH', `/admin/users/${org.user.id}`, {
        token: org.token,
        json,
      });
      expect(refused.status).toBe(409);
      expect(refused.body.error.code).toBe('conflict');
    }
    expect((await me(org.token)).body.role).toBe('admin');
    await server.createUser({ role: 'admin', orgId: org.user.orgId });
    const demoted = await api<SyncUser>('PATCH', `/admin/users/${org.user.id}`, {
      token: org.token,
      json: { role: 'manager' },
    });
    expect(demoted.status).toBe(200);
    expect(demoted.body.role).toBe('manager');
  });

  it("isolates tenants: an admin cannot see or touch another organisation's users", async () => {
    const other = await server.createUser({ role: 'rep' });
    const list = await api<SyncUser[]>('GET', '/admin/users', { token: admin.token });
    expect(list.body.every((u) => u.orgId === admin.user.orgId)).toBe(true);
    expect(list.body.map((u) => u.id)).not.toContain(other.user.id);

    const patch = await api<ErrorResponse>('PATCH', `/admin/users/${other.user.id}`, {
      token: admin.token,
      json: { disabled: true },
    });
    expect(patch.status).toBe(404);
    expect(patch.body.error.code).toBe('notFound');
    const reset = await api('POST', `/admin/users/${other.user.id}/password`, {
      token: admin.token,
      json: { password: 'taken over!' },
    });
    expect(reset.status).toBe(404);
    expect((await me(other.token)).status).toBe(200);
    expect((await login(other.user.username, other.password, other.user.firmCode)).status).toBe(
      200,
    );
  });

  it('answers bad input with ErrorResponse bodies', async () => {
    const missing = await api<ErrorResponse>('POST', '/auth/login', { json: { username: 'x' } });
    expect(missing.status).toBe(400);
    expect(missing.body.error).toMatchObject({ code: 'validation', field: 'password' });
    const malformed = await api<ErrorResponse>('POST', '/auth/login', { raw: '{"username":' });
    expect(malformed.status).toBe(400);
    expect(malformed.body.error.code).toBe('badRequest');
    const unknown = await api<ErrorResponse>('GET', '/no/such/route', { token: admin.token });
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.code).toBe('notFound');
  });
});
