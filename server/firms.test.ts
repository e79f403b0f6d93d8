import type { ErrorResponse, SyncUser } from '../shared/sync/protocol';
import {
  callApi,
  signInOverHttp,
  startTestServer,
  TEST_PASSWORD,
  type TestServer,
  type TestUser,
} from './test-support';

/**
 * Firm codes on both backends: usernames are unique per firm, sign-in names the firm, and no
 * answer tells one firm anything about another.
 */
describe.each(['sqlite', 'postgres'] as const)('firms on %s', (backend) => {
  let server: TestServer;
  let adminA: TestUser;
  let adminB: TestUser;

  beforeAll(async () => {
    server = await startTestServer({ backend });
  });
  afterAll(() => server?.close());
  beforeEach(async () => {
    adminA = await server.createUser({ role: 'admin' });
    adminB = await server.createUser({ role: 'admin' });
  });

  const createUser = (admin: TestUser, username: string) =>
    callApi<SyncUser & ErrorResponse>(server.apiUrl, 'POST', '/admin/users', {
      token: admin.token,
      json: { username, name: username, role: 'rep', password: TEST_PASSWORD },
    });
  const login = (firmCode: string | undefined, username: string, password: string) =>
    signInOverHttp(server.apiUrl, {
      ...(firmCode !== undefined && { firmCode }),
      username,
      password,
    });

  it('gives every firm its own code, shown to its people', async () => {
    expect(adminA.user.firmCode).toMatch(/^[A-HJKMNP-Z2-9]{6}$/);
    expect(adminB.user.firmCode).not.toBe(adminA.user.firmCode);
    const list = await callApi<SyncUser[]>(server.apiUrl, 'GET', '/admin/users', {
      token: adminA.token,
    });
    expect(list.body.map((u) => u.firmCode)).toEqual([adminA.user.firmCode]);
    const me = await callApi<SyncUser>(server.apiUrl, 'GET', '/auth/me', { token: adminA.token });
    expect(me.body.firmCode).toBe(adminA.user.firmCode);
  });

  it('lets two firms each have a "repb1", and each signs in to their own', async () => {
    const inB = await createUser(adminB, 'repb1');
    expect(inB.status).toBe(201);
    const inA = await createUser(adminA, 'repb1');
    expect(inA.status).toBe(201);
    expect(inA.body.id).not.toBe(inB.body.id);
    // Taken within one firm, as before.
    const again = await createUser(adminA, 'REPB1');
    expect(again.status).toBe(409);
    expect(again.body.error.field).toBe('username');

    const a = await login(adminA.user.firmCode.toLowerCase(), 'repb1', TEST_PASSWORD);
    expect(a.status).toBe(200);
    expect(a.body.user).toMatchObject({ id: inA.body.id, orgId: adminA.user.orgId });
    // Typed with a dash and spaces, as people copy codes.
    const spaced = `${adminB.user.firmCode.slice(0, 3)}- ${adminB.user.firmCode.slice(3)}`;
    const b = await login(spaced, 'repb1', TEST_PASSWORD);
    expect(b.status).toBe(200);
    expect(b.body.user).toMatchObject({ id: inB.body.id, orgId: adminB.user.orgId });
    // Firm B's admin sees only firm B's repb1.
    const listB = await callApi<SyncUser[]>(server.apiUrl, 'GET', '/admin/users', {
      token: adminB.token,
    });
    expect(listB.body.map((u) => u.id).sort()).toEqual([adminB.user.id, inB.body.id].sort());
  });

  it('answers a wrong firm code and a wrong password with the same 401', async () => {
    const name = adminA.user.username;
    const wrongPassword = await login(adminA.user.firmCode, name, 'not the password');
    const unknownFirm = await login('ZZZZZZ', name, adminA.password);
    const otherFirm = await login(adminB.user.firmCode, name, adminA.password);
    const unknownUser = await login(adminA.user.firmCode, `nobody-${name}`, adminA.password);
    for (const answer of [wrongPassword, unknownFirm, otherFirm, unknownUser]) {
      expect(answer.status).toBe(401);
      expect(answer.body).toEqual(wrongPassword.body);
    }
    expect(wrongPassword.body.error.message).toBe('Wrong firm code, username or password');
  });

  it('asks for the firm code when the server serves more than one firm', async () => {
    const answer = await login(undefined, adminA.user.username, adminA.password);
    expect(answer.status).toBe(400);
    expect(answer.body.error).toMatchObject({ code: 'validation', field: 'firmCode' });
    expect((await login('', adminA.user.username, adminA.password)).status).toBe(400);
  });
});

describe('a server that serves one firm (DEFAULT_FIRM)', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ backend: 'sqlite', defaultFirmCode: 'one-234' });
  });
  afterAll(() => server?.close());

  it('takes sign-ins without a firm code to its firm, and others with theirs', async () => {
    await server.store.createOrganisation({
      id: 'org-one',
      name: 'One firm',
      code: 'ONE234',
      createdAt: Date.now(),
    });
    const wang = await server.createUser({ role: 'rep', orgId: 'org-one', username: 'wang' });
    const elsewhere = await server.createUser({ role: 'rep', username: 'wang' });

    const plain = await signInOverHttp(server.apiUrl, {
      username: 'wang',
      password: wang.password,
    });
    expect(plain.status).toBe(200);
    expect(plain.body.user).toMatchObject({ id: wang.user.id, firmCode: 'ONE234' });
    const empty = await signInOverHttp(server.apiUrl, {
      firmCode: ' ',
      username: 'wang',
      password: wang.password,
    });
    expect(empty.body.user.id).toBe(wang.user.id);
    const named = await signInOverHttp(server.apiUrl, {
      firmCode: elsewhere.user.firmCode,
      username: 'wang',
      password: elsewhere.password,
    });
    expect(named.status).toBe(200);
    expect(named.body.user.id).toBe(elsewhere.user.id);
  });
});
