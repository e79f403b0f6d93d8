import { screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { CrmCore } from '../../shared/core';
import { renderApp, seedAccount, type RenderedApp } from '../test/render-app';

let core: CrmCore | undefined;
afterEach(async () => {
  await core?.close();
  core = undefined;
});

async function contractsBoard(): Promise<RenderedApp> {
  const app = await renderApp();
  core = app.core;
  await seedAccount(app.api, '华为技术有限公司', '李雷');
  await app.user.click(screen.getByRole('button', { name: '合同看板' }));
  await screen.findByRole('region', { name: '草稿' });
  return app;
}

/** The titles on the cards of a contract column, top to bottom. */
function contractsIn(stage: string): string[] {
  const list = within(screen.getByRole('region', { name: stage })).getByRole('list', {
    name: `「${stage}」阶段的合同`,
  });
  return within(list)
    .queryAllByRole('listitem')
    .filter((item) => item.parentElement === list)
    .map((item) => item.getAttribute('aria-label') ?? '');
}

/** Types by pasting: the dialog re-validates on every keystroke, and the test need not wait for that. */
async function fill(app: RenderedApp, element: HTMLElement, text: string) {
  await app.user.click(element);
  await app.user.paste(text);
}

async function moveTo(app: RenderedApp, title: string, stage: string) {
  await app.user.click(screen.getByRole('button', { name: `「${title}」的操作` }));
  await app.user.click(screen.getByRole('menuitem', { name: stage }));
}

describe('contracts board', () => {
  it('creates a contract with lines and a plan in the dialog, refuses review while empty, and signs it', async () => {
    const app = await contractsBoard();
    expect(
      within(screen.getByTestId('contracts-board'))
        .getAllByRole('region')
        .map((r) => within(r).getByRole('heading').textContent),
    ).toEqual(['草稿', '合同评审', '已签订', '执行中', '已完成', '已终止']);

    await app.user.click(screen.getByRole('button', { name: '新建合同' }));
    const dialog = screen.getByRole('dialog', { name: '新建合同' });
    // Nothing filled in: the fields are named and nothing is written.
    await app.user.click(within(dialog).getByRole('button', { name: '创建' }));
    expect(within(dialog).getByText('请填写合同名称')).toBeInTheDocument();
    expect(await core!.database.contracts.count().exec()).toBe(0);

    await fill(app, within(dialog).getByRole('textbox', { name: /合同名称/ }), '华为产线改造');
    await fill(app, within(dialog).getByRole('textbox', { name: '合同编号' }), 'HT-7');
    await fill(app, within(dialog).getByRole('combobox', { name: /客户/ }), '华为');
    await app.user.click(await screen.findByRole('option', { name: '华为技术有限公司' }));

    await app.user.click(within(dialog).getByRole('button', { name: '添加明细' }));
    await fill(app, within(dialog).getByRole('textbox', { name: '内容 1' }), '伺服电机');
    const quantity = within(dialog).getByRole('textbox', { name: '数量 1' });
    await app.user.clear(quantity);
    await app.user.type(quantity, '3');
    await fill(app, within(dialog).getByRole('textbox', { name: '单价 1' }), '0.10');
    expect(within(dialog).getByTestId('line-total-0')).toHaveTextContent('¥0.30');
    await app.user.click(within(dialog).getByRole('button', { name: '添加明细' }));
    await fill(app, within(dialog).getByRole('textbox', { name: '内容 2' }), '安装调试');
    await fill(app, within(dialog).getByRole('textbox', { name: '单价 2' }), '9999.70');
    expect(within(dialog).getByTestId('contract-total')).toHaveTextContent('¥10,000.00');

    // The plan: one milestone short, then the quick split fills it exactly.
    await app.user.click(within(dialog).getByRole('button', { name: '添加付款节点' }));
    await fill(app, within(dialog).getByRole('textbox', { name: '付款节点 1' }), '预付款');
    await fill(app, within(dialog).getByRole('textbox', { name: '金额 1' }), '3000');
    expect(within(dialog).getByTestId('plan-remaining')).toHaveTextContent('待分配 ¥7,000.00');
    await app.user.click(within(dialog).getByRole('button', { name: '30/60/10' }));
    expect(within(dialog).getByTestId('plan-remaining')).toHaveTextContent('已全部分配');
    // Due dates are required: the submit names the empty ones.
    await app.user.click(within(dialog).getByRole('button', { name: '创建' }));
    expect(within(dialog).getAllByText('请选择到期日')).toHaveLength(3);
    for (const [n, date] of [
      [1, '2026-02-01'],
      [2, '2026-04-01'],
      [3, '2026-06-01'],
    ] as const) {
      await app.user.type(within(dialog).getByLabelText(`到期日 ${n}`), date);
    }
    await app.user.click(within(dialog).getByRole('button', { name: '创建' }));
    await waitFor(() => expect(contractsIn('草稿')).toEqual(['合同：华为产线改造']));
    const card = () => screen.getByRole('listitem', { name: '合同：华为产线改造' });
    expect(card()).toHaveTextContent('HT-7');
    expect(card()).toHaveTextContent('¥10,000.00');
    expect(
      within(screen.getByRole('region', { name: '草稿' })).getByTestId('total-draft'),
    ).toHaveTextContent('¥10,000.00');

    // An empty contract cannot go to review: the card stays and lists what is missing.
    const empty = await app.api.invoke('contracts/create', {
      title: '空合同',
      accountId: (await core!.database.accounts.findOne().exec())!.id,
    });
    await waitFor(() => expect(contractsIn('草稿')).toHaveLength(2));
    await moveTo(app, empty.title, '合同评审');
    const alert = await within(screen.getByRole('listitem', { name: '合同：空合同' })).findByRole(
      'alert',
    );
    expect(alert).toHaveTextContent('进入「合同评审」前还缺：');
    expect(alert).toHaveTextContent('合同明细（或合同金额）');
    expect(alert).toHaveTextContent('回款计划');
    expect(contractsIn('草稿')).toContain('合同：空合同');

    // A move by the menu lands the card in its new column with the focus on it, so a keyboard
    // user goes on from there.
    await moveTo(app, '华为产线改造', '合同评审');
    await waitFor(() => expect(contractsIn('合同评审')).toEqual(['合同：华为产线改造']));
    await waitFor(() =>
      expect(screen.getByRole('listitem', { name: '合同：华为产线改造' })).toHaveFocus(),
    );

    // Signing asks for the date, then creates the delivery and the invoice schedule.
    await moveTo(app, '华为产线改造', '已签订');
    const sign = screen.getByRole('dialog', { name: '签订合同：华为产线改造' });
    expect(sign).toHaveTextContent('按回款计划生成 3 张计划发票');
    const date = within(sign).getByLabelText(/签约日期/);
    await app.user.clear(date);
    await app.user.type(date, '2026-01-20');
    await app.user.click(within(sign).getByRole('button', { name: '签订' }));
    await waitFor(() => expect(contractsIn('已签订')).toEqual(['合同：华为产线改造']));

    const stored = (
      await core!.database.contracts.find({ selector: { title: '华为产线改造' } }).exec()
    )[0]!.toJSON();
    expect(stored).toMatchObject({ stage: 'signed', signedOn: '2026-01-20' });
    const invoices = await core!.database.invoices
      .find({ selector: { contractId: stored.id } })
      .exec();
    expect(invoices.map((i) => [i.number, i.amount.minor]).sort()).toEqual([
      ['HT-7-1', 300_000],
      ['HT-7-2', 600_000],
      ['HT-7-3', 100_000],
    ]);
    expect((await core!.database.deliveries.findOne(stored.deliveryId!).exec())?.stage).toBe(
      'planned',
    );

    // The signed contract opens read-only, with its invoice schedule.
    await app.user.click(screen.getByRole('button', { name: '打开「华为产线改造」' }));
    const opened = screen.getByRole('dialog', { name: '合同：华为产线改造' });
    expect(opened).toHaveTextContent('合同已签订，明细和回款计划不能再修改。');
    await waitFor(() =>
      expect(within(opened).getByTestId('invoice-schedule')).toHaveTextContent(
        'HT-7-1 · 预付款 30%',
      ),
    );

    // And its delivery is on the delivery board.
    await app.user.click(within(opened).getByRole('button', { name: '取消' }));
    await app.user.click(screen.getByRole('button', { name: '交付看板' }));
    const delivery = await screen.findByRole('listitem', { name: '交付：华为产线改造' });
    expect(within(screen.getByRole('region', { name: '待交付' })).getByRole('listitem')).toBe(
      delivery,
    );
    expect(delivery).toHaveTextContent('HT-7');
  }, 180_000);
});
