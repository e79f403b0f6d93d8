import { DEFAULT_LOGIN_LIMITS } from './auth/rate-limit';
import { signInOverHttp, startTestServer, type TestServer, type TestUser } from './test-support';

const { account, address } = DEFAULT_LOGIN_LIMITS;

/**
 * Sign-in limits over real HTTP on both backends: failures slow the next attempt more and more,
 * never lock anyone out, and the owner's own device is not slowed by anyone else's failures. The
 * server's clock is injected (no timed assertions): every test moves it an hour on, so earlier
 * tests' failures no longer count.
 */
describe.each(['sqlite', 'postgres'] as const)('sign-in limits on %s', (backend) => {
  let server: TestServer;
  let clock = Date.now();
  let owner: TestUser;

  beforeAll(async () => {
    server = await startTestServer({ backend, now: () => clock });
  });
  afterAll(() => server?.close());
  beforeEach(async () => {
    clock += 60 * 60 * 1000;
    owner = await server.createUser({ role: 'rep' });
  });

  const login = (who: TestUser, password: string, extra: Record<string, unknown> = {}) =>
    signInOverHttp(server.apiUrl, {
      firmCode: who.user.firmCode,
      username: who.user.username,
      password,
      ...extra,
    });
  /** A guess at a username of the owner's firm, from the same address. */
  const guess = (i: number) =>
    signInOverHttp(server.apiUrl, {
      firmCode: owner.user.firmCode,
      username: `guess-${i}`,
      password: 'wrong password',
    });
  const retryAfter = (answer: { headers: Headers }) => Number(answer.headers.get('retry-after'));

  it('answers a burst of wrong passwords with 429 and a Retry-After that doubles, capped', async () => {
    for (let i = 0; i < account.free; i++) {
      expect((await login(owner, 'wrong password')).status).toBe(401);
    }
    const first = await login(owner, owner.password);
    // Without a known device even the right password waits: the delay comes before the check.
    expect(first.status).toBe(429);
    expect(first.body.error.code).toBe('rateLimited');
    expect(retryAfter(first)).toBe(1);

    const waits: number[] = [];
    for (let round = 0; round < 9; round++) {
      const refused = await login(owner, 'wrong password');
      expect(refused.status).toBe(429);
      waits.push(retryAfter(refused));
      clock += retryAfter(refused) * 1000;
      expect((await login(owner, 'wrong password')).status).toBe(401);
    }
    expect(waits).toEqual([1, 2, 4, 8, 16, 32, 60, 60, 60]);

    // Never a lock-out: after the wait the right password signs in, and the slate is clean.
    const wait = await login(owner, owner.password);
    clock += retryAfter(wait) * 1000;
    expect((await login(owner, owner.password)).status).toBe(200);
    expect((await login(owner, 'wrong password')).status).toBe(401);
  });

  it('checks at most the free attempts of 40 wrong passwords sent at once', async () => {
    const answers = await Promise.all(
      Array.from({ length: 40 }, () => login(owner, 'wrong password')),
    );
    const statuses = answers.map((answer) => answer.status);
    const checked = statuses.filter((status) => status === 401).length;
    // Fewer is possible: an attempt counts every one recorded before its count, later ones too.
    expect(checked).toBeLessThanOrEqual(account.free);
    expect(statuses.filter((status) => status === 429)).toHaveLength(40 - checked);
    for (const answer of answers.filter((a) => a.status === 429)) {
      expect(retryAfter(answer)).toBeGreaterThanOrEqual(1);
    }
  });

  it("lets the owner's known device sign in during an attack on the account and from its address", async () => {
    const signedIn = await login(owner, owner.password);
    expect(signedIn.status).toBe(200);
    const { deviceToken } = signedIn.body;
    expect(deviceToken).toMatch(/^[A-Za-z0-9_-]{43}$/);

    // An attacker on the same address (the office NAT) hammers the account and guesses others.
    for (let i = 0; i < 30; i++) await login(owner, `guess ${i}`);
    for (let i = 0; i < address.free + 5; i++) {
      await guess(i);
    }
    expect((await login(owner, owner.password)).status).toBe(429);

    // The owner's device is not slowed, and keeps its token.
    const owned = await login(owner, owner.password, { deviceToken });
    expect(owned.status).toBe(200);
    expect(owned.body.user.id).toBe(owner.user.id);
    expect(owned.body.deviceToken).toBe(deviceToken);
  });

  it('lets colleagues behind one address with known devices sign in after 20+ failures from it', async () => {
    const colleague = await server.createUser({ role: 'rep', orgId: owner.user.orgId });
    const known = (await login(colleague, colleague.password)).body.deviceToken;
    for (let i = 0; i < address.free + 5; i++) await guess(i);
    // A colleague on a new device waits a little (never locked out) ...
    const fresh = await login(owner, owner.password);
    expect(fresh.status).toBe(429);
    expect(retryAfter(fresh)).toBeLessThanOrEqual(address.maxDelayMs / 1000);
    // ... one on a known device is not slowed at all.
    expect((await login(colleague, colleague.password, { deviceToken: known })).status).toBe(200);
    clock += retryAfter(fresh) * 1000;
    expect((await login(owner, owner.password)).status).toBe(200);
  });

  it("counts a known device's own failures, and another account's device token is no pass", async () => {
    const { deviceToken } = (await login(owner, owner.password)).body;
    const other = await server.createUser({ role: 'rep', orgId: owner.user.orgId });
    for (let i = 0; i < account.free; i++) await login(other, 'wrong password');
    // The owner's device token does not spare a sign-in to someone else's account.
    expect((await login(other, other.password, { deviceToken })).status).toBe(429);
    // A made-up device token is nobody's.
    expect((await login(other, other.password, { deviceToken: 'x'.repeat(43) })).status).toBe(429);

    // A stolen laptop guesses slowly too: the device has its own delays.
    for (let i = 0; i < DEFAULT_LOGIN_LIMITS.device.free; i++) {
      expect((await login(owner, 'wrong password', { deviceToken })).status).toBe(401);
    }
    const slowed = await login(owner, owner.password, { deviceToken });
    expect(slowed.status).toBe(429);
    expect(retryAfter(slowed)).toBe(1);
  });

  it('refuses forged, oversized and malformed sign-in bodies with 400 naming the field', async () => {
    const firmCode = owner.user.firmCode;
    const cases: [Record<string, unknown>, string][] = [
      [{ firmCode, password: owner.password }, 'username'],
      [{ firmCode, username: owner.user.username }, 'password'],
      [{ username: owner.user.username, password: owner.password }, 'firmCode'],
      [
        { firmCode: 'F'.repeat(33), username: owner.user.username, password: owner.password },
        'firmCode',
      ],
      [
        { firmCode: [firmCode], username: owner.user.username, password: owner.password },
        'firmCode',
      ],
      [{ firmCode, username: owner.user.username, password: 'x'.repeat(1025) }, 'password'],
      [{ firmCode, username: 'u'.repeat(257), password: owner.password }, 'username'],
      [
        { username: owner.user.username, password: owner.password, deviceToken: 'd'.repeat(129) },
        'deviceToken',
      ],
      [
        { username: owner.user.username, password: owner.password, deviceToken: { forged: true } },
        'deviceToken',
      ],
      [
        { username: owner.user.username, password: owner.password, orgId: owner.user.orgId },
        'orgId',
      ],
      [{ firmCode, username: [owner.user.username], password: owner.password }, 'username'],
    ];
    for (const [body, field] of cases) {
      const answer = await signInOverHttp(server.apiUrl, body);
      expect(answer.status, JSON.stringify(body).slice(0, 80)).toBe(400);
      expect(answer.body.error.field, field).toBe(field);
    }
    // Forged and malformed requests were no sign-in failures: the owner signs in at once.
    expect((await login(owner, owner.password)).status).toBe(200);
  });
});
