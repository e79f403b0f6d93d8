import { X509Certificate } from 'node:crypto';
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { get } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TLSSocket } from 'node:tls';
import { readConfig } from './cli/config';
import { TEST_DATABASE_URL } from './store/test-support';
import { killAll, runServerCommand, startServerProcess } from './test-processes';
import { CERT_FILE_NAME, KEY_FILE_NAME, loadCertificate } from './tls/certificate';

/**
 * HTTPS by default: `npm run server` as a person runs it, real processes, real TLS on 127.0.0.1.
 * The certificate is made on first start and kept; `fingerprint` prints what the server serves;
 * plain HTTP is refused where it would cross a network in clear.
 */
let root: string;

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'ltc-sync-tls-'));
});
afterAll(async () => {
  killAll();
  await rm(root, { recursive: true, force: true });
});

function env(dataDir: string, extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const {
    DATABASE_URL: _,
    TLS: _tls,
    TLS_CERT: _c,
    TLS_KEY: _k,
    TRUST_PROXY: _p,
    ...rest
  } = process.env;
  return { ...rest, DATA_DIR: dataDir, PORT: '0', HOST: '127.0.0.1', ...extra };
}

/** GET over TLS without trusting any authority: the served certificate and the answer. */
function fetchServed(url: string): Promise<{ fingerprint: string; status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const request = get(url, { rejectUnauthorized: false }, (response) => {
      const fingerprint = (response.socket as TLSSocket).getPeerCertificate().fingerprint256;
      let body = '';
      response.on('data', (chunk: Buffer) => (body += chunk.toString()));
      response.on('end', () => resolve({ fingerprint, status: response.statusCode ?? 0, body }));
    });
    request.on('error', reject);
  });
}

const FINGERPRINT_LINE = /TLS certificate SHA-256 fingerprint: ((?:[0-9A-F]{2}:){31}[0-9A-F]{2})/;

describe.each([
  ['sqlite', {}],
  ['postgres', { DATABASE_URL: TEST_DATABASE_URL }],
] as const)('HTTPS by default (%s)', (backend, extra) => {
  it('makes a certificate on first start, serves it, prints its fingerprint, and keeps it', async () => {
    const dataDir = join(root, `made-${backend}`);
    const first = await startServerProcess(env(dataDir, extra));
    let printed: string | undefined;
    try {
      expect(first.apiUrl).toMatch(/^https:\/\/127\.0\.0\.1:\d+\/api\/v1$/);
      printed = FINGERPRINT_LINE.exec(first.output())?.[1];
      expect(printed).toBeDefined();
      const served = await fetchServed(`${first.apiUrl}/health`);
      expect(served).toMatchObject({ status: 200, fingerprint: printed });
      expect(JSON.parse(served.body)).toEqual({ ok: true });
      // A plain-HTTP request to the TLS port gets no API answer.
      await expect(fetch(`${first.apiUrl.replace('https:', 'http:')}/health`)).rejects.toThrow(
        /fetch failed/,
      );
    } finally {
      expect(await first.stop()).toBe(0);
    }
    // Kept next to the database; the key readable by the server's user only.
    const cert = await readFile(join(dataDir, CERT_FILE_NAME), 'utf8');
    expect(new X509Certificate(cert).fingerprint256).toBe(printed);
    expect((await stat(join(dataDir, KEY_FILE_NAME))).mode & 0o077).toBe(0);

    const command = await runServerCommand(['fingerprint'], env(dataDir, extra));
    expect(command.code).toBe(0);
    expect(FINGERPRINT_LINE.exec(command.stdout)?.[1]).toBe(printed);

    const second = await startServerProcess(env(dataDir, extra));
    try {
      expect((await fetchServed(`${second.apiUrl}/health`)).fingerprint).toBe(printed);
    } finally {
      expect(await second.stop()).toBe(0);
    }
  });
});

it('serves the certificate an admin gives with TLS_CERT and TLS_KEY', async () => {
  const own = await loadCertificate({ kind: 'self-signed', dir: join(root, 'own') });
  const extra = {
    TLS_CERT: join(root, 'own', CERT_FILE_NAME),
    TLS_KEY: join(root, 'own', KEY_FILE_NAME),
  };
  const dataDir = join(root, 'given');
  const server = await startServerProcess(env(dataDir, extra));
  try {
    expect((await fetchServed(`${server.apiUrl}/health`)).fingerprint).toBe(own.fingerprint);
    expect(server.output()).toContain(own.fingerprint);
  } finally {
    expect(await server.stop()).toBe(0);
  }
  // Nothing was made in the data folder.
  await expect(stat(join(dataDir, CERT_FILE_NAME))).rejects.toThrow(/ENOENT/);
  const command = await runServerCommand(['fingerprint'], env(dataDir, extra));
  expect(command.stdout).toContain(own.fingerprint);
});

it('refuses TLS=off on a network address without a trusted proxy, in one clear line', async () => {
  const refused = await runServerCommand(
    [],
    env(join(root, 'off'), { TLS: 'off', HOST: '0.0.0.0' }),
  );
  expect(refused.code).toBe(1);
  expect(refused.stdout).toBe('');
  const lines = refused.stderr.trim().split('\n');
  expect(lines).toHaveLength(1);
  expect(lines[0]).toMatch(/^TLS=off is refused on HOST=0\.0\.0\.0: .*TRUST_PROXY/);

  // Allowed on loopback, where `fingerprint` has nothing to print and says why.
  const none = await runServerCommand(['fingerprint'], env(join(root, 'off'), { TLS: 'off' }));
  expect(none.code).toBe(1);
  expect(none.stderr).toMatch(/TLS=off, this server has no certificate/);
});

describe('readConfig: TLS', () => {
  const base = { DATA_DIR: '/srv/ltc' };

  it('is on by default, with the certificate kept in DATA_DIR', () => {
    expect(readConfig(base).tls).toEqual({ kind: 'self-signed', dir: '/srv/ltc' });
    expect(readConfig({ ...base, TLS: 'on', HOST: '0.0.0.0' }).tls.kind).toBe('self-signed');
  });

  it('allows TLS=off on loopback, or behind a trusted proxy hop count', () => {
    for (const host of ['127.0.0.1', 'localhost', '::1']) {
      expect(readConfig({ ...base, TLS: 'off', HOST: host }).tls).toEqual({ kind: 'off' });
    }
    const proxied = readConfig({ ...base, TLS: 'off', HOST: '0.0.0.0', TRUST_PROXY: '1' });
    expect(proxied).toMatchObject({ tls: { kind: 'off' }, trustProxy: 1 });
  });

  it('refuses TLS=off on other hosts, odd TLS values and half a certificate', () => {
    expect(() => readConfig({ ...base, TLS: 'off', HOST: '192.168.1.10' })).toThrow(
      /TLS=off is refused on HOST=192\.168\.1\.10/,
    );
    expect(() => readConfig({ ...base, TLS: 'off', HOST: '0.0.0.0', TRUST_PROXY: '0' })).toThrow(
      /TLS=off is refused/,
    );
    expect(() => readConfig({ ...base, TLS: 'maybe' })).toThrow(/TLS must be "on".*"maybe"/);
    expect(() => readConfig({ ...base, TLS_CERT: '/etc/cert.pem' })).toThrow(
      /TLS_CERT and TLS_KEY must be given together/,
    );
    expect(() =>
      readConfig({ ...base, TLS: 'off', TLS_CERT: '/a.pem', TLS_KEY: '/b.pem' }),
    ).toThrow(/cannot be combined/);
  });

  it('takes TLS_CERT and TLS_KEY as files', () => {
    expect(readConfig({ ...base, TLS_CERT: '/a/cert.pem', TLS_KEY: '/a/key.pem' }).tls).toEqual({
      kind: 'files',
      certFile: '/a/cert.pem',
      keyFile: '/a/key.pem',
    });
  });
});

it('makes one certificate when several servers start on one folder at once', async () => {
  const dir = join(root, 'race');
  const made = await Promise.all(
    Array.from({ length: 4 }, () => loadCertificate({ kind: 'self-signed', dir })),
  );
  expect(new Set(made.map((certificate) => certificate.fingerprint)).size).toBe(1);
  expect(fingerprintOfFile(await readFile(join(dir, CERT_FILE_NAME), 'utf8'))).toBe(
    made[0]?.fingerprint,
  );
});

const fingerprintOfFile = (pem: string) => new X509Certificate(pem).fingerprint256;
