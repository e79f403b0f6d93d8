import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { nodeCertificatePinning } from '../../main/tls-pinning';
import { startTestServer, type TestServer } from '../../server/test-support';
import { loadCertificate, type ServerCertificate } from '../../server/tls/certificate';
import { SignInError, type SignInRequest } from '../../shared/sync/types';
import { account, clientFolder, openClient, statusUntil, synced, type TestClient } from './support';

/**
 * Trust on first use, against real HTTPS servers on 127.0.0.1: the desktop's pinning (undici with
 * a connector that compares the certificate after the handshake) holds the engine to the
 * certificate trusted at sign-in. A server restarted with another certificate is refused before
 * anything is sent, until the person trusts the new one on purpose.
 */
let certs: string;
let first: ServerCertificate;
let second: ServerCertificate;
let server: TestServer;
let folder: ReturnType<typeof clientFolder>;
const clients: TestClient[] = [];

beforeAll(async () => {
  certs = await mkdtemp(join(tmpdir(), 'ltc-pinning-'));
  first = await loadCertificate({ kind: 'self-signed', dir: join(certs, 'first') });
  second = await loadCertificate({ kind: 'self-signed', dir: join(certs, 'second') });
  server = await startTestServer({
    backend: 'sqlite',
    https: { key: first.key, cert: first.cert },
  });
  folder = clientFolder();
});
afterAll(async () => {
  await Promise.all(clients.map((client) => client.close()));
  await server?.close();
  folder?.remove();
  await rm(certs, { recursive: true, force: true });
});

async function pinningClient(name: string): Promise<TestClient> {
  const client = await openClient(folder.directory, name, { pinning: nodeCertificatePinning() });
  clients.push(client);
  return client;
}

const refusal = (promise: Promise<unknown>) =>
  promise.then(
    () => 'signed in',
    (error: unknown) =>
      error instanceof SignInError
        ? { reason: error.reason, certificate: error.certificate }
        : String(error),
  );

async function serverAccounts(orgId: string): Promise<string[]> {
  const docs = await server.store.pull(orgId, 'accounts', 0, 1000);
  return docs.map((doc) => String(doc.data.name));
}

it('pins the certificate compared at the first sign-in and refuses a changed one until re-trusted', async () => {
  expect(first.fingerprint).not.toBe(second.fingerprint);
  expect(server.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
  const rep = await server.createUser({ role: 'rep', name: '王小明' });
  const orgId = rep.user.orgId;
  const client = await pinningClient('pinning');
  const request: SignInRequest = {
    serverUrl: server.url,
    firmCode: rep.user.firmCode,
    username: rep.user.username,
    password: rep.password,
  };

  // First sign-in: the fingerprint is shown to compare; no password goes out before it is trusted.
  expect(await refusal(client.engine.signIn(request))).toEqual({
    reason: 'untrustedCertificate',
    certificate: { serverUrl: server.url, presented: first.fingerprint },
  });
  // Trusting a fingerprint the server does not present changes nothing.
  expect(
    await refusal(client.engine.signIn({ ...request, trustFingerprint: second.fingerprint })),
  ).toMatchObject({ reason: 'untrustedCertificate' });
  expect(client.vault.token).toBeUndefined();

  await client.engine.signIn({ ...request, trustFingerprint: first.fingerprint });
  await statusUntil(client.engine, synced);
  await client.database.accounts.insert(account(rep.user, '华为技术'));
  await statusUntil(client.engine, synced);
  expect(await serverAccounts(orgId)).toEqual(['华为技术']);

  // The same address now presents another certificate (a new one, or someone in between).
  await server.restart({ https: { key: second.key, cert: second.cert } });
  await client.database.accounts.insert(account(rep.user, '中兴通讯'));
  const refused = await statusUntil(client.engine, (status) => status.state === 'signedOut');
  expect(refused.lastError).toContain(first.fingerprint);
  expect(refused.lastError).toContain(second.fingerprint);
  expect(refused.account?.serverUrl).toBe(server.url);
  expect(client.vault.token).toBeUndefined();
  // Nothing was pushed to the server with the new certificate.
  expect(await serverAccounts(orgId)).toEqual(['华为技术']);

  // Signing in again names both fingerprints, and still sends nothing.
  expect(await refusal(client.engine.signIn(request))).toEqual({
    reason: 'certificateChanged',
    certificate: {
      serverUrl: server.url,
      presented: second.fingerprint,
      pinned: first.fingerprint,
    },
  });
  expect(await serverAccounts(orgId)).toEqual(['华为技术']);

  // The admin confirmed the new certificate: re-trusted, the waiting change goes out.
  await client.engine.signIn({ ...request, trustFingerprint: second.fingerprint });
  await statusUntil(client.engine, synced);
  expect((await serverAccounts(orgId)).sort()).toEqual(['中兴通讯', '华为技术'].sort());

  // The new pin is kept: after a restart of the app it syncs without asking.
  await client.reopen();
  const reopened = await statusUntil(client.engine, synced);
  expect(reopened.account?.userId).toBe(rep.user.id);
  await client.engine.signOut({ removeLocalData: false });
  await client.engine.signIn(request);
  await statusUntil(client.engine, synced);
});

it('fails closed: a pinned fetch refuses any other certificate with CertificateChangedError', async () => {
  const pinned = nodeCertificatePinning().pinnedFetch(first.fingerprint);
  // The server presents `second` since the restart above.
  const failure = await pinned(`${server.apiUrl}/health`).then(
    () => undefined,
    (error: unknown) => (error as { cause?: { code?: string; presented?: string } }).cause,
  );
  expect(failure).toMatchObject({
    code: 'LTC_CERTIFICATE_CHANGED',
    presented: second.fingerprint,
  });
  const right = nodeCertificatePinning().pinnedFetch(second.fingerprint);
  expect(await (await right(`${server.apiUrl}/health`)).json()).toEqual({ ok: true });
});
