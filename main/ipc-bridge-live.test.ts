import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { LtcWireBridge } from '../shared/api';
import type { Account } from '../shared/domain/entities';
import { IPC_CHANNELS } from './preload/ipc-channels';
import { createLtcBridgeClient } from './preload/ltc-bridge-client';
import { openBridgeFixture, type BridgeFixture } from './test-support/bridge-fixture';
import { Received, valueOf } from './test-support/received';

/**
 * Live queries over IPC: results are pushed while a page holds its subscription, and the query
 * in the core ends when the page unsubscribes, reloads or is destroyed.
 */
let f: BridgeFixture;
beforeEach(async () => {
  f = await openBridgeFixture();
});
afterEach(() => f.close());

describe('live queries over IPC', () => {
  /** Opens a live query and waits for its first result. */
  async function liveAccounts(ltc: LtcWireBridge) {
    const received = new Received();
    const stop = ltc.subscribe('accounts/list', {}, received.push);
    await received.until((m) => m.ok);
    return { received, stop };
  }

  it('pushes the first result, then a new one after every write', async () => {
    const { ltc } = f.page();
    const accounts = new Received();
    ltc.subscribe('accounts/list', {}, accounts.push);
    await accounts.until((m) => valueOf<Account[]>(m).length === 0);
    await ltc.invoke('accounts/create', { name: '中兴通讯' });
    const next = await accounts.until((m) => valueOf<Account[]>(m).length === 1);
    expect(valueOf<Account[]>(next)[0]?.name).toBe('中兴通讯');
  });

  it('unsubscribe ends the query in the core and no more results arrive', async () => {
    const { contents, ltc } = f.page();
    const stopped = await liveAccounts(ltc);
    const witness = await liveAccounts(ltc);
    stopped.stop();
    stopped.stop(); // twice is harmless
    await contents.settle();
    expect(f.queries.closed).toBe(1);
    await ltc.invoke('accounts/create', { name: 'Acme' });
    await witness.received.until((m) => valueOf<Account[]>(m).length === 1);
    await contents.settle();
    expect(stopped.received.messages).toHaveLength(1);
  });

  it('a page cannot end another page’s live query', async () => {
    const first = f.page();
    const second = f.page();
    const live = await liveAccounts(first.ltc);
    const ids = first.contents.sent.map((m) => m.args[0]);
    for (const id of ids) second.contents.ipcRenderer.send(IPC_CHANNELS.unsubscribe, id);
    await second.contents.settle();
    expect(f.queries.closed).toBe(0);
    await first.ltc.invoke('accounts/create', { name: 'Acme' });
    await live.received.until((m) => m.ok && valueOf<Account[]>(m).length === 1);
  });

  it('a destroyed window’s live queries end, and nothing is sent to it', async () => {
    const { contents, ltc } = f.page();
    await liveAccounts(ltc);
    await liveAccounts(ltc);
    const sentBefore = contents.sent.length;
    contents.destroy();
    expect(f.queries.closed).toBe(2);
    await f.page().ltc.invoke('accounts/create', { name: 'Acme' });
    await contents.settle();
    expect(contents.sent).toHaveLength(sentBefore);
  });

  it('a reload ends the old page’s live queries; an in-page navigation does not', async () => {
    const { contents, ltc } = f.page();
    await liveAccounts(ltc);
    contents.navigateInPage();
    expect(f.queries.closed).toBe(0);
    contents.reload();
    expect(f.queries.closed).toBe(1);
    // The reloaded page subscribes afresh on the same webContents.
    const again = await liveAccounts(createLtcBridgeClient(contents.ipcRenderer));
    await ltc.invoke('accounts/create', { name: 'Acme' });
    await again.received.until((m) => m.ok && valueOf<Account[]>(m).length === 1);
  });

  it('disposing the bridge ends every live query and unregisters its channels', async () => {
    const { contents, ltc } = f.page();
    await liveAccounts(ltc);
    f.dispose();
    expect(f.queries.closed).toBe(1);
    for (const channel of Object.values(IPC_CHANNELS))
      expect(f.ipcMain.listenerCount(channel)).toBe(0);
    await expect(
      contents.ipcRenderer.invoke(IPC_CHANNELS.invoke, 'accounts/list', {}),
    ).rejects.toThrow();
  });
});
