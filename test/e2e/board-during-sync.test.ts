import { mkdir } from 'node:fs/promises';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  DEMO_FIRM_CODE,
  DEMO_PASSWORD,
  seedDemoOrganisation,
} from '../../server/demo/seed-organisation';
import { loginOverHttp } from '../../server/test-processes';
import { pullEverything, startTestServer, type TestServer } from '../../server/test-support';
import { launchChromium } from './support/browser';
import { installCoreProbe, pageTimings, resetPageTimings } from './support/core-probe';
import { expectAccessible, settled } from './support/screens';
import { signInThroughDialog, syncControl, SYNCED_ZH } from './support/sync-panel';
import { ARTIFACTS, serveWebBuild } from './support/web-server';

/**
 * Issue 19: the board stays usable while a big first sync runs in the web core's worker. A
 * manager signs a fresh profile in to a firm of 1,000 leads (about 17,000 records, pulled a
 * thousand at a time) on the opportunity board; while the sync is still bringing pages, a card
 * that has arrived is opened, closed and moved by its "Move to…" menu, and the move shows in its
 * new column. Once synced, the card is still there and the server has the move. A second fresh
 * profile in English is photographed during its sync. Screenshots at 1366×768 in test-results/
 * (board-during-sync-*).
 */
const LEADS = 1_000;
const SYNCED_EN = /^Sync status: Synced at [\d: APM]+\. Open the sync panel$/;

let server: TestServer;
let web: Awaited<ReturnType<typeof serveWebBuild>>;
let browser: Browser;

beforeAll(async () => {
  server = await startTestServer({ backend: 'sqlite' });
  await seedDemoOrganisation(server.store, { language: 'zh-CN', now: Date.now(), leads: LEADS });
  web = await serveWebBuild();
  browser = await launchChromium();
  await mkdir(ARTIFACTS, { recursive: true });
  // Making the firm through the domain's own commands takes a while on a busy machine.
}, 300_000);

afterAll(async () => {
  await browser?.close();
  await web?.close();
  await server?.close();
});

const column = (page: Page, stage: string): Locator =>
  page.getByRole('region', { name: stage, exact: true });
const syncing = (page: Page): Locator =>
  page.getByRole('banner').locator('[data-sync-state="syncing"]');

/** A fresh profile (a new browser context) on the board, signed in as the sample firm's manager. */
async function signedInFresh(locale: string): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ locale, viewport: { width: 1366, height: 768 } });
  const page = await context.newPage();
  page.on('pageerror', (error) => console.error('[page error]', error));
  await installCoreProbe(page);
  await page.goto(web.url);
  await page.getByTestId('opportunity-board').waitFor();
  await signInThroughDialog(page, {
    serverUrl: server.url,
    firmCode: DEMO_FIRM_CODE,
    username: 'manager',
    password: DEMO_PASSWORD,
  });
  await resetPageTimings(page);
  return { context, page };
}

/** The first card in 验证 (Qualify) the manager may move: it has a "Move to…" button. */
async function movableQualifyCard(page: Page): Promise<{ card: Locator; title: string }> {
  const menu = column(page, '验证')
    .getByRole('button', { name: /^将「.+」移动到$/ })
    .first();
  await menu.waitFor({ timeout: 60_000 });
  const name = (await menu.getAttribute('aria-label')) ?? (await menu.innerText());
  const title = /^将「(.+)」移动到$/.exec(name)?.[1];
  if (!title) throw new Error(`no title in "${name}"`);
  return { card: page.getByRole('listitem', { name: `商机：${title}` }), title };
}

/** The picture first (the sync goes on, and axe on a busy page takes seconds), then axe. */
async function shot(page: Page, name: string): Promise<void> {
  await settled(page);
  await page.screenshot({ path: `${ARTIFACTS}/${name}.png` });
  await expectAccessible(page);
}

describe('the board during a big first sync (web build, Chromium)', () => {
  it(
    'opens and moves a card while the sync still brings pages, and the move reaches the server',
    { timeout: 300_000 },
    async () => {
      const { context, page } = await signedInFresh('zh-CN');
      try {
        const { card, title } = await movableQualifyCard(page);
        expect(await syncing(page).count()).toBe(1);

        // Opened: its dialog shows the deal; closed again.
        await card.getByRole('button', { name: `打开「${title}」` }).click();
        const dialog = page.getByRole('dialog', { name: '编辑商机' });
        await expect.poll(() => dialog.getByLabel('名称').inputValue()).toBe(title);
        await dialog.getByRole('button', { name: '取消' }).click();
        await dialog.waitFor({ state: 'detached' });

        // Moved by its menu: the card shows in 方案 (Solution).
        await card.getByRole('button', { name: `将「${title}」移动到` }).click();
        await page.getByRole('menuitem', { name: /^方案/ }).click();
        await column(page, '方案')
          .getByRole('listitem', { name: `商机：${title}` })
          .waitFor({ timeout: 15_000 });
        // All of that happened during the first sync: it has not finished yet.
        expect(await syncing(page).count()).toBe(1);
        await shot(page, 'board-during-sync-zh');

        await syncControl(page, SYNCED_ZH).waitFor({ timeout: 100_000 });
        await column(page, '方案')
          .getByRole('listitem', { name: `商机：${title}` })
          .waitFor();
        const timings = await pageTimings(page);
        console.log(
          `[board-during-sync] page long tasks during the sync: ${timings.longTasks.map(Math.round).join(', ') || 'none'}`,
        );

        const login = await loginOverHttp(server.apiUrl, DEMO_FIRM_CODE, 'manager', DEMO_PASSWORD);
        const onServer = (
          await pullEverything(server.apiUrl, login.body.token, 'opportunities')
        ).find((doc) => doc.title === title);
        expect(onServer).toMatchObject({ stage: 'solution' });
      } finally {
        await context.close();
      }
    },
  );

  it('shows the board in English while a fresh profile syncs', { timeout: 300_000 }, async () => {
    const { context, page } = await signedInFresh('zh-CN');
    try {
      await page.getByRole('button', { name: 'English' }).click();
      await page
        .getByTestId('opportunity-board')
        .getByRole('listitem', { name: /^Opportunity: / })
        .first()
        .waitFor({ timeout: 60_000 });
      expect(await syncing(page).count()).toBe(1);
      await shot(page, 'board-during-sync-en');
      await syncControl(page, SYNCED_EN).waitFor({ timeout: 100_000 });
    } finally {
      await context.close();
    }
  });
});
