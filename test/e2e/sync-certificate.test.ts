import { mkdtempSync, rmSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, expect, it } from 'vitest';
import { openCoreHost, type CoreHost } from '../../main/core-host';
import type { SafeStorageLike } from '../../main/token-vault';
import { startTestServer, type TestServer, type TestUser } from '../../server/test-support';
import { loadCertificate, type ServerCertificate } from '../../server/tls/certificate';
import type { Envelope } from '../../shared/api';
import { launchChromium } from './support/browser';
import { expectAccessible, settled } from './support/screens';
import { syncControl } from './support/sync-panel';
import { ARTIFACTS, serveWebBuild } from './support/web-server';

/**
 * The desktop's first sign-in to an HTTPS server and its changed-certificate warning, end to end
 * as far as this machine allows. Electron's binary is missing here (test/e2e/electron.test.ts),
 * so the window is Chromium on the built renderer, and the preload's `window.ltc` (invoke and
 * subscribe, nothing else) is handed to the page with Playwright's exposeFunction, onto the very
 * core host main.ts runs: the profile's SQLite core, the sync engine and its certificate pinning.
 * The server is a real HTTPS server on 127.0.0.1; it is restarted with another certificate.
 * Screenshots at 1366x768 land in test-results/ (tls-zh-*, tls-en-*).
 */
let server: TestServer;
let web: Awaited<ReturnType<typeof serveWebBuild>>;
let browser: Browser;
let rep: TestUser;
let certs: string;
let first: ServerCertificate;
let second: ServerCertificate;
const cleanups: (() => Promise<void> | void)[] = [];

/** Electron's safeStorage, faked (the Electron edge only): reversible, never plain text. */
const safeStorage: SafeStorageLike = {
  isEncryptionAvailable: () => true,
  encryptString: (plain) => Buffer.from(`enc:${Buffer.from(plain).toString('base64')}`),
  decryptString: (encrypted) =>
    Buffer.from(encrypted.toString().replace(/^enc:/, ''), 'base64').toString(),
};

beforeAll(async () => {
  certs = mkdtempSync(path.join(tmpdir(), 'ltc-e2e-tls-'));
  first = await loadCertificate({ kind: 'self-signed', dir: path.join(certs, 'first') });
  second = await loadCertificate({ kind: 'self-signed', dir: path.join(certs, 'second') });
  server = await startTestServer({
    backend: 'sqlite',
    https: { key: first.key, cert: first.cert },
  });
  rep = await server.createUser({ role: 'rep', username: 'wang', name: '王小明' });
  web = await serveWebBuild();
  browser = await launchChromium();
  await mkdir(ARTIFACTS, { recursive: true });
});

/** Closes the desktops a test opened (one profile database name per process at a time). */
async function closeDesktops(): Promise<void> {
  for (const cleanup of cleanups.splice(0)) await cleanup();
}

afterEach(closeDesktops);

afterAll(async () => {
  await browser?.close();
  await web?.close();
  await server?.close();
  if (certs) rmSync(certs, { recursive: true, force: true });
});

/** The page's side of the stand-in preload. */
interface Shim {
  ltc?: unknown;
  __ltcInvoke(command: string, args: unknown): Promise<Envelope<unknown>>;
  __ltcSubscribe(id: number, query: string, args: unknown): Promise<void>;
  __ltcUnsubscribe(id: number): Promise<void>;
  __ltcDeliver?(id: number, message: Envelope<unknown>): void;
}

/** A desktop: the core host in this process, its renderer in a Chromium page at 1366x768. */
async function openDesktop(locale: 'zh-CN' | 'en'): Promise<{ page: Page; host: CoreHost }> {
  const userData = mkdtempSync(path.join(tmpdir(), 'ltc-e2e-desktop-'));
  const start = await openCoreHost({
    userDataDir: userData,
    osUsername: 'wang',
    sync: { safeStorage },
  });
  if (!start.started) throw new Error(`did not start: ${start.problem.code}`);
  const host = start.host;
  const context = await browser.newContext({ locale, viewport: { width: 1366, height: 768 } });
  cleanups.push(
    () => context.close(),
    () => host.close(),
    () => rmSync(userData, { recursive: true, force: true }),
  );
  const page = await context.newPage();
  page.on('pageerror', (error) => console.error('[page error]', error));
  const subscriptions = new Map<number, () => void>();
  await page.exposeFunction('__ltcInvoke', (command: string, args: unknown) =>
    host.bridge.invoke(command, args),
  );
  await page.exposeFunction('__ltcSubscribe', (id: number, query: string, args: unknown) => {
    const stop = host.bridge.subscribe(query, args, (message) => {
      void page
        .evaluate(([i, m]) => (window as unknown as Shim).__ltcDeliver?.(i, m), [
          id,
          message,
        ] as const)
        .catch(() => undefined);
    });
    subscriptions.set(id, stop);
  });
  await page.exposeFunction('__ltcUnsubscribe', (id: number) => {
    subscriptions.get(id)?.();
    subscriptions.delete(id);
  });
  await page.addInitScript(() => {
    const shim = window as unknown as Shim;
    const handlers = new Map<number, (message: Envelope<unknown>) => void>();
    let next = 0;
    shim.__ltcDeliver = (id, message) => handlers.get(id)?.(message);
    shim.ltc = {
      invoke: (command: string, args: unknown) => shim.__ltcInvoke(command, args),
      subscribe: (query: string, args: unknown, onMessage: (m: Envelope<unknown>) => void) => {
        const id = ++next;
        handlers.set(id, onMessage);
        void shim.__ltcSubscribe(id, query, args);
        return () => {
          handlers.delete(id);
          void shim.__ltcUnsubscribe(id);
        };
      },
    };
  });
  await page.goto(web.url);
  await page.getByTestId('opportunity-board').waitFor();
  return { page, host };
}

async function shot(page: Page, name: string): Promise<void> {
  await settled(page);
  await expectAccessible(page);
  await page.screenshot({ path: `${ARTIFACTS}/${name}.png` });
}

const TEXT = {
  'zh-CN': {
    signIn: /^同步状态：登录同步/,
    synced: /^同步状态：已同步/,
    form: '登录同步服务器',
    server: '服务器地址',
    firmCode: '企业代码',
    username: '用户名',
    password: '密码',
    submit: '登录',
    first: '核对服务器证书',
    fingerprint: 'SHA-256 指纹',
    trust: '指纹一致，信任并登录',
    changed: '服务器证书已变更',
    pinned: '此前信任的指纹',
    presented: '现在出示的指纹',
    retrust: '管理员已确认新指纹，信任并登录',
  },
  en: {
    signIn: /^Sync status: Sign in to sync/,
    synced: /^Sync status: Synced/,
    form: 'Sign in to the sync server',
    server: 'Server address',
    firmCode: 'Firm code',
    username: 'Username',
    password: 'Password',
    submit: 'Sign in',
    first: 'Check the server’s certificate',
    fingerprint: 'SHA-256 fingerprint',
    trust: 'The fingerprints match — trust and sign in',
    changed: 'The server’s certificate has changed',
    pinned: 'Trusted until now',
    presented: 'Presented now',
    retrust: 'Admin confirmed it — trust and sign in',
  },
} as const;

/** "AB:…" as the dialog shows it: two lines of 16 pairs. */
const asShown = (fingerprint: string) => fingerprint.slice(0, 47) + fingerprint.slice(48);

async function signIn(page: Page, text: (typeof TEXT)['en' | 'zh-CN'], typeServer: boolean) {
  await syncControl(page, text.signIn).click();
  const dialog = page.getByRole('dialog', { name: text.form });
  if (typeServer) await dialog.getByLabel(text.server).fill(server.url);
  await dialog.getByLabel(text.firmCode).fill(rep.user.firmCode);
  await dialog.getByLabel(text.username).fill(rep.user.username);
  await dialog.getByLabel(text.password).fill(rep.password);
  await dialog.getByRole('button', { name: text.submit, exact: true }).click();
}

for (const [locale, order] of [
  ['zh-CN', ['first', 'second']],
  ['en', ['second', 'first']],
] as const) {
  it(`first sign-in compares the fingerprint; a changed certificate is refused until re-trusted (${locale})`, async () => {
    const text = TEXT[locale];
    const [before, after] = order.map((name) => (name === 'first' ? first : second)) as [
      ServerCertificate,
      ServerCertificate,
    ];
    await server.restart({ https: { key: before.key, cert: before.cert } });
    const { page } = await openDesktop(locale);
    const tag = locale === 'zh-CN' ? 'zh' : 'en';

    await signIn(page, text, true);
    const check = page.getByRole('dialog', { name: text.first });
    await expect(check.getByLabel(text.fingerprint).textContent()).resolves.toBe(
      asShown(before.fingerprint),
    );
    await shot(page, `tls-${tag}-first-sign-in`);
    await check.getByRole('button', { name: text.trust }).click();
    await syncControl(page, text.synced).waitFor();

    // The server now presents another certificate: sync stops and asks to sign in again.
    await server.restart({ https: { key: after.key, cert: after.cert } });
    await syncControl(page, text.signIn).waitFor();
    await signIn(page, text, false);
    const warning = page.getByRole('dialog', { name: text.changed });
    await expect(warning.getByLabel(text.pinned).textContent()).resolves.toBe(
      asShown(before.fingerprint),
    );
    await expect(warning.getByLabel(text.presented).textContent()).resolves.toBe(
      asShown(after.fingerprint),
    );
    await shot(page, `tls-${tag}-certificate-changed`);
    await warning.getByRole('button', { name: text.retrust }).click();
    await syncControl(page, text.synced).waitFor();
  });
}
