import { mkdir } from 'node:fs/promises';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  DEMO_FIRM_CODE,
  DEMO_PASSWORD,
  seedDemoOrganisation,
} from '../../server/demo/seed-organisation';
import { loginOverHttp } from '../../server/test-processes';
import { callApi, startTestServer, type TestServer } from '../../server/test-support';
import { MAX_PULL_LIMIT, type PullResponse } from '../../shared/sync/protocol';
import { launchChromium } from './support/browser';
import { startHeldProxy, type HeldProxy } from './support/held-proxy';
import { expectAccessible, settled } from './support/screens';
import { signInThroughDialog, syncControl, SYNCED_ZH } from './support/sync-panel';
import { ARTIFACTS, serveWebBuild } from './support/web-server';

/**
 * Issue 19: the local UI never waits for sync. A manager's synced web profile (the sample firm,
 * small) is reopened while the sync server's answers are held by a proxy in front of it: the
 * board must show its cards from IndexedDB before sync can finish, the status control must say
 * it is syncing once the engine runs, and releasing the server lets sync finish. Then a second tab
 * of the same profile, whose engine cannot start while the first tab leads replication, must
 * show its board too. Screenshots at 1366x768 land in test-results/ (local-first-*).
 */
let server: TestServer;
let proxy: HeldProxy;
let web: Awaited<ReturnType<typeof serveWebBuild>>;
let browser: Browser;
let context: BrowserContext;
let page: Page;

const SYNCED_EN = /^Sync status: Synced at [\d: APM]+\. Open the sync panel$/;

beforeAll(async () => {
  server = await startTestServer({ backend: 'sqlite' });
  await seedDemoOrganisation(server.store, { language: 'zh-CN', now: Date.now(), leads: 40 });
  proxy = await startHeldProxy(server.url);
  web = await serveWebBuild();
  browser = await launchChromium();
  context = await browser.newContext({ locale: 'zh-CN', viewport: { width: 1366, height: 768 } });
  page = await openTab();
  await mkdir(ARTIFACTS, { recursive: true });
});

afterAll(async () => {
  proxy?.release();
  await browser?.close();
  await web?.close();
  await proxy?.close();
  await server?.close();
});

async function openTab(): Promise<Page> {
  const tab = await context.newPage();
  tab.on('pageerror', (error) => console.error('[page error]', error));
  return tab;
}

/** An opportunity card, named "商机：…" or "Opportunity: …" (the board's first in its order). */
const firstCard = (where: Page): Locator =>
  where
    .getByTestId('opportunity-board')
    .getByRole('listitem', { name: /^(商机：|Opportunity: )/ })
    .first();
const syncState = (where: Page, state: string): Locator =>
  where.getByRole('banner').locator(`[data-sync-state="${state}"]`);

async function shot(where: Page, name: string): Promise<void> {
  await settled(where);
  await expectAccessible(where);
  await where.screenshot({ path: `${ARTIFACTS}/${name}.png` });
}

/** Reloads with every server answer held; resolves when the first card is on the board. */
async function reloadWhileHeld(): Promise<void> {
  proxy.hold();
  await page.reload();
  await firstCard(page).waitFor({ timeout: 15_000 });
  // Sync cannot have finished: nothing the server said since the reload has reached the page.
  expect(await syncControl(page, SYNCED_ZH).count()).toBe(0);
  expect(await syncControl(page, SYNCED_EN).count()).toBe(0);
}

/** Once the engine runs, it asks the server (answers held) and the control says syncing. */
async function expectSyncingHeld(): Promise<void> {
  await syncState(page, 'syncing').waitFor();
  await expect.poll(() => proxy.heldChunks()).toBeGreaterThan(0);
  await firstCard(page).waitFor();
}

describe('a synced profile while the server is slow (web build)', () => {
  it('signs in through the proxy and syncs the sample firm', async () => {
    await page.goto(web.url);
    await page.getByTestId('opportunity-board').waitFor();
    await signInThroughDialog(page, {
      serverUrl: proxy.url,
      firmCode: DEMO_FIRM_CODE,
      username: 'manager',
      password: DEMO_PASSWORD,
    });
    await syncControl(page, SYNCED_ZH).waitFor({ timeout: 60_000 });
    await firstCard(page).waitFor();
  });

  it('shows the board from local data before sync can finish, then syncs when the server answers', async () => {
    await reloadWhileHeld();
    await expectSyncingHeld();
    await shot(page, 'local-first-zh-board-server-held');

    proxy.release();
    await syncControl(page, SYNCED_ZH).waitFor({ timeout: 30_000 });
  });

  it('does the same in English', async () => {
    await page.getByRole('button', { name: 'English' }).click();
    await reloadWhileHeld();
    await expectSyncingHeld();
    await shot(page, 'local-first-en-board-server-held');

    proxy.release();
    await syncControl(page, SYNCED_EN).waitFor({ timeout: 30_000 });
  });

  it('shows the board in a second tab, whose sync waits for the first tab to let go', async () => {
    const second = await openTab();
    try {
      await second.goto(web.url);
      await firstCard(second).waitFor({ timeout: 15_000 });
      // The other tab leads replication: this tab's engine waits, and its board does not.
      expect(await syncControl(second, SYNCED_EN).count()).toBe(0);
      await shot(second, 'local-first-en-second-tab');
      // Its local writes still work: a new account, made here, shows up in the first tab too.
      await second.getByRole('button', { name: 'New account' }).click();
      const dialog = second.getByRole('dialog', { name: 'New account' });
      await dialog.getByLabel('Account name').fill('Second Tab Ltd.');
      await dialog.getByRole('button', { name: 'Create' }).click();
      await dialog.waitFor({ state: 'detached' });
    } finally {
      await second.close();
    }
    // The first tab leads replication: it pushes the record the second tab wrote.
    const { body } = await loginOverHttp(server.apiUrl, DEMO_FIRM_CODE, 'manager', DEMO_PASSWORD);
    const onServer = async () => {
      const pulled = await callApi<PullResponse>(
        server.apiUrl,
        'GET',
        `/sync/accounts/pull?seq=0&limit=${MAX_PULL_LIMIT}`,
        { token: body.token },
      );
      return pulled.body.documents.some((account) => account.name === 'Second Tab Ltd.');
    };
    await expect.poll(onServer, { timeout: 30_000 }).toBe(true);
    await syncControl(page, SYNCED_EN).waitFor({ timeout: 30_000 });
  });
});
