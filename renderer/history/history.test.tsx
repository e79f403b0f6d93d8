import { act, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { ReactNode } from 'react';
import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import { afterEach, describe, expect, it } from 'vitest';
import { createCrmClient, createDispatcher, type CrmApi } from '../../shared/api';
import { openCrmCore, type CrmCore } from '../../shared/core';
import type { Language } from '../../shared/i18n';
import { CrmProvider } from '../api/crm-context';
import { AppProviders } from '../app/AppProviders';
import { StageHistory } from '../forms/StageHistory';
import { createI18n } from '../i18n/i18n';
import { LeadMenu } from '../leads/LeadMenu';

/*
 * The drawer as a board card and a dialog use it, on a real core (memory storage, the real
 * dispatcher and client). The components are rendered on their own rather than in the whole app,
 * so these tests do not depend on every board around them.
 */

let core: CrmCore | undefined;
afterEach(async () => {
  await core?.close();
  core = undefined;
});

const MINUTE = 60_000;
const REP = { id: 'user-wang', name: '王小明' };

/** A clock the test moves: the core stamps history with it, so "5 分钟前" is exact. */
function testClock(start: number) {
  let time = start;
  return { now: () => time, set: (at: number) => void (time = at) };
}
let databases = 0;

async function setUp(language: Language, now?: () => number) {
  databases += 1;
  core = await openCrmCore({
    storage: getRxStorageMemory(),
    databaseName: `history-${Date.now().toString(36)}-${databases}`,
    currentUser: REP,
    now,
  });
  const client = createCrmClient(createDispatcher(core.service));
  const api: CrmApi = {
    invoke: ((command, args) => act(() => client.invoke(command, args))) as CrmApi['invoke'],
    subscribe: client.subscribe,
  };
  const i18n = createI18n(language);
  const show = (ui: ReactNode) =>
    render(
      <AppProviders i18n={i18n}>
        <CrmProvider session={{ api, currentUserId: REP.id }}>{ui}</CrmProvider>
      </AppProviders>,
    );
  return { api, show, user: userEvent.setup() };
}

/** The entries of the open drawer's timeline, newest first, as their text. */
function timeline(drawer: HTMLElement): string[] {
  return within(drawer)
    .getAllByRole('listitem')
    .map((item) => item.textContent ?? '');
}

describe('history drawer', () => {
  it('opens from a lead card’s menu with its moves and edits, who and when, live', async () => {
    const clock = testClock(Date.now() - 3 * 60 * MINUTE);
    const { api, show, user } = await setUp('zh-CN', clock.now);
    const lead = await api.invoke('leads/create', {
      company: '苏州精工机械有限公司',
      phone: '0512-1111',
    });
    clock.set(clock.now() + 60 * MINUTE);
    await api.invoke('leads/update', {
      id: lead.id,
      patch: { phone: '0512-2222', source: '展会' },
    });
    clock.set(Date.now() - 5 * MINUTE);
    const moved = await api.invoke('leads/move', { id: lead.id, to: 'contacted' });
    let cardClicks = 0;
    show(
      // A card that opens its dialog on a click outside its action buttons, as the boards' do
      // (LeadCardView): nothing inside the portalled drawer may reach it.
      <div
        onClick={(event) => {
          if (!(event.target as HTMLElement).closest('[data-card-action]')) cardClicks += 1;
        }}
      >
        <LeadMenu card={moved} onMove={() => undefined} onScore={() => undefined} />
      </div>,
    );

    await user.click(screen.getByRole('button', { name: '「苏州精工机械有限公司」的操作' }));
    await user.click(screen.getByRole('menuitem', { name: '历史记录' }));
    const drawer = await screen.findByRole('dialog', { name: '历史记录' });
    expect(within(drawer).getByText('线索 · 苏州精工机械有限公司')).toBeInTheDocument();
    await waitFor(() => expect(timeline(drawer)).toHaveLength(3));
    expect(timeline(drawer)).toEqual([
      '新线索 → 已联系我 · 5分钟前',
      '修改了 2 个字段电话：0512-1111 → 0512-2222来源：（空） → 展会我 · 2小时前',
      '创建，进入「新线索」我 · 3小时前',
    ]);
    // The exact time is there too, for a tooltip.
    expect(drawer.querySelector('time')?.getAttribute('title')).toMatch(
      /\d{4}年\d{1,2}月\d{1,2}日/,
    );

    // Live: an edit made while the drawer is open appears on top.
    clock.set(Date.now());
    await api.invoke('leads/update', { id: lead.id, patch: { contactName: '陈静' } });
    await waitFor(() => expect(timeline(drawer)[0]).toBe('联系人：（空） → 陈静我 · 刚刚'));

    await user.click(within(drawer).getByRole('button', { name: '关闭历史记录' }));
    await waitFor(() => expect(screen.queryByRole('dialog', { name: '历史记录' })).toBeNull());
    expect(cardClicks).toBe(0);
  });

  it('shows an amount change as money and the account by name, in English, from the dialog', async () => {
    const { api, show, user } = await setUp('en');
    const huawei = await api.invoke('accounts/create', { name: 'Huawei' });
    const zte = await api.invoke('accounts/create', { name: 'ZTE' });
    const deal = await api.invoke('opportunities/create', {
      title: 'CNC line retrofit',
      accountId: huawei.id,
      amount: { minor: 1_000_000, currency: 'CNY' },
    });
    await api.invoke('opportunities/update', {
      id: deal.id,
      patch: { amount: { minor: 1_200_000, currency: 'CNY' }, accountId: zte.id },
    });
    show(<StageHistory recordId={deal.id} title={deal.title} />);

    await user.click(screen.getByRole('button', { name: 'Full history' }));
    const drawer = await screen.findByRole('dialog', { name: 'History' });
    expect(within(drawer).getByText('Opportunity · CNC line retrofit')).toBeInTheDocument();
    await waitFor(() =>
      expect(timeline(drawer)).toEqual([
        'Changed 2 fieldsAccount: Huawei → ZTEAmount: CN¥10,000.00 → CN¥12,000.00Me · just now',
        'Created in QualifyMe · just now',
      ]),
    );
  });
});
