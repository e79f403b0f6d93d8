import { mkdir } from 'node:fs/promises';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from './support/browser';
import { expectAccessible } from './support/screens';
import { ARTIFACTS, serveWebBuild } from './support/web-server';

/**
 * Lead to cash in Chromium on the web build, as a rep and their manager would do it through the
 * UI, in zh-CN: a lead is captured, scored, qualified and converted; its opportunity passes the
 * gates (a blocked gate first, then fields, a checklist item and approvals); it is won; its draft
 * contract gets line items and a 30/70 payment plan, goes to review and is signed; the delivery
 * is done and accepted; the first invoice is issued and paid in two partial payments (an
 * over-payment refused in between), the second paid in full. Plus a lost deal with its reason
 * and a duplicate account merged. Every board and the key dialogs are screenshotted to
 * test-results/ltc-*.png. The machine is shared and slow: steps wait for visible outcomes.
 */
let server: Awaited<ReturnType<typeof serveWebBuild>>;
let browser: Browser;
let context: BrowserContext;
let page: Page;
const pageErrors: string[] = [];

const WAIT = 20_000;

beforeAll(async () => {
  server = await serveWebBuild();
  browser = await launchChromium();
  context = await browser.newContext({ locale: 'zh-CN', viewport: { width: 1440, height: 900 } });
  context.setDefaultTimeout(WAIT);
  page = await context.newPage();
  page.on('pageerror', (error) => {
    pageErrors.push(String(error));
    console.error('[page error]', error);
  });
  await mkdir(ARTIFACTS, { recursive: true });
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

const COMPANY = '华东精密机械有限公司';
const DUPLICATE = '华东精密机械';
const CONTACT = '张伟';
const DEAL = '数控机床产线改造';
const LOST_DEAL = '二期自动化立体仓库';
const LOST_REASON = '价格高于竞品 15%，客户选择了竞品';
const CHECK_ITEM = '技术方案已通过客户评审';

/** A local calendar date `days` from today, as a date input takes it. */
function isoDay(days: number): string {
  const d = new Date();
  d.setDate(d.getDate() + days);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}
const TODAY = isoDay(0);

const column = (stage: string): Locator => page.getByRole('region', { name: stage, exact: true });
const item = (label: string | RegExp, where: Locator | Page = page): Locator =>
  where.getByRole('listitem', { name: label });
const dialog = (name: string | RegExp): Locator => page.getByRole('dialog', { name });

async function goTo(board: string): Promise<void> {
  await page
    .getByRole('navigation', { name: '主导航' })
    .getByRole('button', { name: board })
    .click();
  await page.getByRole('heading', { name: board, level: 1 }).waitFor();
}

async function shot(name: string): Promise<void> {
  await expectAccessible(page);
  await page.screenshot({ path: `${ARTIFACTS}/ltc-${name}.png`, fullPage: true });
  // A catalog key shown instead of its text is a missing translation.
  expect(await page.locator('body').innerText()).not.toMatch(UNTRANSLATED);
}

const UNTRANSLATED =
  /\b(?:app|board|card|move|leads|contracts|delivery|collections|pipelines|merge|history|boardTools|errors|validation|actions)\.[a-zA-Z]/;

/** A real pointer drag: press, move past dnd-kit's activation distance, glide, release. */
async function drag(source: Locator, target: Locator): Promise<void> {
  await source.scrollIntoViewIfNeeded();
  const from = await source.boundingBox();
  const to = await target.boundingBox();
  if (!from || !to) throw new Error('drag source or target is not visible');
  await page.mouse.move(from.x + from.width / 2, from.y + 14);
  await page.mouse.down();
  await page.mouse.move(from.x + from.width / 2 + 15, from.y + 24, { steps: 5 });
  await page.mouse.move(to.x + to.width / 2, to.y + Math.min(160, to.height / 2), { steps: 20 });
  await page.mouse.up();
}

/** Waits until `locator`'s text contains every one of `parts`. */
async function expectText(locator: Locator, ...parts: string[]): Promise<string> {
  await expect
    .poll(() => locator.innerText(), { timeout: WAIT })
    .toSatisfy((text: string) => parts.every((p) => text.includes(p)));
  return locator.innerText();
}

async function expectInvalid(field: Locator): Promise<void> {
  await expect.poll(() => field.getAttribute('aria-invalid'), { timeout: WAIT }).toBe('true');
}

describe('lead to cash in Chromium (web build, zh-CN)', () => {
  it('opens on an empty app in Chinese', async () => {
    await page.goto(server.url);
    await page.getByTestId('opportunity-board').waitFor();
    expect(await page.locator('html').getAttribute('lang')).toBe('zh-CN');
  });

  it('captures a lead on the leads board', async () => {
    await goTo('线索看板');
    await page.getByRole('button', { name: '新建线索' }).click();
    const form = dialog('新建线索');
    await form.getByLabel('公司名称').fill(COMPANY);
    await form.getByLabel('联系人').fill(CONTACT);
    await form.getByLabel('电话').fill('021-5888 6600');
    await form.getByLabel('邮箱').fill('zhangwei@hdjm.example.cn');
    await form.getByLabel('来源').fill('展会');
    await form.getByRole('button', { name: '创建' }).click();
    await form.waitFor({ state: 'detached' });
    await item(`线索：${COMPANY}`, column('新线索')).waitFor();
  });

  it('scores the lead with the BANT scorecard: hot', async () => {
    const lead = item(`线索：${COMPANY}`);
    await lead.getByRole('button', { name: `「${COMPANY}」的操作` }).click();
    await page.getByRole('menuitem', { name: '评分…' }).click();
    const card = dialog(`线索评分：${COMPANY}`);
    // Saving with questions unanswered names them and saves nothing.
    await card.getByRole('button', { name: '保存评分' }).click();
    expect(await card.getByText('请回答这一项').count()).toBe(4);
    for (const [question, answer] of [
      ['预算', '是'],
      ['决策人', '是'],
      ['需求', '是'],
      ['时间', '部分'],
    ] as const) {
      await card
        .getByRole('group', { name: question, exact: true })
        .getByRole('button', { name: answer, exact: true })
        .click();
    }
    await expectText(card.getByTestId('scorecard-result'), '7/8 分');
    await shot('dialog-scorecard');
    await card.getByRole('button', { name: '保存评分' }).click();
    await card.waitFor({ state: 'detached' });
    await expectText(lead, '热');
  });

  it('moves the lead to Contacted and to Qualified with the mouse', async () => {
    await drag(item(`线索：${COMPANY}`), column('已联系'));
    await item(`线索：${COMPANY}`, column('已联系')).waitFor();
    await drag(item(`线索：${COMPANY}`), column('合格'));
    await item(`线索：${COMPANY}`, column('合格')).waitFor();
    expect(await item(`线索：${COMPANY}`, column('新线索')).count()).toBe(0);
  });

  it('converts the lead into account + contact + opportunity in one step', async () => {
    await drag(item(`线索：${COMPANY}`), column('已转化'));
    const convert = dialog(`转化线索：${COMPANY}`);
    await convert.waitFor();
    await convert.getByLabel('商机名称').fill(DEAL);
    await convert.getByLabel('金额').fill('1,280,000');
    const summary = await expectText(
      convert.getByTestId('convert-summary'),
      `客户：${COMPANY}（新建）`,
      `联系人：${CONTACT}`,
      '商机：进入「验证」阶段',
    );
    expect(summary).toBeTruthy();
    await shot('dialog-convert');
    await convert.getByRole('button', { name: '转化', exact: true }).click();
    await convert.waitFor({ state: 'detached' });
    await expectText(item(`线索：${COMPANY}`, column('已转化')), '已转为客户和商机');
    await shot('board-leads');
  });

  it('adds a checklist item to the Negotiation gate (pipeline editor)', async () => {
    await goTo('商机看板');
    await item(`商机：${DEAL}`, column('验证')).waitFor();
    await page.getByRole('button', { name: '编辑销售流程' }).click();
    const editor = dialog(/^编辑销售流程/);
    const negotiation = editor.getByTestId('stage-row-3');
    const gate = negotiation.getByRole('button', { name: /进入「商务谈判」的关卡/ });
    const items = negotiation.getByPlaceholder('例如：客户需求已书面确认');
    // Each step clicked only while its state is not reached yet: in CI under load the gate's
    // fold was once found shut again after its click (cause not found; see the stop-25 note),
    // and the whole flow after it failed behind the open editor.
    await expect
      .poll(
        async () => {
          if ((await gate.getAttribute('aria-expanded')) !== 'true') await gate.click();
          else if ((await items.count()) === 0) {
            await negotiation.getByRole('button', { name: '添加检查项' }).click();
          }
          return items.count();
        },
        { timeout: 20_000, interval: 1_000 },
      )
      .toBe(1);
    await items.fill(CHECK_ITEM);
    await editor.getByRole('button', { name: '保存', exact: true }).click();
    await editor.waitFor({ state: 'detached' });
  });

  it('blocks the Proposal gate: the missing items are listed and the card stays', async () => {
    const deal = () => item(`商机：${DEAL}`);
    await drag(deal(), column('方案'));
    await item(`商机：${DEAL}`, column('方案')).waitFor();

    await drag(deal(), column('投标报价'));
    const gate = dialog('移到「投标报价」');
    await gate.waitFor();
    const text = await gate.innerText();
    expect(text).toContain('预计成交日期');
    expect(text).toContain('投标报价审批');
    expect(text).toContain('还有 2 项未满足，商机留在原阶段。');
    expect(await gate.getByRole('button', { name: '确认移动' }).isDisabled()).toBe(true);
    await shot('dialog-gate-blocked');
    await gate.getByRole('button', { name: '取消' }).click();
    await gate.waitFor({ state: 'detached' });
    await item(`商机：${DEAL}`, column('方案')).waitFor();
    expect(await item(`商机：${DEAL}`, column('投标报价')).count()).toBe(0);
  });

  it('fills in the gate, approves the bid and passes into Proposal', async () => {
    await drag(item(`商机：${DEAL}`), column('投标报价'));
    const gate = dialog('移到「投标报价」');
    await gate.getByRole('button', { name: '去填写' }).click();
    const edit = dialog(/编辑商机/);
    await edit.getByLabel('预计成交日期').fill(isoDay(60));
    await edit.getByRole('button', { name: '保存', exact: true }).click();
    await edit.waitFor({ state: 'detached' });
    // Nobody is signed in: the local user is their own manager and may approve.
    await gate.getByTestId('approval-proposal').getByRole('button', { name: '批准' }).click();
    await gate.getByText('条件已全部满足。').waitFor();
    await expectText(gate.getByTestId('approval-proposal'), '已于');
    await shot('dialog-gate-met');
    await gate.getByRole('button', { name: '确认移动' }).click();
    await gate.waitFor({ state: 'detached' });
    await item(`商机：${DEAL}`, column('投标报价')).waitFor();
  });

  it('ticks the Negotiation checklist item to pass that gate', async () => {
    await drag(item(`商机：${DEAL}`), column('商务谈判'));
    const gate = dialog('移到「商务谈判」');
    await gate.waitFor();
    expect(await gate.getByRole('button', { name: '确认移动' }).isDisabled()).toBe(true);
    await gate.getByRole('checkbox', { name: CHECK_ITEM }).check();
    await gate.getByText('条件已全部满足。').waitFor();
    await gate.getByRole('button', { name: '确认移动' }).click();
    await gate.waitFor({ state: 'detached' });
    await item(`商机：${DEAL}`, column('商务谈判')).waitFor();
  });

  it('wins the deal after the contract approval', async () => {
    await drag(item(`商机：${DEAL}`), column('赢单'));
    const gate = dialog('移到「赢单」');
    await gate.waitFor();
    await expectText(gate, '赢单审批');
    await gate.getByRole('button', { name: '批准' }).click();
    await gate.getByText('条件已全部满足。').waitFor();
    await gate.getByRole('button', { name: '确认移动' }).click();
    await gate.waitFor({ state: 'detached' });
    await item(`商机：${DEAL}`, column('赢单')).waitFor();
    await expectText(column('赢单'), '¥1,280,000.00');
  });

  it('loses a second deal, which needs a reason', async () => {
    await page.getByRole('button', { name: '新建商机' }).first().click();
    const create = dialog('新建商机');
    await create.getByLabel('商机名称').fill(LOST_DEAL);
    await create.getByRole('combobox', { name: '客户' }).fill('华东');
    await page.getByRole('option', { name: COMPANY }).click();
    await create.getByLabel('金额').fill('560,000');
    await create.getByRole('button', { name: '创建' }).click();
    await create.waitFor({ state: 'detached' });
    await item(`商机：${LOST_DEAL}`, column('验证')).waitFor();

    await drag(item(`商机：${LOST_DEAL}`), column('输单'));
    const lost = dialog(`标记为输单：${LOST_DEAL}`);
    await lost.getByRole('button', { name: '标记输单' }).click();
    await lost.getByText('请填写输单原因').waitFor();
    // Behind the modal (aria-hidden), the card is still in Qualify: nothing was written.
    const behind = page
      .getByRole('region', { name: '验证', exact: true, includeHidden: true })
      .getByRole('listitem', { name: `商机：${LOST_DEAL}`, includeHidden: true });
    expect(await behind.count()).toBe(1);
    await lost.getByLabel('输单原因').fill(LOST_REASON);
    await shot('dialog-lost-reason');
    await lost.getByRole('button', { name: '标记输单' }).click();
    await lost.waitFor({ state: 'detached' });
    await expectText(item(`商机：${LOST_DEAL}`, column('输单')), LOST_REASON);
    await shot('board-opportunities');
  });

  it('finds the draft contract winning created, and its Review gate blocks without a plan', async () => {
    await goTo('合同看板');
    const contract = item(`合同：${DEAL}`, column('草稿'));
    await expectText(contract, COMPANY, '¥1,280,000.00');
    await drag(contract, column('合同评审'));
    const problem = item(`合同：${DEAL}`, column('草稿')).getByRole('alert');
    await expectText(problem, '进入「合同评审」前还缺：', '回款计划');
    expect(await item(`合同：${DEAL}`, column('合同评审')).count()).toBe(0);
    await shot('board-contracts-blocked');
  });

  it('adds line items and a 30/70 payment plan to the contract', async () => {
    await item(`合同：${DEAL}`)
      .getByRole('button', { name: `打开「${DEAL}」` })
      .click();
    const form = dialog(`合同：${DEAL}`);
    await form.getByLabel('合同编号').fill('HT-2026-118');
    await form.getByRole('button', { name: '添加明细' }).click();
    await form.getByRole('button', { name: '添加明细' }).click();
    await form.getByLabel('内容 1').fill('五轴立式加工中心');
    await form.getByLabel('数量 1').fill('2');
    await form.getByLabel('单价 1').fill('480,000');
    await form.getByLabel('内容 2').fill('安装调试与操作培训');
    await form.getByLabel('数量 2').fill('1');
    await form.getByLabel('单价 2').fill('320,000');
    await form.getByLabel('单价 2').blur();
    await expectText(form.getByTestId('line-total-0'), '¥960,000.00');
    await expectText(form.getByTestId('contract-total'), '¥1,280,000.00');
    await form.getByRole('button', { name: '30/70' }).click();
    await expect.poll(() => form.getByLabel('金额 1').inputValue()).toBe('384,000.00');
    await expect.poll(() => form.getByLabel('金额 2').inputValue()).toBe('896,000.00');
    await form.getByLabel('到期日 1').fill(isoDay(30));
    await form.getByLabel('到期日 2').fill(isoDay(120));
    await expectText(form.getByTestId('plan-remaining'), '已全部分配');
    await shot('dialog-contract');
    await form.getByRole('button', { name: '保存', exact: true }).click();
    await form.waitFor({ state: 'detached' });
    await expectText(item(`合同：${DEAL}`, column('草稿')), 'HT-2026-118');
  });

  it('moves the contract to Review and signs it with the signing date', async () => {
    await drag(item(`合同：${DEAL}`), column('合同评审'));
    await item(`合同：${DEAL}`, column('合同评审')).waitFor();
    await drag(item(`合同：${DEAL}`), column('已签订'));
    const sign = dialog(`签订合同：${DEAL}`);
    await expectText(sign, '2 张计划发票');
    await sign.getByLabel('签约日期').fill(TODAY);
    await shot('dialog-sign');
    await sign.getByRole('button', { name: '签订', exact: true }).click();
    await sign.waitFor({ state: 'detached' });
    await expectText(item(`合同：${DEAL}`, column('已签订')), '签订');
    await shot('board-contracts');
  });

  it('shows the delivery; Delivered is blocked until its milestones are done', async () => {
    await goTo('交付看板');
    const delivery = () => item(/^交付：/);
    await item(/^交付：/, column('待交付')).waitFor();
    await delivery()
      .getByRole('button', { name: /^打开「/ })
      .click();
    const form = dialog(/^交付：/);
    await form.getByRole('button', { name: '添加里程碑' }).click();
    await form.getByRole('button', { name: '添加里程碑' }).click();
    await form.getByLabel('里程碑 1').fill('设备到货');
    await form.getByLabel('里程碑 2').fill('安装调试');
    await form.getByRole('button', { name: '保存', exact: true }).click();
    await form.waitFor({ state: 'detached' });
    await expectText(delivery(), '里程碑 0/2');

    await drag(delivery(), column('交付中'));
    await item(/^交付：/, column('交付中')).waitFor();
    await drag(delivery(), column('已交付'));
    await expectText(item(/^交付：/, column('交付中')).getByRole('alert'), '所有里程碑已完成');
    expect(await item(/^交付：/, column('已交付')).count()).toBe(0);
    await shot('board-delivery-blocked');
  });

  it('ticks the milestones, delivers, and accepts with the acceptance date', async () => {
    const delivery = () => item(/^交付：/);
    await delivery()
      .getByRole('button', { name: /^打开「/ })
      .click();
    const form = dialog(/^交付：/);
    await form.getByRole('checkbox', { name: '完成「设备到货」' }).check();
    await form.getByRole('checkbox', { name: '完成「安装调试」' }).check();
    await expectText(form.getByTestId('delivery-progress'), '已完成 2/2');
    await shot('dialog-delivery');
    await form.getByRole('button', { name: '保存', exact: true }).click();
    await form.waitFor({ state: 'detached' });
    await expectText(delivery(), '里程碑 2/2');

    await drag(delivery(), column('已交付'));
    await item(/^交付：/, column('已交付')).waitFor();
    await drag(delivery(), column('已验收'));
    const accept = dialog(/^验收：/);
    await accept.getByLabel('验收日期').fill(TODAY);
    await shot('dialog-accept');
    await accept.getByRole('button', { name: '确认验收' }).click();
    await accept.waitFor({ state: 'detached' });
    await item(/^交付：/, column('已验收')).waitFor();
    await shot('board-delivery');
  });

  it('has the two scheduled invoices of the payment plan; issues the first', async () => {
    await goTo('回款看板');
    const scheduled = column('待开票');
    // One invoice per milestone, numbered after the contract until the tax invoice is issued.
    const advance = item(/^发票：/, scheduled).filter({ hasText: '预付款 30%' });
    await expectText(advance, COMPANY, '¥384,000.00');
    await expectText(item(/^发票：/, scheduled).filter({ hasText: '尾款 70%' }), '¥896,000.00');
    await advance.getByRole('button', { name: '开票…' }).click();
    const issue = dialog(/^开票：/);
    await expectText(issue, '¥384,000.00');
    await issue.getByLabel('发票号码').fill('FP-44001');
    await issue.getByLabel('开票日期').fill(TODAY);
    await shot('dialog-issue');
    await issue.getByRole('button', { name: '开票', exact: true }).click();
    await issue.waitFor({ state: 'detached' });
    await item(`发票：${COMPANY} · FP-44001`, column('已开票')).waitFor();
  });

  it('records a partial payment: the invoice moves to Partially paid', async () => {
    const invoice = () => item(`发票：${COMPANY} · FP-44001`);
    await invoice().getByRole('button', { name: '登记回款…' }).click();
    const pay = dialog(`登记回款：${COMPANY} · FP-44001`);
    await expectText(pay.getByTestId('amount-due'), '¥384,000.00');
    await pay.getByLabel(/^回款金额/).fill('200,000');
    await pay.getByLabel('备注 / 银行流水号').fill('招商银行 流水 0001');
    await pay.getByRole('button', { name: '登记回款' }).click();
    await pay.waitFor({ state: 'detached' });
    await expectText(item(`发票：${COMPANY} · FP-44001`, column('部分回款')), '¥184,000.00');
    await expectText(page.getByTestId('collections-board'), '待收 ¥184,000.00');
    await shot('board-collections-partial');
  });

  it('refuses an over-payment, naming the amount due, and writes nothing', async () => {
    await item(`发票：${COMPANY} · FP-44001`).getByRole('button', { name: '登记回款…' }).click();
    const pay = dialog(`登记回款：${COMPANY} · FP-44001`);
    const amount = pay.getByLabel(/^回款金额/);
    await amount.fill('200,000');
    await pay.getByRole('button', { name: '登记回款' }).click();
    await expectInvalid(amount);
    await pay.getByText('最多可收 ¥184,000.00（待收金额）').waitFor();
    await shot('dialog-overpayment');
    await pay.getByRole('button', { name: '取消' }).click();
    await pay.waitFor({ state: 'detached' });
    await expectText(item(`发票：${COMPANY} · FP-44001`, column('部分回款')), '¥184,000.00');
  });

  it('records the rest: the invoice is Paid', async () => {
    await item(`发票：${COMPANY} · FP-44001`).getByRole('button', { name: '登记回款…' }).click();
    const pay = dialog(`登记回款：${COMPANY} · FP-44001`);
    const amount = pay.getByLabel(/^回款金额/);
    // The form offers what is still due; the second payment takes it as it is.
    await expect.poll(() => amount.inputValue()).toBe('184,000.00');
    await pay.getByRole('button', { name: '登记回款' }).click();
    await pay.waitFor({ state: 'detached' });
    await expectText(item(`发票：${COMPANY} · FP-44001`, column('已回款')), '已全部回款');
    expect(await item(`发票：${COMPANY} · FP-44001`, column('部分回款')).count()).toBe(0);
    await shot('board-collections');
  });

  it('warns about a duplicate account, and merges it into the original', async () => {
    await page.getByRole('button', { name: '新建客户' }).click();
    const create = dialog('新建客户');
    await create.getByLabel('客户名称').fill(DUPLICATE);
    await create.getByLabel('地址').fill('上海市嘉定区叶城路 1288 号');
    const warning = create.getByRole('status').filter({ hasText: '可能已经有这个客户' });
    await expectText(warning, COMPANY, '名称相同');
    await shot('dialog-duplicate-warning');
    // The rep creates it anyway (a branch, they think); later someone merges the two.
    await create.getByRole('button', { name: '创建' }).click();
    await create.waitFor({ state: 'detached' });

    const search = page.getByRole('combobox', { name: /搜索客户/ });
    await search.fill(DUPLICATE);
    await page
      .getByRole('listbox', { name: '搜索结果' })
      .getByRole('option', { name: DUPLICATE, exact: true })
      .click();
    const edit = dialog('编辑客户');
    await edit.getByRole('button', { name: `合并到「${COMPANY}」` }).click();
    const merge = dialog(`合并到「${COMPANY}」`);
    await expectText(merge, DUPLICATE, '上海市嘉定区叶城路 1288 号');
    await shot('dialog-merge');
    await merge.getByRole('button', { name: '合并', exact: true }).click();
    await merge.waitFor({ state: 'detached' });
    await page.getByText(`已把「${DUPLICATE}」合并到「${COMPANY}」`).waitFor();

    // One account is left, and it took the address the duplicate had.
    const again = dialog('编辑客户');
    await expect.poll(() => again.getByLabel('客户名称').inputValue()).toBe(COMPANY);
    expect(await again.getByLabel('地址').inputValue()).toBe('上海市嘉定区叶城路 1288 号');
    await again.getByRole('button', { name: '取消' }).click();
    await again.waitFor({ state: 'detached' });
    await search.fill('华东精密');
    const results = page.getByRole('listbox', { name: '搜索结果' });
    await results.getByRole('option', { name: COMPANY }).first().waitFor();
    expect(await results.getByRole('option', { name: DUPLICATE, exact: true }).count()).toBe(0);
    await page.keyboard.press('Escape');
  });

  it('raised no page errors', () => {
    expect(pageErrors).toEqual([]);
  });
});
