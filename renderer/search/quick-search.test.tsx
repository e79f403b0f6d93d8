import { screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { CrmCore } from '../../shared/core';
import { renderApp, seedAccount } from '../test/render-app';
import { insertLeadUnjudged } from '../../shared/core/test-support';

let core: CrmCore | undefined;
afterEach(async () => {
  await core?.close();
  core = undefined;
});

/** The options of the open result list, as their text reads. */
async function optionsUntil(name: string, has: string): Promise<HTMLElement[]> {
  const results = await screen.findByRole('listbox', { name });
  return await waitFor(() => {
    const options = within(results).getAllByRole('option');
    expect(options.some((o) => o.textContent?.includes(has))).toBe(true);
    return options;
  });
}

const searchBox = () => screen.getByRole('combobox', { name: /搜索客户|Search accounts/ });

describe('quick search', () => {
  it('finds 华为技术 by typing "hw" after Ctrl+K, and Enter opens its dialog', async () => {
    const app = await renderApp();
    core = app.core;
    const { account } = await seedAccount(app.api, '华为技术', '张伟');
    await app.api.invoke('opportunities/create', {
      title: '华为云迁移',
      accountId: account.id,
      amount: { minor: 12_000_000, currency: 'CNY' },
    });
    await seedAccount(app.api, '中兴通讯', '李娜');

    await app.user.keyboard('{Control>}k{/Control}');
    expect(searchBox()).toHaveFocus();
    await app.user.keyboard('hw');
    const options = await optionsUntil('搜索结果', '华为云迁移');
    const results = screen.getByRole('listbox', { name: '搜索结果' });
    expect(options.map((o) => o.textContent)).toEqual([
      '华为技术',
      '华为云迁移华为技术 · ¥120,000.00',
    ]);
    // The matched characters are marked.
    expect(within(options[0]!).getByText('华为', { selector: 'mark' })).toBeInTheDocument();
    expect(within(results).getByText('客户')).toBeInTheDocument();
    expect(within(results).getByText('商机')).toBeInTheDocument();

    await app.user.keyboard('{Enter}');
    const dialog = await screen.findByRole('dialog', { name: '编辑客户' });
    expect(within(dialog).getByRole('textbox', { name: /客户名称/ })).toHaveValue('华为技术');
  });

  it('opens an opportunity or a lead from a click on any screen, and "/" focuses it, in English', async () => {
    const app = await renderApp({ language: 'en' });
    core = app.core;
    const { account } = await seedAccount(app.api, '重庆银行', '王芳');
    await app.api.invoke('opportunities/create', { title: '重庆 ERP', accountId: account.id });
    const at = Date.now();
    await insertLeadUnjudged(core.database, '重庆钢铁', {
      createdAt: at,
      updatedAt: at,
      stageEnteredAt: at,
    });

    await app.user.keyboard('/');
    expect(searchBox()).toHaveFocus();
    await app.user.keyboard('chongqing');
    const options = await optionsUntil('Search results', '重庆钢铁');
    const results = screen.getByRole('listbox', { name: 'Search results' });
    const byText = (text: string) => options.find((o) => o.textContent?.startsWith(text))!;
    expect(byText('重庆钢铁')).not.toHaveAttribute('aria-disabled', 'true');
    expect(within(results).getByText('Leads')).toBeInTheDocument();
    await app.user.click(byText('重庆 ERP'));
    const dialog = await screen.findByRole('dialog', { name: /Edit opportunity|重庆 ERP/ });
    expect(within(dialog).getByRole('textbox', { name: /Title|Opportunity/ })).toHaveValue(
      '重庆 ERP',
    );
    await app.user.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());

    // A lead opens its own dialog from the opportunity board too (the dialogs are global).
    await app.user.click(searchBox());
    await app.user.keyboard('cqgt');
    const leads = await optionsUntil('Search results', '重庆钢铁');
    await app.user.click(leads.find((o) => o.textContent?.startsWith('重庆钢铁'))!);
    const leadDialog = await screen.findByRole('dialog', { name: 'Edit lead' });
    expect(within(leadDialog).getByRole('textbox', { name: /Company/ })).toHaveValue('重庆钢铁');
  });
});
