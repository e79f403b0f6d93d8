import { act, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { CrmCore } from '../../shared/core';
import { cardsIn, renderApp, seedAccount, type RenderedApp } from '../test/render-app';
import { writeUnjudged } from '../../shared/core/rulebook';

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

/** The app bar's buttons: an empty board offers "New opportunity" too. */
const appBar = () => within(screen.getByRole('banner'));

/** Types into a record picker and chooses the named option, as a person does. */
async function pick(app: RenderedApp, combobox: HTMLElement, typed: string, option: string) {
  if (typed) await app.user.type(combobox, typed);
  else await app.user.click(combobox);
  await app.user.click(await screen.findByRole('option', { name: option }));
}

const helperOf = (field: HTMLElement) => {
  const id = field.getAttribute('aria-describedby');
  return id ? document.getElementById(id.split(' ')[0]!)?.textContent : undefined;
};

describe('record dialogs', () => {
  it('names every invalid field in the create-opportunity dialog, writes nothing and keeps what was typed', async () => {
    const app = await start();
    await app.user.click(appBar().getByRole('button', { name: '新建商机' }));
    const dialog = await screen.findByRole('dialog', { name: '新建商机' });
    const amount = within(dialog).getByRole('textbox', { name: '金额' });
    await app.user.type(amount, '12,34x');
    await app.user.type(
      within(dialog).getByRole('textbox', { name: '描述' }),
      '客户希望年底前上线',
    );
    await app.user.click(within(dialog).getByRole('button', { name: '创建' }));

    expect(within(dialog).getByText('有 3 项需要修正')).toBeInTheDocument();
    expect(helperOf(within(dialog).getByRole('textbox', { name: '商机名称' }))).toBe(
      '请填写商机名称',
    );
    expect(helperOf(within(dialog).getByRole('combobox', { name: '客户' }))).toBe('请选择客户');
    expect(helperOf(amount)).toBe('请输入有效金额，如 12,345.67');
    expect(within(dialog).getByRole('textbox', { name: '商机名称' })).toHaveAttribute(
      'aria-invalid',
      'true',
    );
    await waitFor(() =>
      expect(within(dialog).getByRole('textbox', { name: '商机名称' })).toHaveFocus(),
    );
    expect(amount).toHaveValue('12,34x');
    expect(within(dialog).getByRole('textbox', { name: '描述' })).toHaveValue('客户希望年底前上线');
    expect(await core!.database.opportunities.count().exec()).toBe(0);

    // Fixing a field clears its message as the person types.
    await app.user.type(
      within(dialog).getByRole('textbox', { name: '商机名称' }),
      '数控机床产线改造',
    );
    expect(within(dialog).getByText('有 2 项需要修正')).toBeInTheDocument();
    expect(helperOf(within(dialog).getByRole('textbox', { name: '商机名称' }))).toBeFalsy();
  });

  it('creates an account, a contact and an opportunity from the app bar; the card lands in the first column', async () => {
    const app = await start();
    await app.user.click(appBar().getByRole('button', { name: '新建客户' }));
    let dialog = await screen.findByRole('dialog', { name: '新建客户' });
    await app.user.type(within(dialog).getByRole('textbox', { name: '客户名称' }), '杭州云帆科技');
    await app.user.type(within(dialog).getByRole('textbox', { name: '行业' }), '软件');
    await app.user.click(within(dialog).getByRole('button', { name: '创建' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());

    await app.user.click(appBar().getByRole('button', { name: '新建联系人' }));
    dialog = await screen.findByRole('dialog', { name: '新建联系人' });
    await pick(
      app,
      within(dialog).getByRole('combobox', { name: '所属客户' }),
      '云帆',
      '杭州云帆科技',
    );
    await app.user.type(within(dialog).getByRole('textbox', { name: '姓名' }), '李娜');
    await app.user.type(within(dialog).getByRole('textbox', { name: '邮箱' }), 'lina@');
    await app.user.click(within(dialog).getByRole('button', { name: '创建' }));
    expect(helperOf(within(dialog).getByRole('textbox', { name: '邮箱' }))).toBe(
      '请输入有效的邮箱地址，如 name@example.com',
    );
    expect(await core!.database.contacts.count().exec()).toBe(0);
    await app.user.type(within(dialog).getByRole('textbox', { name: '邮箱' }), 'yunfan.cn');
    await app.user.click(within(dialog).getByRole('button', { name: '创建' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());

    await app.user.click(appBar().getByRole('button', { name: '新建商机' }));
    dialog = await screen.findByRole('dialog', { name: '新建商机' });
    await app.user.type(within(dialog).getByRole('textbox', { name: '商机名称' }), 'ERP 二期实施');
    await pick(app, within(dialog).getByRole('combobox', { name: '客户' }), '杭州', '杭州云帆科技');
    await pick(app, within(dialog).getByRole('combobox', { name: '联系人' }), '', '李娜');
    // Full-width digits and a full-width comma, as a Chinese IME types them.
    await app.user.type(within(dialog).getByRole('textbox', { name: '金额' }), '１２，３４５.６７');
    await app.user.click(within(dialog).getByRole('button', { name: '创建' }));

    await waitFor(() => expect(cardsIn('验证')).toEqual(['商机：ERP 二期实施']));
    const card = screen.getByRole('listitem', { name: '商机：ERP 二期实施' });
    expect(card).toHaveTextContent('杭州云帆科技');
    expect(card).toHaveTextContent('¥12,345.67');
    const [saved] = await core!.database.opportunities.find().exec();
    expect(saved?.toJSON()).toMatchObject({
      amount: { minor: 1_234_567, currency: 'CNY' },
      stage: 'qualify',
    });
    const contact = await core!.database.contacts.findOne({ selector: { name: '李娜' } }).exec();
    expect(contact?.email).toBe('lina@yunfan.cn');
    expect(saved?.contactId).toBe(contact?.id);
  });

  it('creates the account and contact inline from the opportunity dialog', async () => {
    const app = await start();
    await app.user.click(appBar().getByRole('button', { name: '新建商机' }));
    const dialog = await screen.findByRole('dialog', { name: '新建商机' });
    await app.user.type(within(dialog).getByRole('textbox', { name: '商机名称' }), '年度维保合同');
    await pick(
      app,
      within(dialog).getByRole('combobox', { name: '客户' }),
      '苏州恒通物流',
      '新建客户「苏州恒通物流」',
    );
    const accountDialog = await screen.findByRole('dialog', { name: '新建客户' });
    expect(within(accountDialog).getByRole('textbox', { name: '客户名称' })).toHaveValue(
      '苏州恒通物流',
    );
    await app.user.click(within(accountDialog).getByRole('button', { name: '创建' }));
    await waitFor(() =>
      expect(within(dialog).getByRole('combobox', { name: '客户' })).toHaveValue('苏州恒通物流'),
    );

    await pick(
      app,
      within(dialog).getByRole('combobox', { name: '联系人' }),
      '陈静',
      '新建联系人「陈静」',
    );
    const contactDialog = await screen.findByRole('dialog', { name: '新建联系人' });
    expect(within(contactDialog).getByRole('combobox', { name: '所属客户' })).toHaveValue(
      '苏州恒通物流',
    );
    await app.user.click(within(contactDialog).getByRole('button', { name: '创建' }));
    await waitFor(() =>
      expect(within(dialog).getByRole('combobox', { name: '联系人' })).toHaveValue('陈静'),
    );

    await app.user.click(within(dialog).getByRole('button', { name: '创建' }));
    await waitFor(() => expect(cardsIn('验证')).toEqual(['商机：年度维保合同']));
    const [saved] = await core!.database.opportunities.find().exec();
    const account = await core!.database.accounts.findOne(saved!.accountId).exec();
    const contact = await core!.database.contacts.findOne(saved!.contactId!).exec();
    expect([account?.name, contact?.name, contact?.accountId]).toEqual([
      '苏州恒通物流',
      '陈静',
      account?.id,
    ]);
  });

  it("puts the core's own ValidationError on the field it names", async () => {
    const app = await start();
    const { account } = await seedAccount(app.api, '即将删除的客户');
    await app.user.click(appBar().getByRole('button', { name: '新建联系人' }));
    const dialog = await screen.findByRole('dialog', { name: '新建联系人' });
    await pick(
      app,
      within(dialog).getByRole('combobox', { name: '所属客户' }),
      '即将',
      '即将删除的客户',
    );
    await app.user.type(within(dialog).getByRole('textbox', { name: '姓名' }), '王芳');
    // Gone behind the dialog's back (another window, or sync): only the core can know.
    await act(async () => {
      const doc = (await core!.database.accounts.findOne(account.id).exec())!;
      await writeUnjudged(core!.database, 'accounts', [account.id], () => doc.remove());
    });
    await app.user.click(within(dialog).getByRole('button', { name: '创建' }));

    await waitFor(() =>
      expect(helperOf(within(dialog).getByRole('combobox', { name: '所属客户' }))).toBe(
        '所选所属客户不存在，可能已被删除',
      ),
    );
    expect(within(dialog).getByRole('textbox', { name: '姓名' })).toHaveValue('王芳');
    expect(await core!.database.contacts.count({ selector: { name: '王芳' } }).exec()).toBe(0);
  });

  it('opens a card for editing with its stage history, saves changes and archives after confirmation', async () => {
    const app = await start();
    const { account } = await seedAccount(app.api);
    const opportunity = await app.api.invoke('opportunities/create', {
      title: '数控机床产线改造',
      accountId: account.id,
    });
    await app.api.invoke('opportunities/move', { id: opportunity.id, to: 'solution' });
    await waitFor(() => expect(cardsIn('方案')).toEqual(['商机：数控机床产线改造']));

    await app.user.click(screen.getByRole('button', { name: '打开「数控机床产线改造」' }));
    let dialog = await screen.findByRole('dialog', { name: '编辑商机' });
    const history = within(dialog).getByRole('region', { name: '阶段记录' });
    expect(await within(history).findByText('验证 → 方案')).toBeInTheDocument();
    expect(within(history).getByText('创建，进入「验证」')).toBeInTheDocument();
    expect(within(dialog).getByText('阶段：方案')).toBeInTheDocument();

    const title = within(dialog).getByRole('textbox', { name: '商机名称' });
    await app.user.clear(title);
    await app.user.type(title, '数控机床产线改造（一期）');
    await app.user.click(within(dialog).getByRole('button', { name: '保存' }));
    await waitFor(() => expect(cardsIn('方案')).toEqual(['商机：数控机床产线改造（一期）']));

    await app.user.click(screen.getByRole('button', { name: '打开「数控机床产线改造（一期）」' }));
    dialog = await screen.findByRole('dialog', { name: '编辑商机' });
    await app.user.click(within(dialog).getByRole('button', { name: '归档' }));
    const confirm = await screen.findByRole('dialog', {
      name: '归档「数控机床产线改造（一期）」？',
    });
    await app.user.click(within(confirm).getByRole('button', { name: '取消' }));
    await waitFor(() => expect(confirm).not.toBeInTheDocument());
    expect((await core!.database.opportunities.findOne(opportunity.id).exec())?.archived).toBe(
      false,
    );
    await app.user.click(within(dialog).getByRole('button', { name: '归档' }));
    await app.user.click(
      within(
        await screen.findByRole('dialog', { name: '归档「数控机床产线改造（一期）」？' }),
      ).getByRole('button', {
        name: '归档',
      }),
    );
    await waitFor(() => expect(cardsIn('方案')).toEqual([]));
    expect((await core!.database.opportunities.findOne(opportunity.id).exec())?.archived).toBe(
      true,
    );
  });
});
