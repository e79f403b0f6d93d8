import { mkdir } from 'node:fs/promises';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  callApi,
  startTestServer,
  type TestServer,
  type TestUser,
} from '../../server/test-support';
import {
  accountDoc,
  approvalRequest,
  contactDoc,
  created,
  dealDoc,
  decided,
  moved,
  quoteFields,
  tick,
} from '../../server/test-records';
import { newId } from '../../shared/domain/ids';
import type { PullResponse, PushResponse, PushRow, WireDocument } from '../../shared/sync/protocol';
import { launchChromium } from './support/browser';
import { syncControl, syncFromPanel } from './support/sync-panel';
import { expectAccessible, settled } from './support/screens';
import { ARTIFACTS, serveWebBuild } from './support/web-server';

/**
 * The firm's rules as two signed-in people meet them in Chromium (web build, real server):
 * rep 王小明 (A) and admin 李娜 (B), with a colleague 张伟 (C) whose records come from the server.
 * A sees C's deal read-only; a move A made offline, whose approval B withdrew meanwhile, comes
 * back refused, marked on its card and in its column, and is discarded right there; with "own
 * records" on, C's deal and then a deal handed from A to C leave A's board. Screenshots land in
 * test-results/ (rules-*), and axe-core checks each screen.
 */
let server: TestServer;
let web: Awaited<ReturnType<typeof serveWebBuild>>;
let browser: Browser;
let rep: TestUser;
let admin: TestUser;
let colleague: TestUser;
let a: { context: BrowserContext; page: Page };

const ORG = '华东销售部';

beforeAll(async () => {
  server = await startTestServer({ backend: 'sqlite' });
  const orgId = newId();
  await server.store.createOrganisation({ id: orgId, name: ORG, createdAt: Date.now() });
  rep = await server.createUser({ orgId, role: 'rep', username: 'wang', name: '王小明' });
  admin = await server.createUser({ orgId, role: 'admin', username: 'li', name: '李娜' });
  colleague = await server.createUser({ orgId, role: 'rep', username: 'zhang', name: '张伟' });
  web = await serveWebBuild();
  browser = await launchChromium();
  const context = await browser.newContext({
    locale: 'zh-CN',
    viewport: { width: 1366, height: 768 },
  });
  const page = await context.newPage();
  page.on('pageerror', (error) => console.error('[page error]', error));
  a = { context, page };
  await mkdir(ARTIFACTS, { recursive: true });
});

afterAll(async () => {
  await browser?.close();
  await web?.close();
  await server?.close();
});

async function push(who: TestUser, collection: string, rows: PushRow[]): Promise<void> {
  const response = await callApi<PushResponse>(server.apiUrl, 'POST', `/sync/${collection}/push`, {
    token: who.token,
    json: rows,
  });
  expect(response.body).toEqual({ conflicts: [], refused: [] });
}

/** The server's copy of a record by its title (or name), of one owner where titles repeat. */
async function stored(collection: string, title: string, ownerId?: string): Promise<WireDocument> {
  const pulled = await callApi<PullResponse>(
    server.apiUrl,
    'GET',
    `/sync/${collection}/pull?seq=0&limit=500`,
    {
      token: admin.token,
    },
  );
  return pulled.body.documents.find(
    (doc) =>
      (doc.title ?? doc.name) === title && (ownerId === undefined || doc.ownerId === ownerId),
  )!;
}

const column = (page: Page, stage: string): Locator =>
  page.getByRole('region', { name: stage, exact: true });
const card = (where: Page | Locator, title: string): Locator =>
  where.getByRole('listitem', { name: `商机：${title}` });
const SYNCED = /^同步状态：已同步 \d{1,2}:\d{2}/;

async function shot(page: Page, name: string): Promise<void> {
  await settled(page);
  await page.screenshot({ path: `${ARTIFACTS}/${name}.png` });
}

describe('the firm’s rules in the app (web build, two people)', () => {
  it('shows a colleague’s deal read-only, saying whose it is', async () => {
    // C's customer and deal, as C's laptop pushed them.
    const account = accountDoc(colleague, { name: '苏州精工机械' });
    const contact = contactDoc(colleague, String(account.id));
    await push(colleague, 'accounts', [{ newDocumentState: account }]);
    await push(colleague, 'contacts', [{ newDocumentState: contact }]);
    await push(colleague, 'opportunities', [
      created(colleague, dealDoc(colleague, String(account.id), { title: '张伟的产线改造' })),
    ]);

    const { page } = a;
    await page.goto(web.url);
    await page.getByTestId('opportunity-board').waitFor();
    await syncControl(page, /^同步状态：登录同步/).click();
    const dialog = page.getByRole('dialog', { name: '登录同步服务器' });
    await dialog.getByLabel('服务器地址').fill(server.url);
    await dialog.getByLabel('企业代码').fill(rep.user.firmCode);
    await dialog.getByLabel('用户名').fill('wang');
    await dialog.getByLabel('密码').fill(rep.password);
    await dialog.getByRole('button', { name: '登录', exact: true }).click();
    await dialog.waitFor({ state: 'detached' });
    await syncControl(page, SYNCED).waitFor();

    const theirs = card(column(page, '验证'), '张伟的产线改造');
    await theirs.getByRole('img', { name: '这条记录由张伟负责，你只能查看。' }).waitFor();
    expect(await theirs.getByRole('button', { name: /移动到/ }).count()).toBe(0);
    await page.getByRole('button', { name: '打开「张伟的产线改造」' }).click();
    const edit = page.getByRole('dialog', { name: /编辑商机/ });
    await edit.getByText('这条记录由张伟负责，你只能查看。').waitFor();
    expect(await edit.getByLabel('商机名称').isDisabled()).toBe(true);
    expect(await edit.getByRole('button', { name: '保存', exact: true }).count()).toBe(0);
    // Reps do not see (or get) the manager's note.
    expect(await edit.getByLabel(/经理备注/).count()).toBe(0);
    await expectAccessible(page);
    await shot(page, 'rules-zh-read-only');
    await edit.getByRole('button', { name: '关闭', exact: true }).click();
    await edit.waitFor({ state: 'detached' });

    // The same in English.
    await page.getByRole('button', { name: 'English' }).click();
    const english = page.getByRole('listitem', { name: 'Opportunity: 张伟的产线改造' });
    await english
      .getByRole('img', { name: 'This record belongs to 张伟; you can look but not change it.' })
      .waitFor();
    await page.getByRole('button', { name: 'Open “张伟的产线改造”' }).click();
    const en = page.getByRole('dialog', { name: /Edit opportunity/ });
    await en.getByText('This record belongs to 张伟; you can look but not change it.').waitFor();
    await expectAccessible(page);
    await shot(page, 'rules-en-read-only');
    await en.getByRole('button', { name: 'Close', exact: true }).click();
    await en.waitFor({ state: 'detached' });
    await page.getByRole('button', { name: '简体中文' }).click();
    await theirs.waitFor();
  });

  it('marks a move refused at sync on its card and column, and discards it there', async () => {
    const { page } = a;
    // A's own quoted deal in Solution, with the approval to bid asked for and given by B.
    const account = accountDoc(rep, { name: '无锡华光电子' });
    const contact = contactDoc(rep, String(account.id));
    await push(rep, 'accounts', [{ newDocumentState: account }]);
    await push(rep, 'contacts', [{ newDocumentState: contact }]);
    const title = '华光 MES 二期';
    const deal = dealDoc(rep, String(account.id), { title, ...quoteFields(String(contact.id)) });
    await push(rep, 'opportunities', [created(rep, deal)]);
    let master = await stored('opportunities', title);
    await push(rep, 'opportunities', [moved(rep, master, 'solution')]);
    master = await stored('opportunities', title);
    // A asks (their laptop pushed the request), B approves.
    const request = approvalRequest(rep, 'proposal');
    await push(rep, 'opportunities', [
      {
        assumedMasterState: master,
        newDocumentState: { ...master, approvals: [request], updatedAt: tick() },
      },
    ]);
    master = await stored('opportunities', title);
    const approval = decided(request, admin, 'approved');
    await push(admin, 'opportunities', [
      {
        assumedMasterState: master,
        newDocumentState: { ...master, approvals: [approval], updatedAt: tick() },
      },
    ]);
    await syncFromPanel(page);
    await card(column(page, '方案'), title).waitFor();

    // Offline, A moves it into Proposal with the approval…
    await a.context.setOffline(true);
    await card(page, title)
      .getByRole('button', { name: `将「${title}」移动到` })
      .click();
    await page.getByRole('menuitem', { name: /投标报价/ }).click();
    // Everything the gate asks for is there, so the move needs no dialog.
    await card(column(page, '投标报价'), title).waitFor();
    // …while B withdraws it: a rejection replaces the approval on the server.
    master = await stored('opportunities', title);
    const rejected = decided(request, admin, 'rejected', { reason: '毛利太低' });
    await push(admin, 'opportunities', [
      {
        assumedMasterState: master,
        newDocumentState: { ...master, approvals: [rejected], updatedAt: tick() },
      },
    ]);

    await a.context.setOffline(false);
    await syncFromPanel(page);
    const refusedCard = card(column(page, '投标报价'), title);
    const mark = refusedCard.getByRole('button', { name: /^未被服务器接受：/ });
    await mark.waitFor();
    expect(await mark.getAttribute('aria-label')).toContain('「投标报价」的审批并没有被批准');
    await column(page, '投标报价')
      .getByRole('note', { name: /未被服务器接受/ })
      .waitFor();
    await expectAccessible(page);
    await shot(page, 'rules-zh-refused-on-card');
    await mark.click();
    const why = page.getByRole('dialog', { name: '未被服务器接受' });
    await expectAccessible(page);
    await shot(page, 'rules-zh-refused-popover');
    await why.getByRole('button', { name: '放弃修改' }).click();
    const confirm = page.getByRole('dialog', { name: `放弃对「${title}」的修改？` });
    await confirm.getByRole('button', { name: '放弃修改' }).click();
    await card(column(page, '方案'), title).waitFor();
    await syncControl(page, SYNCED).waitFor();
    expect((await stored('opportunities', title)).stage).toBe('solution');
  });

  it('with “own records” on, takes a colleague’s deal and a handed-over one off the rep’s board', async () => {
    const { page } = a;
    await card(page, '张伟的产线改造').waitFor();
    expect(
      (
        await callApi(server.apiUrl, 'PATCH', '/admin/settings', {
          token: admin.token,
          json: { visibility: 'own' },
        })
      ).status,
    ).toBe(200);
    await syncFromPanel(page);
    await card(page, '张伟的产线改造').waitFor({ state: 'detached' });
    await card(page, '华光 MES 二期').waitFor();

    // B hands A's customer to C: the account, its contact and its deal. A no longer works it,
    // so all of it leaves A's laptop at the next sync, and stays on the server.
    for (const [collection, title] of [
      ['accounts', '无锡华光电子'],
      ['contacts', '张伟'],
      ['opportunities', '华光 MES 二期'],
    ] as const) {
      const master = await stored(collection, title, rep.user.id);
      await push(admin, collection, [
        {
          assumedMasterState: master,
          newDocumentState: {
            ...master,
            ownerId: colleague.user.id,
            ownerName: colleague.user.name,
            updatedAt: tick(),
          },
        },
      ]);
    }
    await syncFromPanel(page);
    await card(page, '华光 MES 二期').waitFor({ state: 'detached' });
    expect((await stored('opportunities', '华光 MES 二期'))._deleted).toBe(false);
    // Nor does A's search find the customer any more.
    await page.getByRole('combobox', { name: /搜索客户/ }).fill('无锡华光');
    await page.getByText('没有找到“无锡华光”').waitFor();
    await shot(page, 'rules-zh-own-records');
  });
});
