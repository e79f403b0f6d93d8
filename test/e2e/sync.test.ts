import { mkdir } from 'node:fs/promises';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  callApi,
  startTestServer,
  type TestServer,
  type TestUser,
} from '../../server/test-support';
import { newId } from '../../shared/domain/ids';
import type { PullResponse } from '../../shared/sync/protocol';
import { launchChromium } from './support/browser';
import { expectAccessible, settled } from './support/screens';
import { syncControl, syncFromPanel } from './support/sync-panel';
import { ARTIFACTS, serveWebBuild } from './support/web-server';

/**
 * Two people on one real sync server (SQLite), each in their own Chromium profile (their own
 * IndexedDB), on the built web app — the way a firm works with it. Rep 王小明 (A) owns the
 * opportunity; his manager 李娜 (B) may edit every record of the firm. One story, in order: both
 * sign in through the sign-in dialog; A's new opportunity reaches B live; A moves it while
 * offline and B changes its amount, and both end up with both edits; then both change the amount
 * while A is offline: the server's (B's, first) value is kept everywhere, A's Conflicts tab lists
 * A's overwritten value, and "Restore my value" brings it back for both. Screenshots land in
 * test-results/ (sync-zh-*, sync-en-*).
 */
let server: TestServer;
let web: Awaited<ReturnType<typeof serveWebBuild>>;
let browser: Browser;
let rep: TestUser;
let manager: TestUser;

interface Person {
  context: BrowserContext;
  page: Page;
}
let a: Person;
let b: Person;

const ORG = '华东销售部';
const ACCOUNT = '华东精密机械有限公司';
const TITLE = 'MES 系统升级项目';

beforeAll(async () => {
  server = await startTestServer({ backend: 'sqlite' });
  const orgId = newId();
  await server.store.createOrganisation({ id: orgId, name: ORG, createdAt: Date.now() });
  rep = await server.createUser({ orgId, role: 'rep', username: 'wang', name: '王小明' });
  manager = await server.createUser({ orgId, role: 'manager', username: 'li', name: '李娜' });
  web = await serveWebBuild();
  browser = await launchChromium();
  a = await openPerson('A');
  b = await openPerson('B');
  await mkdir(ARTIFACTS, { recursive: true });
});

afterAll(async () => {
  await browser?.close();
  await web?.close();
  await server?.close();
});

/** What the browser refused under the Content-Security-Policy, in every person's page. */
const cspViolations: string[] = [];

/** A browser context is a profile of its own: its own IndexedDB, localStorage and token. */
async function openPerson(tag: string): Promise<Person> {
  const context = await browser.newContext({
    locale: 'zh-CN',
    viewport: { width: 1440, height: 900 },
  });
  const page = await context.newPage();
  page.on('pageerror', (error) => console.error(`[page error ${tag}]`, error));
  // The page syncs with a server on another origin: the web build's policy must let it.
  page.on('console', (message) => {
    if (/Content Security Policy/i.test(message.text()))
      cspViolations.push(`${tag}: ${message.text()}`);
  });
  return { context, page };
}

const column = (page: Page, stage: string): Locator =>
  page.getByRole('region', { name: stage, exact: true });
const card = (where: Page | Locator, title = TITLE): Locator =>
  where.getByRole('listitem', { name: `商机：${title}` });
/** The sync control in the app bar; its accessible name is the whole status in words. */

/** Synced, with nothing waiting, no problem and no conflict: the whole name is "synced at HH:MM". */
const SYNCED_ZH = /^同步状态：已同步 \d{1,2}:\d{2}。打开同步面板$/;
const SYNCED_EN = /^Sync status: Synced at [\d: APM]+\. Open the sync panel$/;

async function shot(page: Page, name: string, target?: Locator): Promise<void> {
  await settled(page);
  await expectAccessible(page);
  const path = `${ARTIFACTS}/${name}.png`;
  if (target) await target.screenshot({ path });
  else await page.screenshot({ path, fullPage: true });
}

async function waitSynced(page: Page): Promise<void> {
  await syncControl(page, SYNCED_ZH).waitFor();
}

/** Back online, and "Sync now" from the sync panel, as a person does after reconnecting. */
async function reconnectAndSync(person: Person): Promise<void> {
  const { page } = person;
  await person.context.setOffline(false);
  await syncFromPanel(page);
}

/** The opportunity as the server has it now (read with the manager's token). */
async function onServer(): Promise<Record<string, unknown>> {
  const pulled = await callApi<PullResponse>(
    server.apiUrl,
    'GET',
    '/sync/opportunities/pull?seq=0&limit=100',
    { token: manager.token },
  );
  expect(pulled.status).toBe(200);
  const found = pulled.body.documents.filter((document) => document.title === TITLE);
  expect(found).toHaveLength(1);
  return found[0] as Record<string, unknown>;
}

async function goOffline(person: Person): Promise<void> {
  await person.context.setOffline(true);
}

async function editAmount(page: Page, amount: string): Promise<void> {
  await page.getByRole('button', { name: `打开「${TITLE}」` }).click();
  const dialog = page.getByRole('dialog', { name: /编辑商机/ });
  await dialog.getByLabel('金额').fill(amount);
  await dialog.getByRole('button', { name: '保存', exact: true }).click();
  await dialog.waitFor({ state: 'detached' });
}

async function expectAmount(page: Page, stage: string, money: string): Promise<void> {
  await card(column(page, stage)).filter({ hasText: money }).waitFor();
  expect(await card(page).count()).toBe(1);
}

describe('two people syncing one opportunity through a real server (web build)', () => {
  it('both sign in through the sign-in dialog', async () => {
    for (const [person, user] of [
      [a, rep],
      [b, manager],
    ] as const) {
      const { page } = person;
      await page.goto(web.url);
      await page.getByTestId('opportunity-board').waitFor();
      await syncControl(page, /^同步状态：登录同步/).click();
      const dialog = page.getByRole('dialog', { name: '登录同步服务器' });
      await dialog.getByLabel('服务器地址').fill(server.url);
      await dialog.getByLabel('企业代码').fill(user.user.firmCode);
      await dialog.getByLabel('用户名').fill(user.user.username);
      await dialog.getByLabel('密码').fill(user.password);
      await dialog.getByRole('button', { name: '登录', exact: true }).click();
      await dialog.waitFor({ state: 'detached' });
      await waitSynced(page);
    }
    await shot(a.page, 'sync-zh-appbar-synced', a.page.getByRole('banner'));
  });

  it("shows A's new opportunity on B's board, live", async () => {
    const { page } = a;
    await page.getByRole('button', { name: '新建客户' }).click();
    const accountDialog = page.getByRole('dialog', { name: '新建客户' });
    await accountDialog.getByLabel('客户名称').fill(ACCOUNT);
    await accountDialog.getByRole('button', { name: '创建' }).click();
    await accountDialog.waitFor({ state: 'detached' });

    await page.getByRole('button', { name: '新建商机' }).first().click();
    const dialog = page.getByRole('dialog', { name: '新建商机' });
    await dialog.getByLabel('商机名称').fill(TITLE);
    await dialog.getByRole('combobox', { name: '客户' }).fill('华东');
    await page.getByRole('option', { name: ACCOUNT }).click();
    await dialog.getByLabel('金额').fill('500,000');
    await dialog.getByRole('button', { name: '创建' }).click();
    await dialog.waitFor({ state: 'detached' });
    await expectAmount(page, '验证', '¥500,000.00');
    await waitSynced(page);

    // B never asked for it: the server's event stream brought it.
    await expectAmount(b.page, '验证', '¥500,000.00');
    const onB = await card(b.page).innerText();
    expect(onB).toContain(ACCOUNT);
    expect(onB).toContain('王小明');
  });

  it('keeps both edits when A moves the card offline and B changes the amount', async () => {
    await goOffline(a);
    await a.page.getByRole('button', { name: `将「${TITLE}」移动到` }).click();
    await a.page.getByRole('menuitem', { name: /^方案/ }).click();
    await expectAmount(a.page, '方案', '¥500,000.00');
    // The move cannot reach the server: the control says offline and that changes are waiting.
    const offline = syncControl(a.page, /^同步状态：离线、\d+ 条更改待同步。打开同步面板$/);
    await offline.waitFor();
    expect(await offline.getAttribute('data-sync-state')).toBe('offline');
    await shot(a.page, 'sync-zh-appbar-offline', a.page.getByRole('banner'));

    await editAmount(b.page, '680,000');
    await waitSynced(b.page);
    // A is offline: B's board still has the card where it was.
    await expectAmount(b.page, '验证', '¥680,000.00');

    await reconnectAndSync(a);
    await expectAmount(a.page, '方案', '¥680,000.00');
    await waitSynced(a.page);
    await expectAmount(b.page, '方案', '¥680,000.00');
    await waitSynced(b.page);
    expect(await onServer()).toMatchObject({
      stage: 'solution',
      amount: { minor: 68_000_000, currency: 'CNY' },
    });
    await shot(a.page, 'sync-zh-merged-board-a');
    await shot(b.page, 'sync-zh-merged-board-b');
  });

  it("keeps the server's value when both change the amount, and restores A's in one click", async () => {
    await goOffline(a);
    await editAmount(a.page, '720,000');
    await syncControl(a.page, /^同步状态：离线/).waitFor();
    await expectAmount(a.page, '方案', '¥720,000.00');

    // B's edit reaches the server first.
    await editAmount(b.page, '750,000');
    await waitSynced(b.page);

    await reconnectAndSync(a);
    await expectAmount(a.page, '方案', '¥750,000.00');
    const withConflict = syncControl(a.page, /^同步状态：已同步 [\d:]+、1 个冲突待查看。/);
    await withConflict.waitFor();
    await shot(a.page, 'sync-zh-appbar-conflict', a.page.getByRole('banner'));
    await expectAmount(b.page, '方案', '¥750,000.00');

    // The control opens the panel on the Conflicts tab when a conflict waits.
    await withConflict.click();
    const panel = a.page.getByRole('dialog', { name: '同步' });
    const list = panel.getByRole('list', { name: '同步冲突' });
    const entry = list.getByRole('listitem', { name: `${TITLE} · 金额` });
    await entry.waitFor();
    expect(await panel.getByRole('tab', { name: '冲突（1）' }).getAttribute('aria-selected')).toBe(
      'true',
    );
    const text = await entry.innerText();
    expect(text).toMatch(/保留的值（服务器）\s*¥750,000\.00/);
    expect(text).toMatch(/被覆盖的值（你的）\s*¥720,000\.00/);
    await shot(a.page, 'sync-zh-conflicts');

    // The same list in English.
    await panel.getByRole('button', { name: '关闭同步面板' }).click();
    await panel.waitFor({ state: 'detached' });
    await a.page.getByRole('button', { name: 'English' }).click();
    await syncControl(a.page, /^Sync status: Synced at .*1 conflict to review\./).click();
    const panelEn = a.page.getByRole('dialog', { name: 'Sync' });
    const entryEn = panelEn
      .getByRole('list', { name: 'Sync conflicts' })
      .getByRole('listitem', { name: `${TITLE} · Amount` });
    const textEn = await entryEn.innerText();
    // English writes the yuan as CN¥, to tell it from the yen.
    expect(textEn).toMatch(/Kept \(server\)\s*CN¥750,000\.00/);
    expect(textEn).toMatch(/Overwritten \(yours\)\s*CN¥720,000\.00/);
    await shot(a.page, 'sync-en-conflicts');

    await entryEn.getByRole('button', { name: 'Restore my value' }).click();
    await entryEn.getByText('Restored', { exact: true }).waitFor();
    await shot(a.page, 'sync-en-conflict-restored');
    await panelEn.getByRole('button', { name: 'Close the sync panel' }).click();
    await panelEn.waitFor({ state: 'detached' });
    await syncControl(a.page, SYNCED_EN).waitFor();
    await shot(a.page, 'sync-en-appbar-restored', a.page.getByRole('banner'));
    await a.page.getByRole('button', { name: '简体中文' }).click();

    // The restored value is a new edit: it goes to the server and on to B.
    await expectAmount(a.page, '方案', '¥720,000.00');
    await waitSynced(a.page);
    await expectAmount(b.page, '方案', '¥720,000.00');
    await waitSynced(b.page);
    expect(await onServer()).toMatchObject({
      stage: 'solution',
      amount: { minor: 72_000_000, currency: 'CNY' },
    });
    await shot(b.page, 'sync-zh-restored-board-b');
  });

  it('A signs out on every device at once (a lost laptop), from the sign-out dialog', async () => {
    const { page } = a;
    // rep.token is A's other session (made by the test): it works until A signs out everywhere.
    expect((await callApi(server.apiUrl, 'GET', '/auth/me', { token: rep.token })).status).toBe(
      200,
    );
    // At the smallest desktop the app is made for; the dialog in English first, then cancelled.
    await page.setViewportSize({ width: 1366, height: 768 });
    await page.getByRole('button', { name: 'English' }).click();
    await page
      .getByRole('banner')
      .getByRole('button', { name: /^Sync status:/ })
      .click();
    const panelEn = page.getByRole('dialog', { name: 'Sync' });
    await panelEn.getByRole('tab', { name: /^Overview/ }).click();
    await panelEn.getByRole('button', { name: 'Sign out' }).click();
    const dialogEn = page.getByRole('dialog', { name: 'Sign out of sync' });
    await dialogEn.getByRole('checkbox', { name: /Also sign out on my other devices/ }).check();
    await shot(page, 'sync-en-sign-out-everywhere');
    await dialogEn.getByRole('button', { name: 'Cancel' }).click();
    await dialogEn.waitFor({ state: 'detached' });
    await panelEn.getByRole('button', { name: 'Close the sync panel' }).click();
    await panelEn.waitFor({ state: 'detached' });
    await page.getByRole('button', { name: '简体中文' }).click();
    await syncControl(page, /^同步状态：/).click();
    const panel = page.getByRole('dialog', { name: '同步' });
    await panel.getByRole('tab', { name: /^概览/ }).click();
    await panel.getByRole('button', { name: '退出登录' }).click();
    const dialog = page.getByRole('dialog', { name: '退出同步账号' });
    await dialog.getByRole('checkbox', { name: /同时在我的其他设备上退出/ }).check();
    await shot(page, 'sync-zh-sign-out-everywhere');
    await dialog.getByRole('button', { name: '退出登录', exact: true }).click();
    await dialog.waitFor({ state: 'detached' });
    await panel.getByText('未登录同步服务器').waitFor();
    await shot(page, 'sync-zh-signed-out-everywhere');
    await panel.getByRole('button', { name: '关闭同步面板' }).click();
    await panel.waitFor({ state: 'detached' });
    expect((await callApi(server.apiUrl, 'GET', '/auth/me', { token: rep.token })).status).toBe(
      401,
    );
    // B, another person, is still signed in.
    expect((await callApi(server.apiUrl, 'GET', '/auth/me', { token: manager.token })).status).toBe(
      200,
    );
  });

  it('synced through the whole story without anything refused by the Content-Security-Policy', () => {
    expect(cspViolations).toEqual([]);
  });
});
