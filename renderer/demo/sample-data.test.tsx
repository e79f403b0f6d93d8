import { screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { CrmCore } from '../../shared/core';
import { InMemorySyncEngine } from '../test/in-memory-sync-engine';
import { renderApp } from '../test/render-app';

let core: CrmCore | undefined;
afterEach(async () => {
  await core?.close();
  core = undefined;
  localStorage.clear();
});

describe('the sample-data banner', () => {
  it('offers sample data on an empty database, and not once real records exist', async () => {
    const app = await renderApp();
    core = app.core;
    expect(await screen.findByRole('button', { name: '加载示例数据' })).toBeTruthy();
    await app.api.invoke('accounts/create', { name: '真实客户有限公司' });
    await waitFor(() => expect(screen.queryByRole('button', { name: '加载示例数据' })).toBeNull());
  });

  it('says sample data is present, and removes it after asking', async () => {
    const app = await renderApp();
    core = app.core;
    await app.api.invoke('demo/load', { language: 'zh-CN', leads: 8, seed: 4 });
    const banner = await screen.findByText(/您正在查看示例数据：8 条线索/);
    expect(banner.textContent).toContain('不会同步');
    await app.user.click(screen.getByRole('button', { name: '移除示例数据' }));
    const dialog = await screen.findByRole('dialog', { name: '移除全部示例数据？' });
    await app.user.click(within(dialog).getByRole('button', { name: '移除示例数据' }));
    // Back to an empty database: the offer returns, and nothing sample is left.
    expect(await screen.findByRole('button', { name: '加载示例数据' })).toBeTruthy();
    expect(await app.core.database.leads.find().exec()).toEqual([]);
  }, 30_000);

  it('hides the offer for good when the person declines it', async () => {
    const app = await renderApp({ language: 'en' });
    core = app.core;
    await app.user.click(await screen.findByRole('button', { name: 'No thanks' }));
    expect(screen.queryByRole('button', { name: 'Load sample data' })).toBeNull();
    expect(localStorage.getItem('ltc.demo.offerDismissed')).toBe('1');
  });

  it('is not offered to someone signed in to their firm’s server, and is again once signed out', async () => {
    const sync = new InMemorySyncEngine({
      status: {
        state: 'synced',
        lastSyncedAt: Date.now(),
        account: {
          serverUrl: 'https://192.168.1.10:8787',
          userId: 'u-wang',
          username: 'wang',
          name: '王小明',
          role: 'rep',
          orgId: 'org-1',
          orgName: '华东销售部',
        },
      },
    });
    const app = await renderApp({ sync });
    core = app.core;
    await screen.findByRole('button', { name: /同步状态：已同步/ });
    await screen.findByTestId('opportunity-board');
    expect(screen.queryByRole('button', { name: '加载示例数据' })).toBeNull();
    await sync.signOut({ removeLocalData: false });
    expect(await screen.findByRole('button', { name: '加载示例数据' })).toBeTruthy();
  });
});
