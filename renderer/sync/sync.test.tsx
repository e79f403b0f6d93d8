import { act, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { CrmCore } from '../../shared/core';
import type { ConflictEntry, SyncAccount, SyncProblem } from '../../shared/sync/types';
import { InMemorySyncEngine } from '../test/in-memory-sync-engine';
import { REP, renderApp, seedAccount, type RenderedApp } from '../test/render-app';

let core: CrmCore | undefined;
afterEach(async () => {
  await core?.close();
  core = undefined;
});

async function start(sync: InMemorySyncEngine, language: 'zh-CN' | 'en' = 'zh-CN') {
  const app = await renderApp({ sync, language });
  core = app.core;
  return app;
}

const appBar = () => within(screen.getByRole('banner'));
const findInAppBar = (name: RegExp) => appBar().findByRole('button', { name });

const helperOf = (field: HTMLElement) => {
  const id = field.getAttribute('aria-describedby');
  return id ? document.getElementById(id.split(' ')[0]!)?.textContent : undefined;
};

const ACCOUNT: SyncAccount = {
  serverUrl: 'https://192.168.1.10:8787',
  userId: REP.id,
  username: 'wang',
  name: REP.name,
  role: 'rep',
  orgId: 'org-1',
  orgName: '华东销售部',
  firmCode: 'HD7K3Q',
};

describe('sign-in', () => {
  it('names each invalid field, says why a sign-in failed, and remembers the server address', async () => {
    const sync = new InMemorySyncEngine();
    const app = await start(sync);
    await app.user.click(appBar().getByRole('button', { name: /同步状态：登录同步/ }));
    const dialog = await screen.findByRole('dialog', { name: '登录同步服务器' });
    const server = within(dialog).getByRole('textbox', { name: '服务器地址' });
    const firmCode = within(dialog).getByRole('textbox', { name: '企业代码' });
    const username = within(dialog).getByRole('textbox', { name: '用户名' });
    const password = within(dialog).getByLabelText(/密码/);

    await app.user.type(server, 'ftp://192.168.1.10');
    await app.user.click(within(dialog).getByRole('button', { name: '登录' }));
    expect(helperOf(server)).toBe(
      '请输入服务器地址，例如 192.168.1.10:8787 或 https://sync.example.com',
    );
    expect(helperOf(username)).toBe('请填写用户名');
    expect(helperOf(password)).toBe('请填写密码');
    expect(within(dialog).getByText('有 3 项需要修正')).toBeInTheDocument();
    // Nothing was sent while a field was invalid.
    expect(sync.calls).toEqual([]);

    // Plain http:// to another computer: the transport rule names it, and nothing is sent.
    await app.user.clear(server);
    await app.user.type(server, 'http://192.168.1.10:8787');
    await app.user.click(within(dialog).getByRole('button', { name: '登录' }));
    expect(helperOf(server)).toBe(
      '使用 http:// 会以明文发送密码：请使用 https://（或直接输入地址，不带 http://）。只有本机（localhost）可以用 http:// 连接。',
    );
    expect(sync.calls).toEqual([]);

    await app.user.clear(server);
    // Typed without a scheme, as an administrator would write it down: taken as https://.
    await app.user.type(server, '192.168.1.10:8787');
    await app.user.type(firmCode, ' hd7k3q ');
    await app.user.type(username, 'wang');
    await app.user.type(password, 'not-it');
    await app.user.click(within(dialog).getByRole('button', { name: '登录' }));
    expect(await within(dialog).findByRole('alert')).toHaveTextContent(
      '企业代码、用户名或密码不正确。',
    );
    expect(sync.calls).toEqual([
      {
        name: 'signIn',
        args: {
          serverUrl: 'https://192.168.1.10:8787',
          firmCode: 'hd7k3q',
          username: 'wang',
          password: 'not-it',
        },
      },
    ]);
    // What was typed survives the refusal.
    expect(username).toHaveValue('wang');

    sync.signInAnswer = 'unreachable';
    await app.user.click(within(dialog).getByRole('button', { name: '登录' }));
    await waitFor(() =>
      expect(within(dialog).getByRole('alert')).toHaveTextContent(
        '无法连接到服务器。请检查服务器地址和网络连接。',
      ),
    );

    sync.signInAnswer = ACCOUNT;
    await app.user.click(within(dialog).getByRole('button', { name: '登录' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
    expect(await screen.findByText('已登录为 王小明（华东销售部），正在同步')).toBeInTheDocument();
    expect(
      appBar().getByRole('button', { name: /同步状态：已同步 \d\d:\d\d/ }),
    ).toBeInTheDocument();
    expect(localStorage.getItem('ltcdesk.syncServer')).toBe('https://192.168.1.10:8787');
    // The firm code as the server spells it, for the next sign-in.
    expect(localStorage.getItem('ltcdesk.syncFirmCode')).toBe('HD7K3Q');
  });

  it('starts a new sign-in from the last server address, in English too', async () => {
    localStorage.setItem('ltcdesk.syncServer', 'https://sync.example.com');
    localStorage.setItem('ltcdesk.syncFirmCode', 'HD7K3Q');
    const app = await start(new InMemorySyncEngine(), 'en');
    await app.user.click(appBar().getByRole('button', { name: /Sign in to sync/ }));
    const dialog = await screen.findByRole('dialog', { name: 'Sign in to the sync server' });
    expect(within(dialog).getByRole('textbox', { name: 'Server address' })).toHaveValue(
      'https://sync.example.com',
    );
    expect(within(dialog).getByRole('textbox', { name: 'Firm code' })).toHaveValue('HD7K3Q');
    await waitFor(() =>
      expect(within(dialog).getByRole('textbox', { name: 'Username' })).toHaveFocus(),
    );
  });
});

describe('conflicts', () => {
  it('shows kept and overwritten values in the UI language and restores mine in one click', async () => {
    const now = Date.now();
    const conflicts: ConflictEntry[] = [
      {
        id: 'c-old',
        collection: 'opportunities',
        recordId: 'r1',
        recordLabel: '华东精密 MES 项目',
        field: 'stage',
        keptValue: 'negotiation',
        overwrittenValue: 'proposal',
        at: now - 60_000,
        resolvedAt: now - 30_000,
        resolution: 'dismissed',
      },
      {
        id: 'c-amount',
        collection: 'opportunities',
        recordId: 'r1',
        recordLabel: '华东精密 MES 项目',
        field: 'amount',
        keptValue: { minor: 150_000_000, currency: 'CNY' },
        overwrittenValue: { minor: 120_000_000, currency: 'CNY' },
        at: now - 120_000,
      },
    ];
    const sync = new InMemorySyncEngine({
      status: { state: 'synced', account: ACCOUNT, lastSyncedAt: now },
      conflicts,
    });
    const app = await start(sync);
    await app.user.click(appBar().getByRole('button', { name: /1 个冲突待查看/ }));
    const list = await screen.findByRole('list', { name: '同步冲突' });
    const items = within(list).getAllByRole('listitem');
    // Unresolved first, though older.
    expect(items.map((i) => i.getAttribute('aria-label'))).toEqual([
      '华东精密 MES 项目 · 金额',
      '华东精密 MES 项目 · 阶段',
    ]);
    const amount = items[0]!;
    expect(amount).toHaveTextContent('保留的值（服务器）¥1,500,000.00');
    expect(amount).toHaveTextContent('被覆盖的值（你的）¥1,200,000.00');
    expect(items[1]).toHaveTextContent('商务谈判');
    expect(items[1]).toHaveTextContent('已忽略');
    expect(within(items[1]!).queryByRole('button')).not.toBeInTheDocument();

    await app.user.click(within(amount).getByRole('button', { name: '恢复我的值' }));
    await waitFor(() => expect(within(amount).getByText('已恢复')).toBeInTheDocument());
    expect(sync.calls).toEqual([{ name: 'restoreConflict', args: 'c-amount' }]);
    expect(
      await screen.findByText('已恢复「华东精密 MES 项目」的金额，联网时会同步到服务器'),
    ).toBeInTheDocument();
  });
});

describe('problems', () => {
  it('says why the server refused, opens the record to fix it, and discards only after a confirm', async () => {
    const sync = new InMemorySyncEngine({
      status: { state: 'synced', account: ACCOUNT, lastSyncedAt: Date.now() },
    });
    const app: RenderedApp = await start(sync);
    const { account } = await seedAccount(app.api, '华东精密机械有限公司');
    const problem: SyncProblem = {
      id: 'p1',
      collection: 'accounts',
      recordId: account.id,
      recordLabel: account.name,
      code: 'invalid',
      message: 'must NOT have more than 50 characters',
      field: 'phone',
      at: Date.now(),
      document: { ...account },
    };
    sync.problems = [problem];
    act(() => sync.update({}));

    await app.user.click(await findInAppBar(/1 个同步问题/));
    const list = await screen.findByRole('list', { name: '同步问题' });
    const item = within(list).getByRole('listitem', { name: '华东精密机械有限公司' });
    expect(item).toHaveTextContent('服务器认为「电话」不符合要求。');
    expect(item).toHaveTextContent('服务器说明：must NOT have more than 50 characters');

    await app.user.click(within(item).getByRole('button', { name: '编辑记录' }));
    const edit = await screen.findByRole('dialog', { name: '编辑客户' });
    expect(within(edit).getByRole('textbox', { name: '客户名称' })).toHaveValue(
      '华东精密机械有限公司',
    );
    await app.user.click(within(edit).getByRole('button', { name: '取消' }));

    await app.user.click(within(item).getByRole('button', { name: '放弃我的修改' }));
    const confirm = await screen.findByRole('dialog', {
      name: '放弃对「华东精密机械有限公司」的修改？',
    });
    expect(sync.calls).toEqual([]);
    await app.user.click(within(confirm).getByRole('button', { name: '放弃修改' }));
    await waitFor(() => expect(sync.calls).toEqual([{ name: 'discardProblem', args: 'p1' }]));
    expect(await screen.findByText('没有同步问题。')).toBeInTheDocument();
  });
});

describe('end-of-day reminder', () => {
  it('asks to sync the waiting changes without blocking, and syncs on request', async () => {
    const sync = new InMemorySyncEngine({
      status: {
        state: 'offline',
        account: ACCOUNT,
        pendingChanges: 3,
        reminderDue: true,
      },
    });
    const app = await start(sync);
    const banner = await screen.findByText('还有 3 条更改没有同步到服务器——请连接网络并同步。');
    // The board is still there and usable.
    expect(appBar().getByRole('button', { name: '新建商机' })).toBeEnabled();
    await app.user.click(
      within(banner.closest('[role="status"]')!).getByRole('button', { name: '立即同步' }),
    );
    await waitFor(() => expect(sync.calls).toEqual([{ name: 'syncNow', args: undefined }]));
    await waitFor(() =>
      expect(screen.queryByText(/条更改没有同步到服务器/)).not.toBeInTheDocument(),
    );
  });
});

describe('reminder time', () => {
  it('saves a valid 24-hour time when the field is left, and refuses anything else', async () => {
    const sync = new InMemorySyncEngine({
      status: { state: 'synced', account: ACCOUNT, lastSyncedAt: Date.now() },
    });
    const app = await start(sync);
    await app.user.click(await findInAppBar(/同步状态/));
    const panel = await screen.findByRole('dialog', { name: '同步' });
    const field = within(panel).getByRole('textbox', { name: '每日同步提醒' });
    expect(field).toHaveValue('18:00');
    await app.user.clear(field);
    await app.user.type(field, '25:00');
    await app.user.tab();
    expect(helperOf(field)).toBe('请输入有效的时间，例如 18:00');
    expect(sync.calls).toEqual([]);
    await app.user.clear(field);
    await app.user.type(field, '17:30');
    await app.user.tab();
    await waitFor(() => expect(sync.calls).toEqual([{ name: 'setReminderTime', args: '17:30' }]));
    expect(await screen.findByText('每日提醒时间已设为 17:30')).toBeInTheDocument();
  });
});

describe('without sync', () => {
  it('shows no sync control when the host runs no sync engine', async () => {
    const app = await renderApp();
    core = app.core;
    expect(appBar().queryByRole('button', { name: /同步状态/ })).not.toBeInTheDocument();
  });
});
