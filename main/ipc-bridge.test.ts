import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Envelope, LiveMessage } from '../shared/api';
import type { Account } from '../shared/domain/entities';
import { IPC_CHANNELS } from './preload/ipc-channels';
import { fieldsOf, openBridgeFixture, type BridgeFixture } from './test-support/bridge-fixture';
import { Received, valueOf } from './test-support/received';

/**
 * Refusals at the IPC boundary, renderer → preload client → fake IPC → bridge → the real
 * dispatcher and core: a refused call gets a ValidationError, is logged, runs no handler and
 * writes nothing. Live-query lifetimes are in ipc-bridge-live.test.ts.
 */
const ACCOUNT_ID = '0190d6a2-5b7c-7def-8abc-0123456789ab';

let f: BridgeFixture;
beforeEach(async () => {
  f = await openBridgeFixture();
});
afterEach(() => f.close());

describe('ltc:invoke', () => {
  it('runs a valid command in the core and returns its result', async () => {
    const { ltc } = f.page();
    const account = valueOf<Account>(await ltc.invoke('accounts/create', { name: '华为技术' }));
    expect(account.name).toBe('华为技术');
    expect((await f.core.database.accounts.findOne(account.id).exec())?.name).toBe('华为技术');
    expect(f.bridgeLog).toEqual([]);
  });

  it('refuses an unknown command with a ValidationError, logs it and writes nothing', async () => {
    const { ltc } = f.page();
    const result = await ltc.invoke('accounts/drop', { name: 'x' });
    expect(result).toMatchObject({ ok: false, error: { type: 'ValidationError' } });
    expect(fieldsOf(result)).toEqual(['command']);
    expect(f.dispatcherLog).toEqual([{ kind: 'refused', name: 'accounts/drop' }]);
    expect(await f.documentCount()).toBe(0);
  });

  it('refuses invalid arguments naming every bad field, and writes nothing', async () => {
    const { ltc } = f.page();
    const result = await ltc.invoke('opportunities/create', {
      accountId: 'not-a-uuid',
      amount: { minor: 1.5, currency: 'cny' },
      ownerId: 'someone-else',
    });
    expect(fieldsOf(result)).toEqual([
      'accountId',
      'amount.currency',
      'amount.minor',
      'ownerId',
      'title',
    ]);
    expect(result).toMatchObject({
      error: {
        fields: expect.arrayContaining([
          { field: 'ownerId', code: 'unknownField' },
          { field: 'title', code: 'required' },
        ]),
      },
    });
    expect(await ltc.invoke('accounts/create', null)).toMatchObject({
      ok: false,
      error: { type: 'ValidationError' },
    });
    expect(await ltc.invoke('accounts/create', { name: '   ' })).toMatchObject({
      error: { fields: [{ field: 'name', code: 'required' }] },
    });
    expect(f.dispatcherLog.map((e) => e.kind)).toEqual(['refused', 'refused', 'refused']);
    expect(await f.documentCount()).toBe(0);
  });

  it('returns domain errors as envelopes that survive the trip', async () => {
    const { ltc } = f.page();
    expect(await ltc.invoke('accounts/archive', { id: ACCOUNT_ID })).toEqual({
      ok: false,
      error: {
        type: 'NotFound',
        message: `account ${ACCOUNT_ID} not found`,
        entity: 'account',
        id: ACCOUNT_ID,
      },
    });
  });

  it.each([
    ['a foreign web page', 'https://evil.example/'],
    ['a file:// page', 'file:///tmp/index.html'],
    ['a look-alike host', 'app://ltc.evil.example/index.html'],
    ['a frame that is gone', null],
  ])('refuses %s before the dispatcher sees the call', async (_name, url) => {
    const { ltc } = f.page(url);
    const result = await ltc.invoke('accounts/create', { name: 'Acme' });
    expect(fieldsOf(result)).toEqual(['sender']);
    expect(f.bridgeLog).toMatchObject([{ kind: 'refused', channel: 'ltc:invoke' }]);
    expect(f.dispatcherLog).toEqual([]);
    expect(await f.documentCount()).toBe(0);
  });

  it('refuses malformed channel payloads without running anything', async () => {
    const { contents } = f.page();
    const raw = contents.ipcRenderer;
    for (const payload of [
      [],
      [42, {}],
      ['', {}],
      ['x'.repeat(101), {}],
      ['accounts/create', { name: 'a' }, 'extra'],
    ]) {
      const result = (await raw.invoke(IPC_CHANNELS.invoke, ...payload)) as Envelope<unknown>;
      expect(fieldsOf(result)).toEqual(['command']);
    }
    expect(f.bridgeLog).toHaveLength(5);
    expect(f.bridgeLog.every((e) => e.reason === 'malformed invoke payload')).toBe(true);
    expect(f.dispatcherLog).toEqual([]);
    expect(await f.documentCount()).toBe(0);
  });

  it('has no handler on any channel but its own', async () => {
    const { contents } = f.page();
    await expect(
      contents.ipcRenderer.invoke('ltc:eval', 'accounts/create', { name: 'a' }),
    ).rejects.toThrow(/No handler registered/);
    expect(await f.documentCount()).toBe(0);
  });
});

describe('ltc:subscribe', () => {
  it('refuses an unknown query or invalid arguments with a ValidationError on that subscription', async () => {
    const { ltc } = f.page();
    const unknown = new Received();
    const invalid = new Received();
    ltc.subscribe('accounts/all', {}, unknown.push);
    ltc.subscribe('contacts/list', { accountId: 'nope', extra: 1 }, invalid.push);
    expect(fieldsOf(await unknown.until(() => true))).toEqual(['query']);
    expect(fieldsOf(await invalid.until(() => true))).toEqual(['accountId', 'extra']);
    expect(f.dispatcherLog).toEqual([
      { kind: 'refused', name: 'accounts/all' },
      { kind: 'refused', name: 'contacts/list' },
    ]);
  });

  it('refuses a subscription from a foreign page and opens nothing', async () => {
    const { ltc } = f.page('https://evil.example/');
    const received = new Received();
    ltc.subscribe('accounts/list', {}, received.push);
    expect(fieldsOf(await received.until(() => true))).toEqual(['sender']);
    expect(f.queries.opened).toBe(0);
    expect(f.bridgeLog).toMatchObject([{ kind: 'refused', channel: 'ltc:subscribe' }]);
  });

  it('refuses missing, oversized or reused subscription ids and malformed queries', async () => {
    const { contents, ltc } = f.page();
    const raw = contents.ipcRenderer;
    raw.send(IPC_CHANNELS.subscribe);
    raw.send(IPC_CHANNELS.subscribe, 7, 'accounts/list', {});
    raw.send(IPC_CHANNELS.subscribe, 'x'.repeat(65), 'accounts/list', {});
    raw.send(IPC_CHANNELS.subscribe, 'bad id!', 'accounts/list', {});
    raw.send(IPC_CHANNELS.subscribe, 'sub-1', { name: 'accounts/list' }, {});
    raw.send(IPC_CHANNELS.subscribe, 'sub-2', 'accounts/list', {});
    raw.send(IPC_CHANNELS.subscribe, 'sub-2', 'accounts/list', {});
    raw.send(IPC_CHANNELS.unsubscribe, { id: 'sub-2' });
    await contents.settle();
    expect(f.bridgeLog.map((e) => e.reason)).toEqual([
      'missing or malformed subscription id',
      'missing or malformed subscription id',
      'missing or malformed subscription id',
      'missing or malformed subscription id',
      'malformed subscribe payload',
      'subscription id sub-2 is already in use',
      'malformed unsubscribe payload',
    ]);
    expect(f.queries.opened).toBe(1);
    // The one well-formed but wrong call got its refusal; the bad ids got nothing at all.
    const refusals = contents.sent.filter((m) => m.args[0] === 'sub-1');
    expect(refusals).toHaveLength(1);
    expect(fieldsOf(refusals[0]?.args[1] as LiveMessage)).toEqual(['query']);
    expect(contents.sent.every((m) => m.args[0] === 'sub-1' || m.args[0] === 'sub-2')).toBe(true);
    // The page's own client is unaffected.
    const accounts = new Received();
    ltc.subscribe('accounts/list', {}, accounts.push);
    await accounts.until((m) => m.ok);
  });

  it('caps the live queries one page may hold', async () => {
    await f.close();
    f = await openBridgeFixture({ maxSubscriptionsPerSender: 2 });
    const { ltc } = f.page();
    const results = [new Received(), new Received(), new Received()];
    for (const r of results) ltc.subscribe('accounts/list', {}, r.push);
    await results[0]?.until((m) => m.ok);
    await results[1]?.until((m) => m.ok);
    expect(fieldsOf(await results[2]!.until(() => true))).toEqual(['subscriptionId']);
  });
});
