import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { CrmCore } from '../../shared/core';
import { renderApp, REP, seedAccount, type RenderedApp } from '../test/render-app';
import { dayBounds, localIsoDate } from './local-day';

let core: CrmCore | undefined;
afterEach(async () => {
  await core?.close();
  core = undefined;
});

async function start(): Promise<RenderedApp> {
  const app = await renderApp();
  core = app.core;
  return app;
}

const helperOf = (field: HTMLElement) => {
  const id = field.getAttribute('aria-describedby');
  return id ? document.getElementById(id.split(' ')[0]!)?.textContent : undefined;
};

const section = (name: string) => screen.getByRole('region', { name: new RegExp(`^${name} ·`) });
const subjectsIn = (name: string) =>
  within(section(name))
    .getAllByRole('listitem')
    .map((item) => item.getAttribute('aria-label'));

describe('My day', () => {
  it('adds a visit for today on a deal from My day, lists it after what is overdue, and checks it off', async () => {
    const app = await start();
    const { account } = await seedAccount(app.api);
    const deal = await app.api.invoke('opportunities/create', {
      title: 'ERP 实施',
      accountId: account.id,
    });
    const today = dayBounds(localIsoDate(Date.now()));
    await app.api.invoke('activities/create', {
      kind: 'call',
      subject: '回电确认预算',
      recordType: 'account',
      recordId: account.id,
      dueAt: today.dayStart - 60_000,
    });

    await app.user.click(screen.getByRole('button', { name: '我的一天' }));
    expect(await screen.findByRole('heading', { name: '我的一天' })).toBeInTheDocument();
    await waitFor(() => expect(subjectsIn('已逾期')).toEqual(['回电确认预算']));

    await app.user.click(screen.getByRole('button', { name: '添加拜访或跟进' }));
    const dialog = await screen.findByRole('dialog', { name: '新建活动' });
    // Nothing typed: each missing field is named, and nothing is written.
    await app.user.click(within(dialog).getByRole('button', { name: '创建' }));
    expect(helperOf(within(dialog).getByRole('textbox', { name: '主题' }))).toBe('请填写主题');
    expect(helperOf(within(dialog).getByRole('combobox', { name: '关联记录' }))).toBe(
      '请选择关联记录',
    );
    expect(await app.core.database.activities.count().exec()).toBe(1);

    expect(within(dialog).getByRole('button', { name: '拜访' })).toHaveAttribute(
      'aria-pressed',
      'true',
    );
    await app.user.type(within(dialog).getByRole('textbox', { name: '主题' }), '拜访张总');
    await app.user.type(within(dialog).getByRole('combobox', { name: '关联记录' }), 'ERP');
    await app.user.click(await screen.findByRole('option', { name: '商机 · ERP 实施' }));
    expect(within(dialog).getByLabelText('日期')).toHaveValue(localIsoDate(Date.now()));
    // jsdom's time input takes a whole value, not keystrokes.
    fireEvent.change(within(dialog).getByLabelText('时间'), { target: { value: '10:30' } });
    await app.user.click(within(dialog).getByRole('button', { name: '创建' }));
    await waitFor(() => expect(dialog).not.toBeInTheDocument());

    await waitFor(() => expect(subjectsIn('当天日程')).toEqual(['拜访张总']));
    const visit = within(section('当天日程')).getByRole('listitem', { name: '拜访张总' });
    expect(within(visit).getByText('10:30')).toBeInTheDocument();
    expect(within(visit).getByRole('button', { name: '打开商机「ERP 实施」' })).toBeInTheDocument();
    const stored = await app.core.database.activities
      .findOne({ selector: { subject: '拜访张总' } })
      .exec();
    expect(stored?.toJSON()).toMatchObject({
      kind: 'visit',
      recordType: 'opportunity',
      recordId: deal.id,
      dueAt: new Date(`${localIsoDate(Date.now())}T10:30`).getTime(),
      done: false,
    });

    await app.user.click(
      within(visit).getByRole('checkbox', { name: '将「拜访张总」标记为已完成' }),
    );
    await waitFor(() => expect(subjectsIn('已完成')).toEqual(['拜访张总']));
    expect(screen.queryByRole('region', { name: /^当天日程 ·/ })).not.toBeInTheDocument();
    const done = within(section('已完成')).getByRole('listitem', { name: '拜访张总' });
    expect(within(done).getByRole('checkbox')).toBeChecked();
    expect(within(done).getByRole('button', { name: '编辑「拜访张总」' })).toHaveStyle({
      textDecoration: 'line-through',
    });
  });

  it('opens the record an item is about, and moves between days', async () => {
    const app = await start();
    const { account } = await seedAccount(app.api);
    const deal = await app.api.invoke('opportunities/create', {
      title: 'ERP 实施',
      accountId: account.id,
    });
    const today = dayBounds(localIsoDate(Date.now()));
    const seed = (subject: string, dueAt: number, recordType: 'account' | 'opportunity') =>
      app.api.invoke('activities/create', {
        kind: 'visit',
        subject,
        recordType,
        recordId: recordType === 'account' ? account.id : deal.id,
        dueAt,
      });
    await seed('昨晚的电话', today.dayStart - 60_000, 'account');
    await seed('拜访张总', today.dayStart + 10 * 60 * 60_000, 'opportunity');

    await app.user.click(screen.getByRole('button', { name: '我的一天' }));
    await waitFor(() => expect(subjectsIn('当天日程')).toEqual(['拜访张总']));
    const visit = within(section('当天日程')).getByRole('listitem', { name: '拜访张总' });
    await app.user.click(within(visit).getByRole('button', { name: '打开商机「ERP 实施」' }));
    const dealDialog = await screen.findByRole('dialog', { name: '编辑商机' });
    const activities = within(dealDialog).getByRole('region', { name: '活动与跟进' });
    expect(
      await within(activities).findByRole('listitem', { name: '拜访张总' }),
    ).toBeInTheDocument();
    await app.user.click(within(dealDialog).getByRole('button', { name: '取消' }));

    // Yesterday, the call was on the day; tomorrow, what is not done is still overdue.
    await app.user.click(screen.getByRole('button', { name: '前一天' }));
    await waitFor(() => expect(subjectsIn('当天日程')).toEqual(['昨晚的电话']));
    await app.user.click(screen.getByRole('button', { name: '后一天' }));
    await app.user.click(screen.getByRole('button', { name: '后一天' }));
    await waitFor(() => expect(subjectsIn('已逾期')).toEqual(['昨晚的电话', '拜访张总']));
    await app.user.click(screen.getByRole('button', { name: '今天' }));
    await waitFor(() => expect(subjectsIn('已逾期')).toEqual(['昨晚的电话']));
  });

  it('looks at a colleague’s day: picked by name, without the add button, and back to mine', async () => {
    const app = await start();
    const { account } = await seedAccount(app.api);
    const today = dayBounds(localIsoDate(Date.now()));
    const plan = (subject: string) =>
      app.api.invoke('activities/create', {
        kind: 'visit',
        subject,
        recordType: 'account',
        recordId: account.id,
        dueAt: today.dayStart + 9 * 60 * 60_000,
      });
    await plan('我的拜访');
    app.core.setCurrentUser({ id: 'user-li', name: '李娜' });
    await plan('李娜的拜访');
    app.core.setCurrentUser(REP);

    await app.user.click(screen.getByRole('button', { name: '我的一天' }));
    await waitFor(() => expect(subjectsIn('当天日程')).toEqual(['我的拜访']));
    await app.user.click(screen.getByRole('combobox', { name: '查看谁的日程' }));
    await app.user.click(await screen.findByRole('option', { name: '李娜' }));

    expect(await screen.findByRole('heading', { name: '李娜的一天' })).toBeInTheDocument();
    await waitFor(() => expect(subjectsIn('当天日程')).toEqual(['李娜的拜访']));
    expect(screen.queryByRole('button', { name: '添加拜访或跟进' })).toBeNull();

    await app.user.click(screen.getByRole('combobox', { name: '查看谁的日程' }));
    await app.user.click(await screen.findByRole('option', { name: '我（王小明）' }));
    await waitFor(() => expect(subjectsIn('当天日程')).toEqual(['我的拜访']));
    expect(screen.getByRole('button', { name: '添加拜访或跟进' })).toBeInTheDocument();
  });

  it('logs a visit from the opportunity dialog', async () => {
    const app = await start();
    const { account } = await seedAccount(app.api);
    await app.api.invoke('opportunities/create', { title: 'MES 升级', accountId: account.id });
    await app.user.click(await screen.findByRole('button', { name: '打开「MES 升级」' }));
    const dealDialog = await screen.findByRole('dialog', { name: '编辑商机' });
    const activities = within(dealDialog).getByRole('region', { name: '活动与跟进' });
    await app.user.click(within(activities).getByRole('button', { name: '记录拜访' }));
    const dialog = await screen.findByRole('dialog', { name: '新建活动' });
    expect(within(dialog).getByText('关于：MES 升级')).toBeInTheDocument();
    await app.user.type(within(dialog).getByRole('textbox', { name: '主题' }), '现场演示');
    await app.user.click(within(dialog).getByRole('button', { name: '创建' }));
    await waitFor(() => expect(dialog).not.toBeInTheDocument());
    expect(
      await within(activities).findByRole('listitem', { name: '现场演示' }),
    ).toBeInTheDocument();
    // The deal's own dialog is still open: logging the visit did not submit it.
    expect(screen.getByRole('dialog', { name: '编辑商机' })).toBeInTheDocument();
  });
});
