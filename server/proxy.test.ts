import { DEFAULT_LOGIN_LIMITS } from './auth/rate-limit';
import { readConfig } from './cli/config';
import { signInOverHttp, startTestServer, type TestServer } from './test-support';

/**
 * Behind one reverse proxy (TRUST_PROXY=1): the client's address is the one the proxy appended
 * to X-Forwarded-For; whatever a client wrote in front of it is not believed, so a guesser cannot
 * escape the per-address sign-in limit by claiming a new address each time.
 */
describe('a server behind one reverse proxy', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ backend: 'sqlite', trustProxy: 1 });
  });
  afterAll(() => server?.close());

  let firmCode = '';
  const login = (username: string, password: string, forwardedFor: string) =>
    signInOverHttp(
      server.apiUrl,
      { firmCode, username, password },
      { 'x-forwarded-for': forwardedFor },
    );

  it('limits by the address the proxy saw, not by addresses a client forged', async () => {
    const rep = await server.createUser({ role: 'rep' });
    firmCode = rep.user.firmCode;
    for (let i = 0; i < DEFAULT_LOGIN_LIMITS.address.free; i++) {
      // Each guess claims a new address; the proxy saw 203.0.113.7 every time.
      const guess = await login(`guess-${i}`, 'wrong password', `10.0.${i}.1, 203.0.113.7`);
      expect(guess.status).toBe(401);
    }
    const limited = await login(rep.user.username, rep.password, '10.9.9.9, 203.0.113.7');
    expect(limited.status).toBe(429);
    // Someone else behind the same proxy, from another address, still signs in.
    const other = await login(rep.user.username, rep.password, '198.51.100.20');
    expect(other.status).toBe(200);
  });
});

describe('TRUST_PROXY', () => {
  it('is a number of proxies, never "trust every hop"', () => {
    expect(readConfig({}).trustProxy).toBe(0);
    expect(readConfig({ TRUST_PROXY: '1' }).trustProxy).toBe(1);
    expect(readConfig({ TRUST_PROXY: '2' }).trustProxy).toBe(2);
    for (const value of ['true', 'yes', '-1', '1.5', '100']) {
      expect(() => readConfig({ TRUST_PROXY: value }), value).toThrow(/number of reverse proxies/);
    }
  });
});
