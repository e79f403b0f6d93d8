import { callApi, startTestServer, type TestServer } from './test-support';

/** Security headers (@fastify/helmet) on every kind of answer, without breaking CORS. */
describe('security headers', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ backend: 'sqlite' });
  });
  afterAll(() => server?.close());

  const expectHardened = (headers: Headers) => {
    expect(headers.get('content-security-policy')).toContain("default-src 'none'");
    expect(headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
    expect(headers.get('x-content-type-options')).toBe('nosniff');
    expect(headers.get('x-frame-options')).toBe('DENY');
    expect(headers.get('referrer-policy')).toBe('no-referrer');
    expect(headers.get('strict-transport-security')).toMatch(/max-age=\d+/);
    expect(headers.get('cross-origin-resource-policy')).toBe('cross-origin');
  };

  it('are on answers, errors and the event stream, and CORS still lets the app read them', async () => {
    const rep = await server.createUser({ role: 'rep' });
    const health = await fetch(`${server.apiUrl}/health`, {
      headers: { origin: 'http://127.0.0.1:5173' },
    });
    expect(health.status).toBe(200);
    expectHardened(health.headers);
    expect(health.headers.get('access-control-allow-origin')).toBe('*');

    const refused = await callApi(server.apiUrl, 'GET', '/sync/accounts/pull?seq=0');
    expect(refused.status).toBe(401);
    expectHardened(refused.headers);

    const preflight = await fetch(`${server.apiUrl}/sync/accounts/pull?seq=0`, {
      method: 'OPTIONS',
      headers: {
        origin: 'http://127.0.0.1:5173',
        'access-control-request-method': 'GET',
        'access-control-request-headers': 'authorization',
      },
    });
    expect(preflight.status).toBeLessThan(300);
    expect(preflight.headers.get('access-control-allow-headers')?.toLowerCase()).toContain(
      'authorization',
    );

    const controller = new AbortController();
    const stream = await fetch(`${server.apiUrl}/sync/stream`, {
      headers: { authorization: `Bearer ${rep.token}` },
      signal: controller.signal,
    });
    try {
      expect(stream.status).toBe(200);
      expectHardened(stream.headers);
    } finally {
      controller.abort();
    }
  });
});
