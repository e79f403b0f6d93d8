import { screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { CrmCore } from '../../shared/core';
import { insertContract } from '../../shared/core/invoice-test-support';
import { money } from '../../shared/domain';
import { addDays, localIsoDate } from '../activities/local-day';
import { renderApp, seedAccount, type RenderedApp } from '../test/render-app';

let core: CrmCore | undefined;
afterEach(async () => {
  await core?.close();
  core = undefined;
});

/** The app on the collections board, with one signed contract to bill. */
async function collectionsBoard() {
  const app = await renderApp();
  core = app.core;
  const { account } = await seedAccount(app.api);
  const contract = await insertContract(app.core, account.id);
  await app.user.click(screen.getByRole('button', { name: '回款看板' }));
  await screen.findByRole('region', { name: '待开票' });
  return { app, account, contract };
}

/** The accessible names of the cards in a stage column, top to bottom. */
function invoicesIn(stage: string): string[] {
  const list = within(screen.getByRole('region', { name: stage })).getByRole('list', {
    name: `「${stage}」阶段的发票`,
  });
  return within(list)
    .queryAllByRole('listitem')
    .map((item) => item.getAttribute('aria-label') ?? '');
}

async function recordPayment(app: RenderedApp, card: string, amount: string) {
  const item = screen.getByRole('listitem', { name: card });
  await app.user.click(within(item).getByRole('button', { name: '登记回款…' }));
  const dialog = await screen.findByRole('dialog', { name: /^登记回款/ });
  const field = within(dialog).getByRole('textbox', { name: /回款金额/ });
  await app.user.clear(field);
  await app.user.type(field, amount);
  await app.user.click(within(dialog).getByRole('button', { name: '登记回款' }));
  return dialog;
}

describe('collections board', () => {
  it('issues an invoice, refuses an over-payment with the amount due, and two partial payments make it Paid', async () => {
    const { app, contract } = await collectionsBoard();
    expect(
      within(screen.getByTestId('collections-board'))
        .getAllByRole('region')
        .map((r) => within(r).getByRole('heading').textContent),
    ).toEqual(['待开票', '已开票', '部分回款', '已回款']);

    await app.api.invoke('invoices/create', {
      contractId: contract.id,
      amount: money(12_000_00, 'CNY'),
      dueOn: addDays(localIsoDate(Date.now()), 30),
      milestone: '首付款',
    });
    await waitFor(() =>
      expect(invoicesIn('待开票')).toEqual(['发票：华东精密机械有限公司 · 首付款']),
    );

    // Issue: the number is required; the card then moves to Invoiced.
    const scheduled = screen.getByRole('listitem', { name: '发票：华东精密机械有限公司 · 首付款' });
    await app.user.click(within(scheduled).getByRole('button', { name: '开票…' }));
    const issue = await screen.findByRole('dialog', { name: /^开票/ });
    await app.user.click(within(issue).getByRole('button', { name: '开票' }));
    expect(within(issue).getByText('请填写发票号码')).toBeInTheDocument();
    await app.user.type(within(issue).getByRole('textbox', { name: /发票号码/ }), 'FP-0001');
    await app.user.click(within(issue).getByRole('button', { name: '开票' }));
    const name = '发票：华东精密机械有限公司 · FP-0001';
    await waitFor(() => expect(invoicesIn('已开票')).toEqual([name]));

    // The payment dialog offers the amount due; more than that is refused, naming it.
    const item = screen.getByRole('listitem', { name });
    await app.user.click(within(item).getByRole('button', { name: '登记回款…' }));
    const offered = await screen.findByRole('dialog', { name: /^登记回款/ });
    expect(within(offered).getByRole('textbox', { name: /回款金额/ })).toHaveValue('12,000.00');
    expect(within(offered).getByTestId('amount-due')).toHaveTextContent('待收金额¥12,000.00');
    await app.user.click(within(offered).getByRole('button', { name: '取消' }));

    const first = await recordPayment(app, name, '5000');
    await waitFor(() => expect(first).not.toBeInTheDocument());
    await waitFor(() => expect(invoicesIn('部分回款')).toEqual([name]));
    expect(screen.getByRole('listitem', { name })).toHaveTextContent('待收 ¥7,000.00');

    const refused = await recordPayment(app, name, '8000');
    expect(within(refused).getByText('最多可收 ¥7,000.00（待收金额）')).toBeInTheDocument();
    expect(await app.core.database.payments.count().exec()).toBe(1);
    await app.user.click(within(refused).getByRole('button', { name: '取消' }));

    const second = await recordPayment(app, name, '7,000');
    await waitFor(() => expect(second).not.toBeInTheDocument());
    await waitFor(() => expect(invoicesIn('已回款')).toEqual([name]));
    expect(invoicesIn('部分回款')).toEqual([]);
    expect(screen.getByRole('listitem', { name })).toHaveTextContent('已全部回款');
    const invoice = (await app.core.database.invoices.find().exec())[0]!.toJSON();
    expect(invoice).toMatchObject({ stage: 'paid', paid: money(12_000_00, 'CNY') });

    // The invoice dialog lists both payments.
    await app.user.click(
      screen.getByRole('button', { name: `打开「华东精密机械有限公司 · FP-0001」` }),
    );
    const details = await screen.findByRole('dialog', { name: /^发票：/ });
    const payments = await within(details).findByRole('list', { name: '回款记录' });
    expect(
      within(payments)
        .getAllByRole('listitem')
        .map((li) => li.textContent),
    ).toEqual([expect.stringContaining('¥5,000.00'), expect.stringContaining('¥7,000.00')]);
  });

  it('flags an overdue invoice red with its days overdue and ages it on the strip', async () => {
    const { app, contract } = await collectionsBoard();
    const today = localIsoDate(Date.now());
    const invoice = await app.api.invoke('invoices/create', {
      contractId: contract.id,
      amount: money(3_000_00, 'CNY'),
      dueOn: addDays(today, -40),
      number: 'FP-0009',
    });
    await app.api.invoke('invoices/issue', { id: invoice.id, issuedOn: addDays(today, -70) });
    const card = await screen.findByRole('listitem', {
      name: '发票：华东精密机械有限公司 · FP-0009',
    });
    expect(card).toHaveAttribute('data-overdue', 'true');
    expect(card).toHaveTextContent('逾期 40 天');
    const strip = screen.getByRole('group', { name: '应收账款账龄' });
    await waitFor(() =>
      expect(strip.querySelector('[data-bucket="days31to60"]')).toHaveTextContent('¥3,000.00'),
    );
    expect(within(strip).getByText('逾期合计').parentElement).toHaveTextContent('¥3,000.00');
    expect(strip.querySelector('[data-bucket="days0to30"]')).toHaveTextContent('—');
  });
});
