import type { ErrorResponse, LoginResponse, SyncUser } from '../shared/sync/protocol';
import { callApi, startTestServer, type TestServer, type TestUser } from './test-support';

/** Ending sessions: a person's own "sign out everywhere", and an admin's for a person of the firm. */
describe.each(['sqlite', 'postgres'] as const)('revoking sessions on %s', (backend) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ backend });
  });
  afterAll(() => server?.close());

  const api = <T = unknown>(
    method: string,
    path: string,
    options: Parameters<typeof callApi>[3] = {},
  ) => callApi<T>(server.apiUrl, method, path, options);
  const me = (token: string) => api<SyncUser & ErrorResponse>('GET', '/auth/me', { token });
  /** A second session of the same person (another device). */
  const signInAgain = async (who: TestUser) =>
    (
      await api<LoginResponse>('POST', '/auth/login', {
        json: { firmCode: who.user.firmCode, username: who.user.username, password: who.password },
      })
    ).body.token;

  it('signs a person out on every device, this one too, and no one else', async () => {
    const rep = await server.createUser({ role: 'rep' });
    const colleague = await server.createUser({ role: 'rep', orgId: rep.user.orgId });
    const laptop = await signInAgain(rep);
    const out = await api('POST', '/auth/logout-everywhere', { token: rep.token });
    expect(out.status).toBe(204);
    expect((await me(rep.token)).status).toBe(401);
    expect((await me(laptop)).status).toBe(401);
    expect((await me(colleague.token)).status).toBe(200);
    // Signing in again works.
    expect((await me(await signInAgain(rep))).status).toBe(200);
  });

  it('lets an admin end every session of a person of the firm, who stays enabled', async () => {
    const admin = await server.createUser({ role: 'admin' });
    const rep = await server.createUser({ role: 'rep', orgId: admin.user.orgId });
    const phone = await signInAgain(rep);
    const out = await api('POST', `/admin/users/${rep.user.id}/sign-out`, { token: admin.token });
    expect(out.status).toBe(204);
    expect((await me(rep.token)).status).toBe(401);
    expect((await me(phone)).status).toBe(401);
    expect((await me(admin.token)).status).toBe(200);
    expect((await me(await signInAgain(rep))).status).toBe(200);
  });

  it('refuses forged, malformed, oversized, cross-firm and non-admin requests, ending nothing', async () => {
    const admin = await server.createUser({ role: 'admin' });
    const manager = await server.createUser({ role: 'manager', orgId: admin.user.orgId });
    const rep = await server.createUser({ role: 'rep', orgId: admin.user.orgId });
    const otherFirm = await server.createUser({ role: 'rep' });
    const signOut = (id: string, token?: string, raw?: string) =>
      api<ErrorResponse>('POST', `/admin/users/${id}/sign-out`, {
        ...(token ? { token } : {}),
        ...(raw !== undefined ? { raw } : {}),
      });

    expect((await signOut(rep.user.id)).status).toBe(401);
    expect((await signOut(rep.user.id, 'forged-token')).status).toBe(401);
    expect((await api('POST', '/auth/logout-everywhere', { token: 'forged' })).status).toBe(401);
    const byManager = await signOut(rep.user.id, manager.token);
    expect(byManager.status).toBe(403);
    const byRep = await signOut(admin.user.id, rep.token);
    expect(byRep.status).toBe(403);
    // Another firm's person is not found, and their session lives on.
    const crossFirm = await signOut(otherFirm.user.id, admin.token);
    expect(crossFirm.status).toBe(404);
    expect(crossFirm.body.error.code).toBe('notFound');
    expect((await me(otherFirm.token)).status).toBe(200);
    const tooLong = await signOut('x'.repeat(65), admin.token);
    expect(tooLong.status).toBe(400);
    const malformed = await signOut(rep.user.id, admin.token, '{"not json');
    expect(malformed.status).toBe(400);
    const oversized = await signOut(
      rep.user.id,
      admin.token,
      JSON.stringify({ pad: 'x'.repeat(6 * 1024 * 1024) }),
    );
    expect(oversized.status).toBe(413);
    expect((await me(rep.token)).status).toBe(200);
  });
});
