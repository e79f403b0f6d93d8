import { mkdir } from 'node:fs/promises';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from './support/browser';
import { expectAccessible } from './support/screens';
import { ARTIFACTS, serveWebBuild } from './support/web-server';

/**
 * The web build end to end, the way a rep uses it: the real renderer, the real core on IndexedDB
 * (RxDB's Dexie storage) in Debian's Chromium. One story, in order: set up an account and a
 * contact, create an opportunity (after the dialog has refused an empty form), drag it along the
 * board with the mouse, hit a gate, fill in what the gate asks for, move it with the keyboard,
 * reload, switch languages. Screenshots land in test-results/.
 */
let server: Awaited<ReturnType<typeof serveWebBuild>>;
let browser: Browser;
let context: BrowserContext;
let page: Page;
/** What the browser refused under the Content-Security-Policy, over the whole story. */
const cspViolations: string[] = [];

beforeAll(async () => {
  server = await serveWebBuild();
  browser = await launchChromium();
  context = await browser.newContext({ locale: 'zh-CN', viewport: { width: 1440, height: 900 } });
  page = await context.newPage();
  page.on('pageerror', (error) => console.error('[page error]', error));
  page.on('console', (message) => {
    if (/Content Security Policy/i.test(message.text())) cspViolations.push(message.text());
  });
  await mkdir(ARTIFACTS, { recursive: true });
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

const column = (stage: string): Locator => page.getByRole('region', { name: stage, exact: true });
const card = (title: string, where: Locator | Page = page): Locator =>
  where.getByRole('listitem', { name: `商机：${title}` });
const cardEn = (title: string, where: Locator | Page = page): Locator =>
  where.getByRole('listitem', { name: `Opportunity: ${title}` });

async function shot(name: string): Promise<void> {
  await expectAccessible(page);
  await page.screenshot({ path: `${ARTIFACTS}/${name}.png`, fullPage: true });
}

/** A real pointer drag: press, move past dnd-kit's activation distance, glide, release. */
async function drag(source: Locator, target: Locator): Promise<void> {
  const from = await source.boundingBox();
  const to = await target.boundingBox();
  if (!from || !to) throw new Error('drag source or target is not visible');
  await page.mouse.move(from.x + from.width / 2, from.y + 20);
  await page.mouse.down();
  await page.mouse.move(from.x + from.width / 2 + 15, from.y + 30, { steps: 5 });
  await page.mouse.move(to.x + to.width / 2, to.y + 160, { steps: 20 });
  await page.mouse.up();
}

const TITLE = '数控机床产线改造';
const ACCOUNT = '华东精密机械有限公司';
const CONTACT = '张伟';

describe('the opportunity board in Chromium (web build)', () => {
  it('opens in Chinese for a zh-CN browser, on an empty board', async () => {
    const response = await page.goto(server.url);
    // Served with the desktop app's policy: own scripts only, nothing framed.
    const csp = response?.headers()['content-security-policy'] ?? '';
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    await page.getByTestId('opportunity-board').waitFor();
    for (const stage of ['验证', '方案', '投标报价', '商务谈判', '赢单', '输单']) {
      await column(stage).waitFor();
    }
    expect(await page.getByRole('listitem', { name: /^商机：/ }).count()).toBe(0);
  });

  it('creates an account and a contact', async () => {
    await page.getByRole('button', { name: '新建客户' }).click();
    const accountDialog = page.getByRole('dialog', { name: '新建客户' });
    await accountDialog.getByLabel('客户名称').fill(ACCOUNT);
    await accountDialog.getByLabel('行业').fill('制造业');
    await accountDialog.getByRole('button', { name: '创建' }).click();
    await accountDialog.waitFor({ state: 'detached' });

    await page.getByRole('button', { name: '新建联系人' }).click();
    const contactDialog = page.getByRole('dialog', { name: '新建联系人' });
    await contactDialog.getByRole('combobox', { name: '所属客户' }).fill('华东');
    await page.getByRole('option', { name: ACCOUNT }).click();
    await contactDialog.getByLabel('姓名').fill(CONTACT);
    await contactDialog.getByRole('button', { name: '创建' }).click();
    await contactDialog.waitFor({ state: 'detached' });
  });

  it('refuses an empty opportunity, naming each field, and writes nothing', async () => {
    await page.getByRole('button', { name: '新建商机' }).first().click();
    const dialog = page.getByRole('dialog', { name: '新建商机' });
    await dialog.getByLabel('金额').fill('12,34x');
    await dialog.getByRole('button', { name: '创建' }).click();
    await expectInvalid(dialog.getByLabel('商机名称'));
    await expectInvalid(dialog.getByRole('combobox', { name: '客户' }));
    await expectInvalid(dialog.getByLabel('金额'));
    await shot('web-zh-dialog-errors');
    await dialog.getByRole('button', { name: '取消' }).click();
    await dialog.waitFor({ state: 'detached' });
    expect(await page.getByRole('listitem', { name: /^商机：/ }).count()).toBe(0);
  });

  it('creates an opportunity, which lands in the first stage', async () => {
    await page.getByRole('button', { name: '新建商机' }).first().click();
    const dialog = page.getByRole('dialog', { name: '新建商机' });
    await dialog.getByLabel('商机名称').fill(TITLE);
    await dialog.getByRole('combobox', { name: '客户' }).fill('华东');
    await page.getByRole('option', { name: ACCOUNT }).click();
    await dialog.getByRole('button', { name: '创建' }).click();
    await dialog.waitFor({ state: 'detached' });
    await card(TITLE, column('验证')).waitFor();
  });

  it('drags the card to the next stage with the mouse', async () => {
    await drag(card(TITLE), column('方案'));
    await card(TITLE, column('方案')).waitFor();
    expect(await card(TITLE, column('验证')).count()).toBe(0);
  });

  it('shows the gate as a checklist and keeps the card where it was until it is met', async () => {
    await drag(card(TITLE), column('投标报价'));
    const gate = page.getByRole('dialog', { name: '移到「投标报价」' });
    await gate.waitFor();
    const text = await gate.innerText();
    for (const missing of ['金额', '预计成交日期', '联系人', '投标报价审批']) {
      expect(text).toContain(missing);
    }
    expect(text).toContain('还有 4 项未满足，商机留在原阶段。');
    expect(await gate.getByRole('button', { name: '确认移动' }).isDisabled()).toBe(true);
    await shot('web-zh-gate-blocked');
    await gate.getByRole('button', { name: '取消' }).click();
    await gate.waitFor({ state: 'detached' });
    await card(TITLE, column('方案')).waitFor();
    expect(await card(TITLE, column('投标报价')).count()).toBe(0);
  });

  it('fills in what the gate asked for, approves the bid, and the gate lets the card through', async () => {
    await drag(card(TITLE), column('投标报价'));
    const gate = page.getByRole('dialog', { name: '移到「投标报价」' });
    await gate.getByRole('button', { name: '去填写' }).click();
    const dialog = page.getByRole('dialog', { name: /编辑商机/ });
    await dialog.getByLabel('金额').fill('1,280,000');
    await dialog.getByLabel('预计成交日期').fill('2027-03-31');
    await dialog.getByRole('combobox', { name: '联系人' }).click();
    await page.getByRole('option', { name: CONTACT }).click();
    await dialog.getByRole('button', { name: '保存', exact: true }).click();
    await dialog.waitFor({ state: 'detached' });
    // Nobody is signed in: the local user approves their own bid (投标审批).
    await gate.getByRole('button', { name: '批准' }).click();
    await gate.getByText('条件已全部满足。').waitFor();
    await gate.getByRole('button', { name: '确认移动' }).click();
    await gate.waitFor({ state: 'detached' });
    await card(TITLE, column('投标报价')).waitFor();
    const header = await column('投标报价').innerText();
    expect(header).toContain('¥1,280,000.00');
    expect(header).toContain('¥640,000.00'); // weighted at 50 %
  });

  it('moves the card with the keyboard alone', async () => {
    await card(TITLE).focus();
    await page.keyboard.press('Space');
    // dnd-kit takes arrow keys only after the pick-up; its live region then names the card.
    await page.waitForFunction(
      (title) =>
        [...document.querySelectorAll('[aria-live]')].some((e) => e.textContent?.includes(title)),
      TITLE,
    );
    await page.waitForTimeout(200);
    await page.keyboard.press('ArrowRight');
    await page.waitForTimeout(200);
    await page.keyboard.press('Space');
    await card(TITLE, column('商务谈判')).waitFor();
    expect(await card(TITLE, column('投标报价')).count()).toBe(0);
    const header = await column('商务谈判').innerText();
    expect(header).toContain('¥960,000.00'); // weighted at 75 %
    await shot('web-zh-board');
  });

  it('finds everything as it was after a reload', async () => {
    await page.reload();
    await card(TITLE, column('商务谈判')).waitFor();
    expect(await card(TITLE, column('商务谈判')).innerText()).toContain(ACCOUNT);
  });

  it('switches to English and back', async () => {
    await page.getByRole('button', { name: 'English' }).click();
    await cardEn(TITLE, page.getByRole('region', { name: 'Negotiation', exact: true })).waitFor();
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    await shot('web-en-board');
    await page.reload();
    await page.getByRole('region', { name: 'Negotiation', exact: true }).waitFor();
    await page.getByRole('button', { name: '简体中文' }).click();
    await card(TITLE, column('商务谈判')).waitFor();
    expect(await page.locator('html').getAttribute('lang')).toBe('zh-CN');
  });

  it('ran the whole story without anything refused by the Content-Security-Policy', () => {
    expect(cspViolations).toEqual([]);
  });
});

async function expectInvalid(field: Locator): Promise<void> {
  await field.waitFor();
  expect(await field.getAttribute('aria-invalid')).toBe('true');
}
