import { screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { CrmCore } from '../../shared/core';
import { renderApp, seedAccount } from '../test/render-app';

let core: CrmCore | undefined;
afterEach(async () => {
  await core?.close();
  core = undefined;
});

const appBar = () => within(screen.getByRole('banner'));

describe('duplicate leads and contacts', () => {
  it('merges a lead being captured into the look-alike lead instead of creating a second', async () => {
    const app = await renderApp();
    core = app.core;
    const existing = await app.api.invoke('leads/create', {
      company: '杭州云帆科技',
      phone: '0571-8888 1234',
    });
    await app.user.click(screen.getByRole('button', { name: '线索看板' }));
    await app.user.click(await screen.findByRole('button', { name: '新建线索' }));
    const capture = await screen.findByRole('dialog', { name: '新建线索' });
    // Pasted, as a rep pastes from a business card scan: one render per field, not per key.
    await app.user.click(within(capture).getByRole('textbox', { name: /公司名称/ }));
    await app.user.paste('杭州云帆科技有限公司');
    await app.user.click(within(capture).getByRole('textbox', { name: '联系人' }));
    await app.user.paste('周敏');
    const warning = await within(capture).findByRole('status');
    await app.user.click(within(warning).getByRole('button', { name: '合并到「杭州云帆科技」' }));

    const confirm = await screen.findByRole('dialog', { name: '合并到「杭州云帆科技」' });
    expect(confirm).toHaveTextContent('不新建线索');
    expect(confirm).toHaveTextContent('联系人周敏');
    await app.user.click(within(confirm).getByRole('button', { name: '补充到「杭州云帆科技」' }));

    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
    expect(await core.database.leads.count().exec()).toBe(1);
    expect((await core.database.leads.findOne(existing.id).exec())?.toJSON()).toMatchObject({
      company: '杭州云帆科技',
      phone: '0571-8888 1234',
      contactName: '周敏',
    });
    // The board's card opens its dialog through the app-wide dialogs.
    await app.user.click(await screen.findByRole('button', { name: '打开「杭州云帆科技」' }));
    expect(await screen.findByRole('dialog', { name: '编辑线索' })).toBeInTheDocument();
  });

  it('warns about the same person at the same account and opens the existing contact', async () => {
    const app = await renderApp();
    core = app.core;
    const { account, contact } = await seedAccount(app.api, '苏州精工机械', '李雷');
    await app.user.click(appBar().getByRole('button', { name: '新建联系人' }));
    const dialog = await screen.findByRole('dialog', { name: '新建联系人' });
    await app.user.type(within(dialog).getByRole('combobox', { name: /所属客户/ }), '苏州');
    await app.user.click(await screen.findByRole('option', { name: account.name }));
    await app.user.type(within(dialog).getByRole('textbox', { name: /姓名/ }), '李 雷');

    const warning = await within(dialog).findByRole('status');
    expect(warning).toHaveTextContent('可能已经有这个联系人');
    expect(warning).toHaveTextContent('李雷（苏州精工机械） — 同一客户下同名');
    await app.user.click(
      within(warning).getByRole('button', { name: '打开「李雷（苏州精工机械）」' }),
    );
    const opened = await screen.findByRole('dialog', { name: '编辑联系人' });
    expect(within(opened).getByRole('textbox', { name: /姓名/ })).toHaveValue(contact.name);
    expect(await core.database.contacts.count().exec()).toBe(1);
  });
});
