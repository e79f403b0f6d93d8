import { screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CrmCore } from '../../shared/core';
import { renderApp, testClock } from '../test/render-app';
import { insertUnjudged } from '../../shared/core/test-support';

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
const newLeads = () => screen.getByRole('region', { name: '新线索' });

/** The leads board with three of my leads (two 40 days old) and one a colleague's, all in New. */
async function boardWithLeads() {
  const clock = testClock(Date.now() - 40 * DAY);
  const app = await renderApp({ now: clock.now });
  core = app.core;
  await app.api.invoke('leads/create', { company: '苏州精工机械有限公司' });
  await app.api.invoke('leads/create', { company: '无锡华光电子' });
  clock.set(Date.now());
  await app.api.invoke('leads/create', { company: '杭州云启科技' });
  // A colleague's lead, as sync would bring it in.
  await insertUnjudged(app.core.database, 'leads', {
    id: 'lead-li-1',
    createdAt: Date.now(),
    updatedAt: Date.now(),
    ownerId: 'user-li',
    ownerName: '李娜',
    archived: false,
    stage: 'new',
    stageEnteredAt: Date.now(),
    company: '宁波港城物流',
  });
  await app.user.click(screen.getByRole('button', { name: '线索看板' }));
  await waitFor(() => expect(within(newLeads()).getByLabelText('4 条线索')).toBeInTheDocument());
  return app;
}

describe('board tools on the leads board', () => {
  it('filters by owner: the column count and "showing" follow, a chip shows it, Clear all undoes it', async () => {
    const app = await boardWithLeads();
    expect(screen.getByTestId('board-showing')).toHaveTextContent('共 4 项');

    await app.user.click(screen.getByRole('button', { name: '筛选' }));
    const form = await screen.findByRole('dialog', { name: '筛选卡片' });
    await app.user.click(within(form).getByRole('combobox', { name: '负责人' }));
    await app.user.click(await screen.findByRole('option', { name: '李娜' }));
    await app.user.keyboard('{Escape}');
    await app.user.keyboard('{Escape}');

    await waitFor(() =>
      expect(within(newLeads()).getByLabelText('显示 1 项，本阶段共 4 项')).toHaveTextContent('1'),
    );
    expect(
      within(newLeads())
        .getAllByRole('listitem')
        .map((i) => i.getAttribute('aria-label')),
    ).toEqual(['线索：宁波港城物流']);
    expect(screen.getByTestId('board-showing')).toHaveTextContent('显示 1 项，共 4 项');
    expect(screen.getByRole('button', { name: '负责人：李娜' })).toBeInTheDocument();
    await app.user.click(screen.getByRole('button', { name: '清除全部筛选' }));
    await waitFor(() => expect(within(newLeads()).getByLabelText('4 条线索')).toBeInTheDocument());
    expect(screen.queryByRole('button', { name: '负责人：李娜' })).not.toBeInTheDocument();
  });

  it('warns when a column holds more than its WIP limit, and clears the limit', async () => {
    const app = await boardWithLeads();
    await app.user.click(within(newLeads()).getByRole('button', { name: '「新线索」列设置' }));
    await app.user.click(screen.getByRole('menuitem', { name: '设置在制上限…' }));
    const dialog = screen.getByRole('dialog', { name: '「新线索」的在制上限' });
    const field = within(dialog).getByRole('textbox', { name: '最多卡片数' });
    await app.user.type(field, '0');
    await app.user.click(within(dialog).getByRole('button', { name: '保存' }));
    expect(within(dialog).getByText('请输入 1 到 9999 之间的整数')).toBeInTheDocument();
    await app.user.clear(field);
    await app.user.type(field, '3');
    await app.user.click(within(dialog).getByRole('button', { name: '保存' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());

    const warning = await within(newLeads()).findByLabelText(
      '超出在制上限：本阶段 4 项，上限 3 项（多 1 项）',
    );
    expect(warning).toHaveTextContent('4 / 3');
    expect(newLeads()).toHaveAttribute('data-wip-over', 'true');
    // Kept for this board on this device.
    expect(window.localStorage.getItem('ltc.board.leads.wip')).toBe('{"new":3}');

    await app.user.click(within(newLeads()).getByRole('button', { name: '「新线索」列设置' }));
    await app.user.click(screen.getByRole('menuitem', { name: '清除在制上限' }));
    await waitFor(() => expect(newLeads()).not.toHaveAttribute('data-wip-over'));
    expect(within(newLeads()).getByLabelText('4 条线索')).toHaveTextContent('4');
  });

  it('highlights cards longer in their stage than the threshold, which the toolbar sets', async () => {
    const app = await boardWithLeads();
    const aged = () =>
      within(newLeads())
        .queryAllByLabelText(/^在本阶段已停留 40 天，超过 \d+ 天$/)
        .map((mark) => mark.closest('[data-lead-id]')?.getAttribute('aria-label'));
    expect(aged().sort()).toEqual(['线索：无锡华光电子', '线索：苏州精工机械有限公司']);

    await app.user.click(screen.getByRole('combobox', { name: '停留超过' }));
    await app.user.click(await screen.findByRole('option', { name: '45 天' }));
    await waitFor(() => expect(aged()).toEqual([]));
    expect(window.localStorage.getItem('ltc.board.leads.agingDays')).toBe('45');
  });
});
