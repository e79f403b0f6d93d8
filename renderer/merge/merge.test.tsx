import { screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { CrmCore } from '../../shared/core';
import { renderApp, type RenderedApp } from '../test/render-app';

let core: CrmCore | undefined;
afterEach(async () => {
  await core?.close();
  core = undefined;
});

async function start(language: 'zh-CN' | 'en' = 'zh-CN'): Promise<RenderedApp> {
  const app = await renderApp({ language });
  core = app.core;
  return app;
}

/** A quick-search result, by the start of its text (its title; the subtitle follows). */
const optionStartingWith = (title: string) =>
  waitFor(() => {
    const option = screen.getAllByRole('option').find((o) => o.textContent?.startsWith(title));
    expect(option).toBeDefined();
    return option!;
  });
const appBar = () => within(screen.getByRole('banner'));
const stored = async (id: string) => (await core!.database.accounts.findOne(id).exec())?.toJSON();

describe('duplicate accounts', () => {
  it('warns while a look-alike account is typed; Merge fills its blanks instead of creating one', async () => {
    const app = await start();
    const existing = await app.api.invoke('accounts/create', {
      name: '华为技术有限公司',
      phone: '0755-28780808',
    });
    await app.user.click(appBar().getByRole('button', { name: '新建客户' }));
    const dialog = await screen.findByRole('dialog', { name: '新建客户' });
    await app.user.type(within(dialog).getByRole('textbox', { name: /客户名称/ }), '华为技术');
    await app.user.type(within(dialog).getByRole('textbox', { name: '电话' }), '0755 2878 0808');
    await app.user.type(within(dialog).getByRole('textbox', { name: '网站' }), 'huawei.com');

    const warning = await within(dialog).findByRole('status');
    expect(warning).toHaveTextContent('可能已经有这个客户');
    expect(warning).toHaveTextContent('华为技术有限公司 — 名称相同、电话相同');
    await app.user.click(
      within(warning).getByRole('button', { name: '合并到「华为技术有限公司」' }),
    );

    const confirm = await screen.findByRole('dialog', { name: '合并到「华为技术有限公司」' });
    expect(confirm).toHaveTextContent('不新建客户');
    expect(confirm).toHaveTextContent('将补充到「华为技术有限公司」网站huawei.com');
    // The phone both have (typed differently) is no change: nothing listed as kept or dropped.
    expect(confirm).not.toHaveTextContent('不采用');
    await app.user.click(
      within(confirm).getByRole('button', { name: '补充到「华为技术有限公司」' }),
    );

    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
    expect(await screen.findByText('已把 1 项补充到「华为技术有限公司」')).toBeInTheDocument();
    expect(await core!.database.accounts.count().exec()).toBe(1);
    expect(await stored(existing.id)).toMatchObject({
      phone: '0755-28780808',
      website: 'huawei.com',
    });
  });

  it('merges an edited account into its look-alike: deals move, the source says where it went', async () => {
    const app = await start();
    const target = await app.api.invoke('accounts/create', { name: '华为技术有限公司' });
    const source = await app.api.invoke('accounts/create', {
      name: '华为技术(深圳)',
      industry: '通信设备',
    });
    const deal = await app.api.invoke('opportunities/create', {
      title: '深圳园区网络',
      accountId: source.id,
    });

    await app.user.click(screen.getByRole('combobox', { name: /搜索客户/ }));
    await app.user.keyboard('深圳');
    await app.user.click(await optionStartingWith('华为技术(深圳)'));
    const dialog = await screen.findByRole('dialog', { name: '编辑客户' });
    const warning = await within(dialog).findByRole('status');
    await app.user.click(
      within(warning).getByRole('button', { name: '合并到「华为技术有限公司」' }),
    );

    const confirm = await screen.findByRole('dialog', { name: '合并到「华为技术有限公司」' });
    expect(await within(confirm).findByText('1 个商机')).toBeInTheDocument();
    expect(confirm).toHaveTextContent('行业通信设备');
    expect(confirm).toHaveTextContent('然后「华为技术(深圳)」归档');
    await app.user.click(within(confirm).getByRole('button', { name: '合并' }));

    // The target opens, with the merged account in its trail.
    const merged = await screen.findByRole('dialog', { name: '编辑客户' });
    await waitFor(() =>
      expect(within(merged).getByRole('textbox', { name: /客户名称/ })).toHaveValue(
        '华为技术有限公司',
      ),
    );
    expect(
      screen.getByText('已把「华为技术(深圳)」合并到「华为技术有限公司」'),
    ).toBeInTheDocument();
    expect((await core!.database.opportunities.findOne(deal.id).exec())?.accountId).toBe(target.id);
    expect(await stored(source.id)).toMatchObject({ archived: true, mergedInto: target.id });
    expect(await stored(target.id)).toMatchObject({ industry: '通信设备' });

    await app.user.click(await within(merged).findByRole('button', { name: '华为技术(深圳)' }));
    const archived = await screen.findByText('这条客户已合并到「华为技术有限公司」，并已归档。');
    expect(archived).toBeInTheDocument();
  });

  it('explains a refused merge in merge words (the target was merged away meanwhile), in English', async () => {
    const app = await start('en');
    const target = await app.api.invoke('accounts/create', {
      name: 'Acme Ltd',
      phone: '021-5555 0000',
    });
    const source = await app.api.invoke('accounts/create', { name: 'Acme' });
    await app.user.click(screen.getByRole('combobox', { name: /Search accounts/ }));
    await app.user.keyboard('Acme');
    await app.user.click(await optionStartingWith('Acme'));
    const dialog = await screen.findByRole('dialog', { name: 'Edit account' });
    const warning = await within(dialog).findByRole('status');
    expect(warning).toHaveTextContent('Acme Ltd — same name');
    // Meanwhile (another window, a sync) the look-alike itself was merged elsewhere.
    const third = await app.api.invoke('accounts/create', { name: 'Acme Group' });
    await app.api.invoke('accounts/merge', { sourceId: target.id, targetId: third.id });
    await app.user.click(within(warning).getByRole('button', { name: 'Merge into “Acme Ltd”' }));
    const confirm = await screen.findByRole('dialog', { name: 'Merge into “Acme Ltd”' });
    expect(await within(confirm).findByRole('alert')).toHaveTextContent(
      'The record to keep is archived or was merged elsewhere; nothing can be merged into it.',
    );
    expect(within(confirm).getByRole('button', { name: 'Merge' })).toBeDisabled();
    expect(await stored(source.id)).toMatchObject({ archived: false });
  });
});
