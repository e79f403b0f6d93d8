import { mkdir } from 'node:fs/promises';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer, type TestUser } from '../../server/test-support';
import { newId } from '../../shared/domain/ids';
import { launchChromium } from './support/browser';
import { expectAccessible, settled } from './support/screens';
import { syncControl } from './support/sync-panel';
import { ARTIFACTS, serveWebBuild } from './support/web-server';

/**
 * Signing in with a firm code, in Chromium on the built web app at the smallest desktop the app
 * is made for (1366×768): the sign-in dialog in zh-CN and en, a wrong firm code refused like a
 * wrong password, and the admin's Manage users showing the code to hand out. axe-core runs on
 * every screen. Screenshots land in test-results/ (sign-in-*, manage-users-*).
 */
let server: TestServer;
let web: Awaited<ReturnType<typeof serveWebBuild>>;
let browser: Browser;
let admin: TestUser;
let firmCode: string;

const ORG = '华东销售部';

beforeAll(async () => {
  server = await startTestServer({ backend: 'sqlite' });
  const orgId = newId();
  const firm = await server.store.createOrganisation({ id: orgId, name: ORG, createdAt: 0 });
  firmCode = firm.code;
  admin = await server.createUser({ orgId, role: 'admin', username: 'zhao', name: '赵总' });
  await server.createUser({ orgId, role: 'rep', username: 'wang', name: '王小明' });
  // Another firm has a "zhao" too: usernames are unique per firm only.
  await server.createUser({ role: 'rep', username: 'zhao', name: '另一家的赵' });
  web = await serveWebBuild();
  browser = await launchChromium();
  await mkdir(ARTIFACTS, { recursive: true });
});

afterAll(async () => {
  await browser?.close();
  await web?.close();
  await server?.close();
});

async function openPage(locale: string): Promise<Page> {
  const context = await browser.newContext({ locale, viewport: { width: 1366, height: 768 } });
  const page = await context.newPage();
  page.on('pageerror', (error) => console.error('[page error]', error));
  await page.goto(web.url);
  await page.getByTestId('opportunity-board').waitFor();
  return page;
}

async function shot(page: Page, name: string): Promise<void> {
  await settled(page);
  await expectAccessible(page);
  await page.screenshot({ path: `${ARTIFACTS}/${name}.png` });
}

async function fill(dialog: Locator, labels: [string, string][]): Promise<void> {
  for (const [label, value] of labels) await dialog.getByLabel(label).fill(value);
}

describe('signing in with a firm code (web build)', () => {
  it('signs in in zh-CN, refusing a wrong firm code as it would a wrong password', async () => {
    const page = await openPage('zh-CN');
    await syncControl(page, /^同步状态：登录同步/).click();
    const dialog = page.getByRole('dialog', { name: '登录同步服务器' });
    await fill(dialog, [
      ['服务器地址', server.url],
      ['企业代码', 'ZZZZZZ'],
      ['用户名', 'zhao'],
      ['密码', admin.password],
    ]);
    await dialog.getByRole('button', { name: '登录', exact: true }).click();
    await expect
      .poll(() => dialog.getByRole('alert').innerText())
      .toContain('企业代码、用户名或密码不正确。');
    await fill(dialog, [['企业代码', firmCode.toLowerCase()]]);
    await shot(page, 'sign-in-zh');
    await dialog.getByRole('button', { name: '登录', exact: true }).click();
    await dialog.waitFor({ state: 'detached' });
    await syncControl(page, /^同步状态：已同步/).waitFor();

    // The admin finds the firm code to hand out in Manage users.
    await syncControl(page, /^同步状态：/).click();
    const panel = page.getByRole('dialog', { name: '同步' });
    await panel.getByRole('tab', { name: /^概览/ }).click();
    await panel.getByRole('button', { name: '管理用户' }).click();
    const users = page.getByRole('dialog', { name: '用户' });
    await users.getByRole('cell', { name: 'wang' }).waitFor();
    expect(await users.getByTestId('firm-code').innerText()).toBe(firmCode);
    // Only this firm's people are listed, not the other firm's "zhao".
    expect(await users.getByRole('cell', { name: '另一家的赵' }).count()).toBe(0);
    await shot(page, 'manage-users-zh');

    await users.getByRole('button', { name: '关闭' }).first().click();
    await users.waitFor({ state: 'detached' });
    await panel.getByRole('button', { name: '关闭同步面板' }).click();
    await panel.waitFor({ state: 'detached' });
    await page.getByRole('button', { name: 'English' }).click();
    await syncControl(page, /^Sync status:/).click();
    const panelEn = page.getByRole('dialog', { name: 'Sync' });
    await panelEn.getByRole('tab', { name: /^Overview/ }).click();
    await panelEn.getByRole('button', { name: 'Manage users' }).click();
    const usersEn = page.getByRole('dialog', { name: 'Users' });
    await usersEn.getByRole('cell', { name: 'wang' }).waitFor();
    await usersEn.getByText('Firm code', { exact: true }).waitFor();
    await shot(page, 'manage-users-en');
  });

  it('shows the firm code field in English, remembered from the last sign-in on this computer', async () => {
    const page = await openPage('en-US');
    await page.evaluate(
      ([url, code]) => {
        localStorage.setItem('ltcdesk.syncServer', url ?? '');
        localStorage.setItem('ltcdesk.syncFirmCode', code ?? '');
      },
      [server.url, firmCode],
    );
    await page.reload();
    await page.getByTestId('opportunity-board').waitFor();
    await syncControl(page, /^Sync status: Sign in/).click();
    const dialog = page.getByRole('dialog', { name: 'Sign in to the sync server' });
    expect(await dialog.getByLabel('Firm code').inputValue()).toBe(firmCode);
    await fill(dialog, [
      ['Username', 'wang'],
      ['Password', 'wrong password'],
    ]);
    await dialog.getByRole('button', { name: 'Sign in', exact: true }).click();
    await expect
      .poll(() => dialog.getByRole('alert').innerText())
      .toContain('The firm code, username or password is not correct.');
    await shot(page, 'sign-in-en');
  });
});
