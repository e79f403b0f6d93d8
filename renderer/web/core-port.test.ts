import { MessageChannel } from 'node:worker_threads';
import { afterEach, describe, expect, it } from 'vitest';
import { createCrmClient, createDispatcher, type LiveMessage } from '../../shared/api';
import { openTestCore, REP } from '../../shared/core/test-support';
import type { CoreToPage, PageToCore } from './core-protocol';
import { serveCore, type CoreScope, type OpenRequest } from './core-port';
import { createWorkerBridge, type CorePort } from './worker-host';

/**
 * The page's LtcBridge and the core worker's serve loop, joined by a real MessageChannel (the
 * structured clone a worker's messages go through) with a real core and dispatcher behind it, as
 * core-worker.ts runs it; only the storage is RxDB's memory one instead of IndexedDB. The full
 * worker in Chromium is test/e2e/core-worker.test.ts.
 */
const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function connect() {
  const core = await openTestCore();
  const channel = new MessageChannel();
  channel.port1.start();
  channel.port2.start();
  cleanups.push(() => core.close());
  cleanups.push(() => {
    channel.port1.close();
    channel.port2.close();
  });
  const requests: OpenRequest[] = [];
  const server = serveCore(channel.port2 as unknown as CoreScope, async (request) => {
    requests.push(request);
    return { bridge: createDispatcher(core.service), currentUser: REP, close: () => core.close() };
  });
  const page = channel.port1 as unknown as CorePort;
  const fromCore: CoreToPage[] = [];
  page.addEventListener('message', ({ data }) => fromCore.push(data));
  const opened = new Promise<CoreToPage>((resolve) =>
    page.addEventListener('message', ({ data }) => data.kind === 'opened' && resolve(data)),
  );
  const open: PageToCore = { kind: 'open', profile: REP, token: 'token-from-page' };
  page.postMessage(open);
  expect(await opened).toEqual({ kind: 'opened', currentUser: REP });
  return { core, server, page, bridge: createWorkerBridge(page), requests, fromCore };
}

const until = (check: () => boolean) =>
  expect.poll(check, { timeout: 5_000, interval: 10 }).toBe(true);

describe('the page bridge to the core worker', () => {
  it('runs a command in the core and brings its envelope back, a refusal included', async () => {
    const { bridge, core } = await connect();
    const created = await bridge.invoke('accounts/create', { name: 'Acme Trading' });
    expect(created).toMatchObject({ ok: true, value: { name: 'Acme Trading' } });
    const stored = await core.database.collections.accounts!.find().exec();
    expect(stored.map((account) => account.name)).toEqual(['Acme Trading']);
    const refused = await bridge.invoke('accounts/create', { name: '' });
    expect(refused).toMatchObject({ ok: false, error: { type: 'ValidationError' } });
  });

  it('stops a live query in the core when the page closes it', async () => {
    const { bridge, server } = await connect();
    const seen: LiveMessage[] = [];
    const stop = bridge.subscribe('accounts/list', {}, (message) => seen.push(message));
    await until(() => seen.length === 1);
    expect(server.liveQueries()).toBe(1);
    await bridge.invoke('accounts/create', { name: 'Before close' });
    await until(() => seen.length === 2);

    stop();
    await until(() => server.liveQueries() === 0);
    await bridge.invoke('accounts/create', { name: 'After close' });
    // A later query sees the write, so the closed one would have been told by now.
    const later: LiveMessage[] = [];
    const stopLater = bridge.subscribe('accounts/list', {}, (message) => later.push(message));
    await until(() => later.length === 1);
    stopLater();
    expect(seen).toHaveLength(2);
    expect(later[0]).toMatchObject({ ok: true, value: [{}, {}] });
  });

  it('sends a board whole once, then what changed, and the client rebuilds the same board', async () => {
    const { bridge } = await connect();
    const wire: LiveMessage[] = [];
    const stopWire = bridge.subscribe('board/opportunities', {}, (message) => wire.push(message));
    const boards: unknown[] = [];
    const stopBoards = createCrmClient(bridge).subscribe('board/opportunities', {}, (board) =>
      boards.push(board),
    );
    await until(() => wire.length === 1 && boards.length === 1);
    const account = await bridge.invoke('accounts/create', { name: 'Acme Trading' });
    if (!account.ok) throw new Error('account refused');
    const { id: accountId } = account.value as { id: string };
    const deal = (title: string) =>
      bridge.invoke('opportunities/create', {
        title,
        accountId,
        amount: { minor: 1_000_000, currency: 'CNY' },
      });
    // Three deals, then a fourth: one card in four is what changed, so it goes as a diff.
    for (const title of ['Acme MES', 'Acme PLC', 'Acme Vision'])
      expect((await deal(title)).ok).toBe(true);
    await until(() => JSON.stringify(boards.at(-1)).includes('Acme Vision'));
    const before = wire.length;
    expect((await deal('Acme Robots')).ok).toBe(true);
    await until(() => JSON.stringify(boards.at(-1)).includes('Acme Robots'));
    expect(wire[0]).toHaveProperty('value');
    expect(wire.slice(before).some((message) => 'boardDiff' in message)).toBe(true);
    // The rebuilt board is the one a fresh query answers with.
    const fresh: unknown[] = [];
    const stopFresh = bridge.subscribe('board/opportunities', {}, (message) =>
      fresh.push('value' in message ? message.value : undefined),
    );
    await until(() => fresh.length === 1);
    expect(boards.at(-1)).toEqual(fresh[0]);
    stopWire();
    stopBoards();
    stopFresh();
  });

  it('gives the core the token the page read, and hands every save or clear back to the page', async () => {
    const { requests, fromCore } = await connect();
    const [{ vault }] = requests as [OpenRequest];
    expect(await vault.load()).toBe('token-from-page');
    await vault.save('new-token');
    await vault.clear();
    await until(() => fromCore.filter((m) => m.kind === 'storeToken').length === 2);
    expect(fromCore.filter((m) => m.kind === 'storeToken')).toEqual([
      { kind: 'storeToken', token: 'new-token' },
      { kind: 'storeToken', token: undefined },
    ]);
    expect(await vault.load()).toBeUndefined();
  });

  it('starts sync only once the page says its first screen is shown', async () => {
    const { requests, page } = await connect();
    const [{ firstScreenShown }] = requests as [OpenRequest];
    let shown = false;
    void firstScreenShown.then(() => (shown = true));
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(shown).toBe(false);
    page.postMessage({ kind: 'firstScreenShown' });
    await until(() => shown);
  });

  it('refuses arguments structured clone cannot carry with an error envelope, not a throw', async () => {
    const { bridge } = await connect();
    const notCloneable = { name: 'Acme', toString: () => 'x' };
    expect(await bridge.invoke('accounts/create', notCloneable)).toMatchObject({
      ok: false,
      error: { type: 'InternalError' },
    });
    const messages: LiveMessage[] = [];
    bridge.subscribe('accounts/list', notCloneable, (message) => messages.push(message));
    expect(messages).toMatchObject([{ ok: false, error: { type: 'InternalError' } }]);
  });
});
