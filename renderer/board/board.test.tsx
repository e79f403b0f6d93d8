import { screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { CrmCore } from '../../shared/core';
import { cardsIn, column, renderApp, seedAccount, testClock } from '../test/render-app';

let core: CrmCore | undefined;
afterEach(async () => {
  await core?.close();
  core = undefined;
});

async function stageOf(id: string): Promise<string | undefined> {
  return (await core!.database.opportunities.findOne(id).exec())?.stage;
}

/** The app with one opportunity in Qualify that has only a title and an account. */
async function boardWithOne(title: string) {
  const app = await renderApp();
  core = app.core;
  const { account } = await seedAccount(app.api);
  const opportunity = await app.api.invoke('opportunities/create', {
    title,
    accountId: account.id,
  });
  await screen.findByRole('listitem', { name: `商机：${title}` });
  const moveWithMenu = async (stage: string) => {
    await app.user.click(screen.getByRole('button', { name: `将「${title}」移动到` }));
    await app.user.click(screen.getByRole('menuitem', { name: stage }));
  };
  return { app, opportunity, moveWithMenu };
}

describe('opportunity board', () => {
  it('shows one column per stage with count, total and weighted total per currency, in zh-CN', async () => {
    const app = await renderApp();
    core = app.core;
    const { account, contact } = await seedAccount(app.api);
    await app.api.invoke('opportunities/create', {
      title: '数控机床产线改造',
      accountId: account.id,
      amount: { minor: 1_000_000, currency: 'CNY' },
    });
    await app.api.invoke('opportunities/create', {
      title: '海外备件',
      accountId: account.id,
      amount: { minor: 50_000, currency: 'USD' },
    });
    const moved = await app.api.invoke('opportunities/create', {
      title: 'ERP 二期实施',
      accountId: account.id,
      contactId: contact.id,
      amount: { minor: 2_000_000, currency: 'CNY' },
      expectedClose: '2027-03-31',
    });
    await app.api.invoke('opportunities/move', { id: moved.id, to: 'solution' });

    const board = screen.getByTestId('opportunity-board');
    const names = within(board)
      .getAllByRole('region')
      .map((r) => within(r).getByRole('heading').textContent);
    expect(names).toEqual(['验证', '方案', '投标报价', '商务谈判', '赢单', '输单']);

    await waitFor(() => expect(cardsIn('方案')).toEqual(['商机：ERP 二期实施']));
    const qualify = column('验证');
    expect(within(qualify).getByLabelText('2 个商机')).toHaveTextContent('2');
    expect(within(qualify).getByText('赢率').nextElementSibling).toHaveTextContent('10%');
    // Several currencies stack: never added together.
    expect(within(qualify).getByTestId('column-total')).toHaveTextContent('¥10,000.00US$500.00');
    expect(within(qualify).getByTestId('column-weighted')).toHaveTextContent('¥1,000.00US$50.00');
    const solution = column('方案');
    expect(within(solution).getByTestId('column-total')).toHaveTextContent('¥20,000.00');
    expect(within(solution).getByTestId('column-weighted')).toHaveTextContent('¥5,000.00');
    expect(within(column('赢单')).getByLabelText('0 个商机')).toBeInTheDocument();
    expect(within(column('赢单')).getByTestId('column-total')).toHaveTextContent('—');
    expect(screen.getByTestId('pipeline-forecast')).toHaveTextContent('¥6,000.00 + US$50.00');

    const card = screen.getByRole('listitem', { name: '商机：ERP 二期实施' });
    expect(card).toHaveTextContent('华东精密机械有限公司');
    expect(card).toHaveTextContent('¥20,000.00');
    expect(card).toHaveTextContent('预计 2027年3月31日 成交');
    expect(card).toHaveTextContent('负责人我');
    expect(card).toHaveTextContent('本阶段 0 天');
  });

  it('flags a card that has stayed in an open stage for more than 30 days', async () => {
    const clock = testClock(Date.now() - 40 * 86_400_000);
    const app = await renderApp({ now: clock.now });
    core = app.core;
    const { account } = await seedAccount(app.api);
    await app.api.invoke('opportunities/create', { title: '老商机', accountId: account.id });
    clock.set(Date.now());
    await app.api.invoke('opportunities/create', { title: '新商机', accountId: account.id });

    const old = await screen.findByRole('listitem', { name: '商机：老商机' });
    expect(old).toHaveTextContent('本阶段 40 天');
    expect(old.querySelector('[data-aging]')).not.toBeNull();
    const fresh = await screen.findByRole('listitem', { name: '商机：新商机' });
    expect(fresh.querySelector('[data-aging]')).toBeNull();
  });

  it('moves a card with the "Move to…" menu and the column counts follow', async () => {
    const { app, opportunity } = await boardWithOne('数控机床产线改造');

    await app.user.click(screen.getByRole('button', { name: '将「数控机床产线改造」移动到' }));
    const menu = screen.getByRole('menu', { name: '将「数控机床产线改造」移动到' });
    expect(within(menu).getByRole('menuitem', { name: /验证/ })).toHaveAttribute(
      'aria-disabled',
      'true',
    );
    await app.user.click(within(menu).getByRole('menuitem', { name: '方案' }));

    await waitFor(() => expect(cardsIn('方案')).toEqual(['商机：数控机床产线改造']));
    expect(cardsIn('验证')).toEqual([]);
    expect(within(column('验证')).getByLabelText('0 个商机')).toBeInTheDocument();
    expect(within(column('方案')).getByLabelText('1 个商机')).toBeInTheDocument();
    expect(await stageOf(opportunity.id)).toBe('solution');
    expect(await screen.findByText('「数控机床产线改造」已移到「方案」')).toBeInTheDocument();
    // The moved card keeps the keyboard focus in its new column.
    await waitFor(() =>
      expect(screen.getByRole('listitem', { name: '商机：数控机床产线改造' })).toHaveFocus(),
    );
  });

  // Gated moves (fields, checklist, approval) go through the gate dialog:
  // renderer/pipelines/gate-dialog.test.tsx.

  it('explains a move the transition rules forbid, and nothing is written', async () => {
    const { app, opportunity, moveWithMenu } = await boardWithOne('仓储自动化咨询');
    await moveWithMenu('赢单');

    const alert = await within(
      screen.getByRole('listitem', { name: '商机：仓储自动化咨询' }),
    ).findByRole('alert');
    expect(alert).toHaveTextContent('只有「商务谈判」阶段的商机才能标记为「赢单」。');
    expect(cardsIn('验证')).toEqual(['商机：仓储自动化咨询']);
    expect(await stageOf(opportunity.id)).toBe('qualify');

    await app.user.click(within(alert).getByRole('button', { name: '知道了' }));
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
  });

  it('asks for the lost reason before moving to Lost; cancel leaves the card in place', async () => {
    const { app, opportunity, moveWithMenu } = await boardWithOne('仓储自动化咨询');
    const openLost = async () => {
      await moveWithMenu('输单');
      return screen.findByRole('dialog', { name: '标记为输单：仓储自动化咨询' });
    };

    let dialog = await openLost();
    await app.user.click(within(dialog).getByRole('button', { name: '标记输单' }));
    expect(within(dialog).getByText('请填写输单原因')).toBeInTheDocument();
    expect(await stageOf(opportunity.id)).toBe('qualify');
    await app.user.click(within(dialog).getByRole('button', { name: '取消' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
    expect(cardsIn('验证')).toEqual(['商机：仓储自动化咨询']);
    expect(await stageOf(opportunity.id)).toBe('qualify');

    dialog = await openLost();
    await app.user.type(within(dialog).getByRole('textbox', { name: '输单原因' }), '客户预算取消');
    await app.user.click(within(dialog).getByRole('button', { name: '标记输单' }));
    await waitFor(() => expect(cardsIn('输单')).toEqual(['商机：仓储自动化咨询']));
    expect(screen.getByRole('listitem', { name: '商机：仓储自动化咨询' })).toHaveTextContent(
      '输单原因：客户预算取消',
    );
    const events = await app.core.database.stageevents
      .find({ selector: { recordId: opportunity.id } })
      .exec();
    expect(events.map((e) => [e.to, e.reason])).toContainEqual(['lost', '客户预算取消']);
  });
});
