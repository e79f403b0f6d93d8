import { screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { CrmErrorData } from '../../shared/api';
import type { CrmCore } from '../../shared/core';
import { cardsIn, column, renderApp, seedAccount } from '../test/render-app';
import { crmErrorText } from './error-text';
import { createI18n, initialLanguage } from './i18n';

let core: CrmCore | undefined;
afterEach(async () => {
  await core?.close();
  core = undefined;
});

describe('language', () => {
  it('switches every text, the money and date formats and <html lang>, and remembers the choice', async () => {
    const app = await renderApp({ language: 'zh-CN' });
    core = app.core;
    const { account } = await seedAccount(app.api);
    await app.api.invoke('opportunities/create', {
      title: '数控机床产线改造',
      accountId: account.id,
      amount: { minor: 128_000_000, currency: 'CNY' },
      expectedClose: '2027-03-31',
    });
    await waitFor(() => expect(cardsIn('验证')).toHaveLength(1));
    expect(document.documentElement.lang).toBe('zh-CN');
    expect(screen.getByRole('heading', { name: '商机看板' })).toBeInTheDocument();

    await app.user.click(screen.getByRole('button', { name: 'English' }));

    expect(screen.getByRole('heading', { name: 'Opportunity board' })).toBeInTheDocument();
    expect(
      within(screen.getByRole('banner')).getByRole('button', { name: 'New opportunity' }),
    ).toBeInTheDocument();
    expect(within(column('Qualify')).getByText('Win rate').nextElementSibling).toHaveTextContent(
      '10%',
    );
    const card = screen.getByRole('listitem', { name: 'Opportunity: 数控机床产线改造' });
    expect(card).toHaveTextContent('CN¥1,280,000.00');
    expect(card).toHaveTextContent('Closes Mar 31, 2027');
    expect(card).toHaveTextContent('OwnerMe');
    expect(screen.queryByText(/商机看板|验证|负责人/)).not.toBeInTheDocument();
    expect(document.documentElement.lang).toBe('en');
    expect(localStorage.getItem('ltcdesk.language')).toBe('en');
    expect(initialLanguage()).toBe('en');

    await app.user.click(screen.getByRole('button', { name: '简体中文' }));
    expect(screen.getByRole('heading', { name: '商机看板' })).toBeInTheDocument();
    expect(screen.getByRole('listitem', { name: '商机：数控机床产线改造' })).toHaveTextContent(
      '¥1,280,000.00',
    );
    expect(document.documentElement.lang).toBe('zh-CN');
    expect(initialLanguage()).toBe('zh-CN');
  });

  it('starts in the saved language, else English for an English system, else zh-CN', () => {
    localStorage.setItem('ltcdesk.language', 'zh-CN');
    expect(initialLanguage()).toBe('zh-CN');
    localStorage.removeItem('ltcdesk.language');
    // jsdom's navigator.language is en-US.
    expect(navigator.language).toMatch(/^en/);
    expect(initialLanguage()).toBe('en');
  });
});

describe('error messages', () => {
  const zh = createI18n('zh-CN').t;
  const en = createI18n('en').t;
  const label = (t: typeof zh) => (field: string) =>
    field === 'title' || field === 'accountId' ? t(`fields.opportunity.${field}`) : undefined;

  it('turns every CrmErrorData into catalog text, never the developer message', () => {
    const errors: [CrmErrorData, string, string][] = [
      [
        {
          type: 'GateBlocked',
          message: 'x',
          phase: 'opportunity',
          from: 'qualify',
          to: 'proposal',
          missing: ['amount', 'expectedClose', 'contactId'],
        },
        '进入「投标报价」前还缺：需要填写金额、需要预计成交日期、需要联系人',
        'Before it can enter Proposal, it needs: An amount, An expected close date, A contact',
      ],
      [
        {
          type: 'TransitionNotAllowed',
          message: 'x',
          phase: 'opportunity',
          from: 'won',
          to: 'qualify',
          reason: 'fromTerminal',
        },
        '「赢单」是结束阶段，不能直接移到「验证」。',
        'Won is a closing stage; it cannot move to Qualify.',
      ],
      [
        {
          type: 'TransitionNotAllowed',
          message: 'x',
          phase: 'opportunity',
          from: 'lost',
          to: 'proposal',
          reason: 'fromTerminal',
        },
        '「输单」是结束阶段，只能重新打开到「验证」。',
        'Lost is a closing stage; it can only be reopened into Qualify.',
      ],
      [
        { type: 'NotFound', message: 'x', entity: 'opportunity', id: '1' },
        '找不到这条商机记录，它可能已被归档或删除。',
        'This opportunity could not be found; it may have been archived or deleted.',
      ],
      [
        { type: 'Merged', message: 'x', entity: 'account', id: '1', mergedInto: '2' },
        '这条客户记录已合并到另一条记录，请在保留的那条上修改。',
        'This account was merged into another record: make the change on the record that was kept.',
      ],
      [
        {
          type: 'ValidationError',
          message: 'x',
          fields: [
            { field: 'title', code: 'required' },
            { field: 'accountId', code: 'required' },
          ],
        },
        '提交的内容有误：请填写商机名称、请选择客户',
        'Some of what was sent is not valid: Opportunity name is required, Account is required: choose one',
      ],
      [
        { type: 'InternalError', message: 'TypeError: x is undefined' },
        '出了点问题，操作没有完成。请重试；如果一直出现，请重新启动应用。',
        'Something went wrong and the change was not made. Try again; if it keeps happening, restart the app.',
      ],
    ];
    for (const [error, zhText, enText] of errors) {
      expect(crmErrorText(zh, error, label(zh))).toBe(zhText);
      expect(crmErrorText(en, error, label(en))).toBe(enText);
    }
  });
});
