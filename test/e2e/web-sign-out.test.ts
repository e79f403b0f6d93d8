import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  DEMO_FIRM_CODE,
  DEMO_PASSWORD,
  seedDemoOrganisation,
} from '../../server/demo/seed-organisation';
import { startTestServer, type TestServer } from '../../server/test-support';
import { launchChromium } from './support/browser';
import { signInThroughDialog, syncControl, SYNCED_ZH } from './support/sync-panel';
import { serveWebBuild } from './support/web-server';

/**
 * Signing out with "remove local data" in the web build, where the core and its sync engine run
 * in a worker that has no localStorage: the sign-in's token must reach the page's localStorage,
 * the sign-out must take it out again and delete the worker's database, and the reload that
 * follows must open a fresh, empty database in a new worker, with no remembered sign-in.
 */
const TOKEN_KEY = 'ltcdesk.syncToken';
let server: TestServer;
let web: Awaited<ReturnType<typeof serveWebBuild>>;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  server = await startTestServer({ backend: 'sqlite' });
  await seedDemoOrganisation(server.store, { language: 'zh-CN', now: Date.now(), leads: 10 });
  web = await serveWebBuild();
  browser = await launchChromium();
  const context = await browser.newContext({
    locale: 'zh-CN',
    viewport: { width: 1366, height: 768 },
  });
  page = await context.newPage();
  page.on('pageerror', (error) => console.error('[page error]', error));
});

afterAll(async () => {
  await browser?.close();
  await web?.close();
  await server?.close();
});

const cards = () =>
  page.getByTestId('opportunity-board').getByRole('listitem', { name: /^商机：/ });
const storedToken = () => page.evaluate((key) => localStorage.getItem(key), TOKEN_KEY);

describe('signing out and removing local data (web build, core in a worker)', () => {
  it('signs in: the worker’s engine has the page keep its token', async () => {
    await page.goto(web.url);
    await page.getByTestId('opportunity-board').waitFor();
    await signInThroughDialog(page, {
      serverUrl: server.url,
      firmCode: DEMO_FIRM_CODE,
      username: 'manager',
      password: DEMO_PASSWORD,
    });
    await syncControl(page, SYNCED_ZH).waitFor({ timeout: 60_000 });
    await expect.poll(() => cards().count()).toBeGreaterThan(0);
    expect(await storedToken()).toMatch(/\S{16,}/);
  });

  it('keeps the sign-in across a reload (the page hands the worker its token)', async () => {
    await page.reload();
    await syncControl(page, SYNCED_ZH).waitFor({ timeout: 60_000 });
    expect(await cards().count()).toBeGreaterThan(0);
  });

  it('removes the local data and the token, and the reload opens an empty database', async () => {
    await syncControl(page, /^同步状态：/).click();
    const panel = page.getByRole('dialog', { name: '同步' });
    await panel.getByRole('tab', { name: /^概览/ }).click();
    await panel.getByRole('button', { name: '退出登录' }).click();
    const dialog = page.getByRole('dialog', { name: '退出同步账号' });
    await dialog.getByRole('radio', { name: /从这台电脑删除本地数据/ }).check();
    await dialog.getByRole('button', { name: '退出登录', exact: true }).click();
    const reloaded = page.waitForEvent('load');
    await page
      .getByRole('dialog', { name: '删除这台电脑上的数据？' })
      .getByRole('button', { name: '删除并退出' })
      .click();
    await reloaded;
    await page.getByTestId('opportunity-board').waitFor();
    await syncControl(page, /^同步状态：登录同步/).waitFor();
    expect(await storedToken()).toBeNull();
    expect(await cards().count()).toBe(0);
    // And it stays so: nothing comes back on another reload.
    await page.reload();
    await syncControl(page, /^同步状态：登录同步/).waitFor();
    expect(await cards().count()).toBe(0);
  });
});
