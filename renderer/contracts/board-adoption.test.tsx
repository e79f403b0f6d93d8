import { screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CrmCore } from '../../shared/core';
import { insertContract } from '../../shared/core/invoice-test-support';
import { money, newId } from '../../shared/domain';
import { addDays, localIsoDate } from '../activities/local-day';
import { renderApp, seedAccount, type RenderedApp } from '../test/render-app';
import { insertUnjudged } from '../../shared/core/test-support';

/*
 * The board tools (filters, totals, WIP limits, aging) and the history drawer on the contract,
 * delivery and collections boards: the same behaviour as on the leads and opportunity boards.
 */

let core: CrmCore | undefined;
beforeEach(() => {
  window.sessionStorage.clear();
  window.localStorage.clear();
});
afterEach(async () => {
  await core?.close();
  core = undefined;
});

const DAY = 86_400_000;
const COLLEAGUE = { ownerId: 'user-li', ownerName: '李娜' };
const region = (name: string) => screen.getByRole('region', { name });

/** Owner filter through the toolbar's popover, as a person sets it. */
async function filterByOwner(app: RenderedApp, owner: string) {
  await app.user.click(screen.getByRole('button', { name: '筛选' }));
  const form = await screen.findByRole('dialog', { name: '筛选卡片' });
  await app.user.click(within(form).getByRole('combobox', { name: '负责人' }));
  await app.user.click(await screen.findByRole('option', { name: owner }));
  await app.user.keyboard('{Escape}');
  await app.user.keyboard('{Escape}');
}

async function openHistoryFromMenu(app: RenderedApp, title: string) {
  await app.user.click(screen.getByRole('button', { name: `「${title}」的操作` }));
  await app.user.click(screen.getByRole('menuitem', { name: '历史记录' }));
  return screen.findByRole('dialog', { name: '历史记录' });
}

describe('board tools and history on the contract execution boards', () => {
  it('contracts: filters count, totals and the header; WIP warns; an old draft is aged; history opens', async () => {
    const app = await renderApp();
    core = app.core;
    const { account } = await seedAccount(app.api, '华为技术有限公司', '李雷');
    await app.api.invoke('contracts/create', {
      title: '华为产线改造',
      accountId: account.id,
      amount: money(10_000_00, 'CNY'),
    });
    // A colleague's draft, untouched for 40 days, as sync would bring it in.
    await insertContract(app.core, account.id, {
      ...COLLEAGUE,
      title: '华为备件框架',
      number: 'HT-9',
      stage: 'draft',
      stageEnteredAt: Date.now() - 40 * DAY,
      amount: money(5_000_00, 'CNY'),
    });
    await app.user.click(screen.getByRole('button', { name: '合同看板' }));
    await waitFor(() => expect(within(region('草稿')).getByLabelText('2 份合同')).toBeVisible());
    expect(within(region('草稿')).getByTestId('total-draft')).toHaveTextContent('¥15,000.00');
    expect(screen.getByTestId('board-summary')).toHaveTextContent('在途 2 份');

    const old = screen.getByRole('listitem', { name: '合同：华为备件框架' });
    expect(old.querySelector('[data-aged]')).toHaveAccessibleName(
      '在本阶段已停留 40 天，超过 30 天',
    );
    expect(
      screen.getByRole('listitem', { name: '合同：华为产线改造' }).querySelector('[data-aged]'),
    ).toBeNull();

    await filterByOwner(app, '李娜');
    await waitFor(() =>
      expect(within(region('草稿')).getByLabelText('显示 1 项，本阶段共 2 项')).toBeVisible(),
    );
    expect(within(region('草稿')).getByTestId('total-draft')).toHaveTextContent('¥5,000.00');
    expect(screen.getByTestId('board-summary')).toHaveTextContent('在途 1 份');
    expect(screen.getByTestId('board-showing')).toHaveTextContent('显示 1 项，共 2 项');
    await app.user.click(screen.getByRole('button', { name: '清除全部筛选' }));

    // A WIP limit of 1 on Draft: two drafts are one too many.
    await app.user.click(within(region('草稿')).getByRole('button', { name: '「草稿」列设置' }));
    await app.user.click(screen.getByRole('menuitem', { name: '设置在制上限…' }));
    const wip = screen.getByRole('dialog', { name: '「草稿」的在制上限' });
    await app.user.type(within(wip).getByRole('textbox', { name: '最多卡片数' }), '1');
    await app.user.click(within(wip).getByRole('button', { name: '保存' }));
    await waitFor(() => expect(region('草稿')).toHaveAttribute('data-wip-over', 'true'));
    // Finished stages take no limit.
    expect(
      within(region('已完成')).queryByRole('button', { name: '「已完成」列设置' }),
    ).not.toBeInTheDocument();

    const drawer = await openHistoryFromMenu(app, '华为产线改造');
    expect(drawer).toHaveTextContent('合同 · 华为产线改造');
    expect(await within(drawer).findByText('创建，进入「草稿」')).toBeInTheDocument();
    await app.user.click(within(drawer).getByRole('button', { name: '关闭历史记录' }));

    // The contract dialog has it too.
    await app.user.click(await screen.findByRole('button', { name: '打开「华为产线改造」' }));
    const dialog = screen.getByRole('dialog', { name: '合同：华为产线改造' });
    await app.user.click(
      within(dialog).getByRole('button', { name: '查看「华为产线改造」的历史记录' }),
    );
    expect(await screen.findByRole('dialog', { name: '历史记录' })).toHaveTextContent(
      '合同 · 华为产线改造',
    );
  }, 180_000);

  it('delivery: an aged delivery is flagged, a filter empties the column with a reason, history in the dialog', async () => {
    const app = await renderApp();
    core = app.core;
    const { account } = await seedAccount(app.api, '华为技术有限公司', '李雷');
    const contract = await insertContract(app.core, account.id);
    const at = Date.now() - 50 * DAY;
    await insertUnjudged(app.core.database, 'deliveries', {
      id: newId(),
      createdAt: at,
      updatedAt: at,
      ...COLLEAGUE,
      archived: false,
      title: '数控机床改造项目',
      contractId: contract.id,
      accountId: account.id,
      stage: 'inProgress',
      stageEnteredAt: at,
    });
    await app.user.click(screen.getByRole('button', { name: '交付看板' }));
    const card = await screen.findByRole('listitem', { name: '交付：数控机床改造项目' });
    expect(card.querySelector('[data-aged]')).toHaveAccessibleName(
      '在本阶段已停留 50 天，超过 30 天',
    );
    expect(screen.getByTestId('board-summary')).toHaveTextContent('未验收 1 个');

    // "Mine" leaves nothing: the column says the filters hide its card, the header follows.
    window.sessionStorage.setItem('ltc.board.delivery.filter', '{"owner":{"kind":"me"}}');
    await app.user.click(screen.getByRole('button', { name: '合同看板' }));
    await app.user.click(await screen.findByRole('button', { name: '交付看板' }));
    await waitFor(() =>
      expect(within(region('交付中')).getByText('没有符合筛选条件的卡片')).toBeVisible(),
    );
    expect(screen.getByTestId('board-summary')).toHaveTextContent('未验收 0 个');
    await app.user.click(screen.getByRole('button', { name: '清除全部筛选' }));

    await app.user.click(await screen.findByRole('button', { name: '打开「数控机床改造项目」' }));
    const dialog = await screen.findByRole('dialog', { name: /数控机床改造项目/ });
    await app.user.click(
      within(dialog).getByRole('button', { name: '查看「数控机床改造项目」的历史记录' }),
    );
    expect(await screen.findByRole('dialog', { name: '历史记录' })).toHaveTextContent(
      '交付 · 数控机床改造项目',
    );
  }, 180_000);

  it('collections: the header, ageing strip and column totals follow the filters; overdue stays; history on the card', async () => {
    const app = await renderApp();
    core = app.core;
    const { account } = await seedAccount(app.api);
    const contract = await insertContract(app.core, account.id);
    const today = localIsoDate(Date.now());
    // Mine: issued today, due in 30 days.
    const mine = await app.api.invoke('invoices/create', {
      contractId: contract.id,
      amount: money(12_000_00, 'CNY'),
      dueOn: addDays(today, 30),
      number: 'FP-0001',
    });
    await app.api.invoke('invoices/issue', { id: mine.id, issuedOn: today });
    // A colleague's, issued 70 days ago and 40 days overdue.
    const at = Date.now() - 70 * DAY;
    await insertUnjudged(app.core.database, 'invoices', {
      id: newId(),
      createdAt: at,
      updatedAt: at,
      ...COLLEAGUE,
      archived: false,
      number: 'FP-0009',
      contractId: contract.id,
      accountId: account.id,
      stage: 'invoiced',
      stageEnteredAt: at,
      amount: money(3_000_00, 'CNY'),
      paid: money(0, 'CNY'),
      issuedOn: addDays(today, -70),
      dueOn: addDays(today, -40),
    });
    await app.user.click(screen.getByRole('button', { name: '回款看板' }));
    const name = '发票：华东精密机械有限公司 · FP-0009';
    const late = await screen.findByRole('listitem', { name });
    expect(late).toHaveAttribute('data-overdue', 'true');
    expect(late).toHaveTextContent('逾期 40 天');
    expect(late.querySelector('[data-aged]')).toHaveAccessibleName(
      '在本阶段已停留 70 天，超过 30 天',
    );
    await waitFor(() =>
      expect(screen.getByTestId('board-summary')).toHaveTextContent('待收 ¥15,000.00'),
    );
    expect(screen.getByTestId('summary-invoiced')).toHaveTextContent('¥15,000.00');

    await filterByOwner(app, '李娜');
    await waitFor(() =>
      expect(screen.getByTestId('board-summary')).toHaveTextContent('待收 ¥3,000.00'),
    );
    expect(screen.getByTestId('board-summary')).toHaveTextContent('逾期 1 张');
    expect(screen.getByTestId('summary-invoiced')).not.toHaveTextContent('¥15,000.00');
    expect(screen.getByTestId('summary-invoiced')).toHaveTextContent('¥3,000.00');
    const strip = screen.getByRole('group', { name: '应收账款账龄' });
    expect(within(strip).getByText('应收合计').parentElement).toHaveTextContent('¥3,000.00');
    expect(strip.querySelector('[data-bucket="notDue"]')).toHaveTextContent('—');

    // History from the card itself: the card does not open, the drawer does.
    await app.user.click(
      within(screen.getByRole('listitem', { name })).getByRole('button', {
        name: '查看「华东精密机械有限公司 · FP-0009」的历史记录',
      }),
    );
    const drawer = await screen.findByRole('dialog', { name: '历史记录' });
    expect(drawer).toHaveTextContent('发票 · 华东精密机械有限公司 · FP-0009');
    expect(screen.queryByRole('dialog', { name: /^发票：/ })).not.toBeInTheDocument();
  }, 180_000);
});
