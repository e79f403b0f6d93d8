import { cleanup, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { CrmCore } from '../../shared/core';
import type { Role, SyncUser } from '../../shared/sync/protocol';
import { UserAdminError, type SyncAccount } from '../../shared/sync/types';
import { InMemorySyncEngine } from '../test/in-memory-sync-engine';
import { renderApp } from '../test/render-app';

let core: CrmCore | undefined;
afterEach(async () => {
  await core?.close();
  core = undefined;
});

const ORG = { orgId: 'org-1', orgName: '华东销售部', firmCode: 'HD7K3Q' };

const user = (id: string, username: string, name: string, role: Role, disabled = false) =>
  ({ id, username, name, role, disabled, ...ORG }) satisfies SyncUser;

const ZHAO = user('u-zhao', 'zhao', '赵总', 'admin');
const WANG = user('u-wang', 'wang', '王小明', 'rep');
const LIU = user('u-liu', 'liu', '刘经理', 'manager', true);

const accountOf = (u: SyncUser): SyncAccount => ({
  serverUrl: 'https://192.168.1.10:8787',
  userId: u.id,
  username: u.username,
  name: u.name,
  role: u.role,
  ...ORG,
});

function engineFor(signedIn: SyncUser) {
  return new InMemorySyncEngine({
    status: { state: 'synced', account: accountOf(signedIn), lastSyncedAt: Date.now() },
    users: [ZHAO, WANG, LIU],
  });
}

async function openPanel(sync: InMemorySyncEngine, language: 'zh-CN' | 'en' = 'zh-CN') {
  const app = await renderApp({ sync, language });
  core = app.core;
  const bar = within(screen.getByRole('banner'));
  await app.user.click(
    await bar.findByRole('button', { name: language === 'en' ? /Sync status/ : /同步状态/ }),
  );
  const panel = await screen.findByRole('dialog', { name: language === 'en' ? 'Sync' : '同步' });
  return { app, panel };
}

const helperOf = (field: HTMLElement) => {
  const id = field.getAttribute('aria-describedby');
  return id ? document.getElementById(id.split(' ')[0]!)?.textContent : undefined;
};

/** The table's rows as their cells' text, header first. */
const rowsOf = (table: HTMLElement) =>
  within(table)
    .getAllByRole('row')
    .map((row) =>
      [...row.querySelectorAll('th, td')].map((cell) => {
        const select = cell.querySelector('select');
        return select ? select.selectedOptions[0]?.textContent : cell.textContent;
      }),
    );

describe('user administration', () => {
  it('says, under the password, that the server finds it too easy to guess, in zh-CN and en', async () => {
    for (const language of ['zh-CN', 'en'] as const) {
      const sync = engineFor(ZHAO);
      const { app, panel } = await openPanel(sync, language);
      const zh = language === 'zh-CN';
      await app.user.click(
        within(panel).getByRole('button', { name: zh ? '管理用户' : 'Manage users' }),
      );
      const dialog = await screen.findByRole('dialog', {
        name: zh ? '用户管理' : 'Users',
      });
      await app.user.click(
        within(dialog).getByRole('button', { name: zh ? '添加用户' : 'Add user' }),
      );
      const form = await screen.findByRole('dialog', { name: zh ? '添加用户' : 'Add a user' });
      await app.user.type(
        within(form).getByRole('textbox', { name: zh ? '用户名' : 'Username' }),
        'li.na',
      );
      await app.user.type(
        within(form).getByRole('textbox', { name: zh ? '显示名称' : 'Display name' }),
        '李娜',
      );
      const password = within(form).getByLabelText(zh ? /初始密码/ : /Initial password/);
      await app.user.type(password, 'password');
      sync.refuseNextPassword = new UserAdminError(
        'invalid',
        'password is too easy to guess: This is a heavily used password.',
        'password',
        'weakPassword',
        400,
      );
      await app.user.click(within(form).getByRole('button', { name: zh ? '添加' : 'Add' }));
      await waitFor(() =>
        expect(helperOf(password)).toBe(
          zh
            ? '这个密码太容易被猜到（常见密码、连续数字或本人姓名）。请用几个不相关的词加上数字。'
            : 'This password is too easy to guess (a common password, a run of digits, or the person’s own name). Try a few unrelated words with a number.',
        ),
      );
      await waitFor(() => expect(password).toHaveFocus());
      expect(sync.users.some((u) => u.username === 'li.na')).toBe(false);
      cleanup();
      await core?.close();
      core = undefined;
    }
  });

  it('lists the users with their role and status, and adds one with field errors shown under the fields', async () => {
    const sync = engineFor(ZHAO);
    const { app, panel } = await openPanel(sync);
    await app.user.click(within(panel).getByRole('button', { name: '管理用户' }));
    const dialog = await screen.findByRole('dialog', { name: '用户管理' });
    const table = await within(dialog).findByRole('table', { name: '用户' });
    expect(rowsOf(table)).toEqual([
      ['显示名称', '用户名', '角色', '经理', '状态', '操作'],
      ['刘经理', 'liu', '经理', '（无）', '已停用', '启用重置密码'],
      ['王小明', 'wang', '销售代表', '（无）', '已启用', '停用重置密码'],
      ['赵总你', 'zhao', '管理员', '（无）', '已启用', '你自己的账号'],
    ]);
    // The firm code the admin hands to new colleagues, with what it is for.
    expect(within(dialog).getByTestId('firm-code')).toHaveTextContent('HD7K3Q');
    expect(within(dialog).getByText('登录时和用户名一起填写；请告诉新同事。')).toBeInTheDocument();

    await app.user.click(within(dialog).getByRole('button', { name: '添加用户' }));
    const form = await screen.findByRole('dialog', { name: '添加用户' });
    const username = within(form).getByRole('textbox', { name: '用户名' });
    const name = within(form).getByRole('textbox', { name: '显示名称' });
    const role = within(form).getByRole('combobox', { name: '角色' });
    const password = within(form).getByLabelText(/初始密码/);
    expect(role).toHaveValue('rep');
    expect(
      within(role)
        .getAllByRole('option')
        .map((o) => o.textContent),
    ).toEqual(['管理员', '经理', '销售代表']);

    await app.user.click(within(form).getByRole('button', { name: '添加' }));
    expect(helperOf(username)).toBe('请填写用户名');
    expect(helperOf(name)).toBe('请填写显示名称');
    expect(helperOf(password)).toBe('请填写初始密码');
    expect(within(form).getByText('有 3 项需要修正')).toBeInTheDocument();

    await app.user.type(username, 'li na');
    await app.user.type(name, '李娜');
    await app.user.type(password, 'Ab3$xy7');
    expect(helperOf(username)).toBe('用户名不能包含空格');
    expect(helperOf(password)).toBe('密码至少需要 8 位');
    // Nothing was sent while a field was invalid.
    expect(sync.calls.filter((c) => c.name === 'createUser')).toEqual([]);

    // The server's refusal lands under the field it named.
    await app.user.clear(username);
    await app.user.type(username, 'Wang');
    await app.user.type(password, '8');
    await app.user.selectOptions(role, '经理');
    await app.user.click(within(form).getByRole('button', { name: '添加' }));
    await waitFor(() => expect(helperOf(username)).toBe('这个用户名已被使用，请换一个'));
    // The form moves the focus to the field after it shows the message: wait for both.
    await waitFor(() => expect(username).toHaveFocus());
    expect(name).toHaveValue('李娜');

    await app.user.clear(username);
    await app.user.type(username, 'li.na');
    await app.user.click(within(form).getByRole('button', { name: '添加' }));
    await waitFor(() => expect(screen.queryByRole('dialog', { name: '添加用户' })).toBeNull());
    expect(await screen.findByText('已添加用户 李娜（li.na）')).toBeInTheDocument();
    expect(sync.calls.filter((c) => c.name === 'createUser')).toEqual([
      {
        name: 'createUser',
        args: { username: 'Wang', name: '李娜', role: 'manager', password: '(hidden)' },
      },
      {
        name: 'createUser',
        args: { username: 'li.na', name: '李娜', role: 'manager', password: '(hidden)' },
      },
    ]);
    expect(sync.passwords.get(sync.users.find((u) => u.username === 'li.na')!.id)).toBe('Ab3$xy78');
    await waitFor(() =>
      expect(rowsOf(table).map((row) => row[1])).toEqual([
        '用户名',
        'li.na',
        'liu',
        'wang',
        'zhao',
      ]),
    );
    expect(rowsOf(table)[1]).toEqual(['李娜', 'li.na', '经理', '（无）', '已启用', '停用重置密码']);
  });

  it('changes a role, disables and enables after a confirm, and resets a password', async () => {
    const sync = engineFor(ZHAO);
    const { app, panel } = await openPanel(sync);
    await app.user.click(within(panel).getByRole('button', { name: '管理用户' }));
    const dialog = await screen.findByRole('dialog', { name: '用户管理' });
    const table = await within(dialog).findByRole('table', { name: '用户' });
    const wangRow = () => within(table).getByRole('row', { name: /王小明/ });

    await app.user.selectOptions(
      within(wangRow()).getByRole('combobox', { name: '王小明的角色' }),
      '经理',
    );
    expect(await screen.findByText('王小明的角色已改为经理')).toBeInTheDocument();
    expect(sync.users.find((u) => u.id === WANG.id)?.role).toBe('manager');

    await app.user.click(within(wangRow()).getByRole('button', { name: '停用' }));
    const confirm = await screen.findByRole('dialog', { name: '停用王小明的账号？' });
    expect(sync.users.find((u) => u.id === WANG.id)?.disabled).toBe(false);
    await app.user.click(within(confirm).getByRole('button', { name: '停用' }));
    await waitFor(() => expect(within(wangRow()).getByText('已停用')).toBeInTheDocument());
    expect(sync.calls.filter((c) => c.name === 'updateUser').map((c) => c.args)).toEqual([
      { id: WANG.id, patch: { role: 'manager' } },
      { id: WANG.id, patch: { disabled: true } },
    ]);

    await app.user.click(within(wangRow()).getByRole('button', { name: '启用' }));
    const enable = await screen.findByRole('dialog', { name: '重新启用王小明的账号？' });
    await app.user.click(within(enable).getByRole('button', { name: '取消' }));
    expect(sync.users.find((u) => u.id === WANG.id)?.disabled).toBe(true);

    await app.user.click(within(wangRow()).getByRole('button', { name: '重置密码' }));
    const reset = await screen.findByRole('dialog', { name: '重置王小明的密码' });
    const password = within(reset).getByLabelText(/新密码/);
    await app.user.type(password, 'short');
    await app.user.click(within(reset).getByRole('button', { name: '重置密码' }));
    expect(helperOf(password)).toBe('密码至少需要 8 位');
    expect(sync.passwords.has(WANG.id)).toBe(false);
    await app.user.type(password, '-enough');
    await app.user.click(within(reset).getByRole('button', { name: '重置密码' }));
    expect(await screen.findByText('已重置王小明的密码')).toBeInTheDocument();
    expect(sync.passwords.get(WANG.id)).toBe('short-enough');
  });

  it('puts a rep in a manager’s team and sets who sees what for the firm', async () => {
    const sync = engineFor(ZHAO);
    sync.users = [ZHAO, WANG, { ...LIU, disabled: false }];
    const { app, panel } = await openPanel(sync);
    await app.user.click(within(panel).getByRole('button', { name: '管理用户' }));
    const dialog = await screen.findByRole('dialog', { name: '用户管理' });
    const table = await within(dialog).findByRole('table', { name: '用户' });
    const managerOf = (name: string) =>
      within(table).getByRole('combobox', { name: `${name}的经理` });
    // Managers and admins lead teams; nobody leads their own.
    expect([...managerOf('王小明').querySelectorAll('option')].map((o) => o.textContent)).toEqual([
      '（无）',
      '刘经理',
      '赵总',
    ]);
    expect([...managerOf('刘经理').querySelectorAll('option')].map((o) => o.textContent)).toEqual([
      '（无）',
      '赵总',
    ]);

    await app.user.selectOptions(managerOf('王小明'), '刘经理');
    expect(await screen.findByText('王小明的经理已改为刘经理')).toBeInTheDocument();
    expect(sync.users.find((u) => u.id === WANG.id)?.managerId).toBe(LIU.id);
    await app.user.selectOptions(managerOf('王小明'), '（无）');
    expect(await screen.findByText('王小明不再属于任何经理的团队')).toBeInTheDocument();
    expect(sync.users.find((u) => u.id === WANG.id)?.managerId).toBeUndefined();

    const visibility = within(dialog).getByRole('combobox', { name: '谁能看到什么' });
    expect(visibility).toHaveValue('everyone');
    await app.user.selectOptions(visibility, 'own');
    expect(await screen.findByText('可见范围已改为：只看自己的')).toBeInTheDocument();
    expect(sync.settings).toEqual({ visibility: 'own' });
    expect(
      sync.calls.filter((c) => c.name === 'updateUser' || c.name === 'updateSettings'),
    ).toEqual([
      { name: 'updateUser', args: { id: WANG.id, patch: { managerId: LIU.id } } },
      { name: 'updateUser', args: { id: WANG.id, patch: { managerId: null } } },
      { name: 'updateSettings', args: { visibility: 'own' } },
    ]);
  });

  it('says in words why the server refused an action that has no field', async () => {
    const sync = engineFor(ZHAO);
    // Another administrator's account: demoting it is refused when it is the last active admin.
    sync.users = [ZHAO, user('u-qian', 'qian', '钱总', 'admin')];
    const { app, panel } = await openPanel(sync);
    await app.user.click(within(panel).getByRole('button', { name: '管理用户' }));
    const dialog = await screen.findByRole('dialog', { name: '用户管理' });
    const table = await within(dialog).findByRole('table', { name: '用户' });
    // ZHAO is disabled meanwhile by someone else: 钱总 is now the only active admin.
    sync.users = sync.users.map((u) => (u.id === ZHAO.id ? { ...u, disabled: true } : u));
    await app.user.selectOptions(
      within(table).getByRole('combobox', { name: '钱总的角色' }),
      '销售代表',
    );
    expect(
      await screen.findByText('公司至少要有一位启用的管理员。请先把另一位同事设为管理员。'),
    ).toBeInTheDocument();
    // The list was read again: it shows the server's state, the role unchanged.
    await waitFor(() =>
      expect(within(table).getByRole('combobox', { name: '钱总的角色' })).toHaveValue('admin'),
    );
  });

  it('is not offered to managers and reps, in either language', async () => {
    for (const [signedIn, language] of [
      [WANG, 'zh-CN'],
      [{ ...LIU, disabled: false }, 'en'],
    ] as const) {
      const sync = engineFor(signedIn);
      const { panel } = await openPanel(sync, language);
      expect(
        within(panel).getByRole('button', { name: language === 'en' ? 'Sign out' : '退出登录' }),
      ).toBeInTheDocument();
      expect(within(panel).queryByRole('button', { name: /管理用户|Manage users/ })).toBeNull();
      expect(sync.calls.filter((c) => c.name === 'listUsers')).toEqual([]);
      cleanup();
      await core?.close();
      core = undefined;
    }
  });

  it('reads in English for an English UI', async () => {
    const sync = engineFor(ZHAO);
    const { app, panel } = await openPanel(sync, 'en');
    await app.user.click(within(panel).getByRole('button', { name: 'Manage users' }));
    const dialog = await screen.findByRole('dialog', { name: 'Users' });
    const table = await within(dialog).findByRole('table', { name: 'Users' });
    expect(rowsOf(table)[2]).toEqual([
      '王小明',
      'wang',
      'Sales rep',
      '(none)',
      'Active',
      'DisableReset password',
    ]);
    await app.user.click(within(dialog).getByRole('button', { name: 'Add user' }));
    const form = await screen.findByRole('dialog', { name: 'Add a user' });
    await app.user.type(within(form).getByLabelText(/Initial password/), 'short');
    await app.user.click(within(form).getByRole('button', { name: 'Add' }));
    expect(helperOf(within(form).getByLabelText(/Initial password/))).toBe(
      'The password needs at least 8 characters',
    );
    expect(helperOf(within(form).getByRole('textbox', { name: 'Username' }))).toBe(
      'Username is required',
    );
  });
});
