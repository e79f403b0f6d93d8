import { describe, expect, it } from 'vitest';
import { IPC_CHANNELS } from './ipc-channels';
import { createLtcBridgeClient, type IpcRendererLike } from './ltc-bridge-client';

/**
 * The preload's side alone, on a recording ipcRenderer: which channels it uses, how it routes
 * pushed results and what it does when IPC itself fails. The full round trip through main, the
 * dispatcher and the core is in main/ipc-bridge.test.ts.
 */
function recordingIpc() {
  const sent: { channel: string; args: unknown[] }[] = [];
  let push: (event: unknown, ...args: unknown[]) => void = () => undefined;
  const ipc: IpcRendererLike = {
    invoke: async (channel, ...args) => {
      sent.push({ channel, args: structuredClone(args) });
      return { ok: true, value: 'done' };
    },
    send: (channel, ...args) => sent.push({ channel, args: structuredClone(args) }),
    on: (channel, listener) => {
      expect(channel).toBe(IPC_CHANNELS.queryResult);
      push = listener;
    },
  };
  return { ipc, sent, push: (...args: unknown[]) => push({}, ...args) };
}

describe('the preload bridge client', () => {
  it('exposes invoke and subscribe only, and speaks only on the ltc: channels', async () => {
    const { ipc, sent } = recordingIpc();
    let n = 0;
    const ltc = createLtcBridgeClient(ipc, () => `sub-${++n}`);
    expect(Object.keys(ltc).sort()).toEqual(['invoke', 'subscribe']);
    expect(await ltc.invoke('accounts/create', { name: 'Acme' })).toEqual({
      ok: true,
      value: 'done',
    });
    const stop = ltc.subscribe('accounts/list', {}, () => undefined);
    stop();
    expect(sent).toEqual([
      { channel: 'ltc:invoke', args: ['accounts/create', { name: 'Acme' }] },
      { channel: 'ltc:subscribe', args: ['sub-1', 'accounts/list', {}] },
      { channel: 'ltc:unsubscribe', args: ['sub-1'] },
    ]);
  });

  it('routes each pushed result to its own subscription and drops those of closed ones', () => {
    const { ipc, push } = recordingIpc();
    let n = 0;
    const ltc = createLtcBridgeClient(ipc, () => `sub-${++n}`);
    const first: unknown[] = [];
    const second: unknown[] = [];
    const stopFirst = ltc.subscribe('accounts/list', {}, (m) => first.push(m));
    ltc.subscribe('contacts/list', {}, (m) => second.push(m));
    push('sub-2', { ok: true, value: ['contact'] });
    push('sub-1', { ok: true, value: ['account'] });
    push('sub-9', { ok: true, value: ['stranger'] });
    push(undefined, { ok: true, value: ['no id'] });
    stopFirst();
    push('sub-1', { ok: true, value: ['late'] });
    expect(first).toEqual([{ ok: true, value: ['account'] }]);
    expect(second).toEqual([{ ok: true, value: ['contact'] }]);
  });

  it('makes a fresh UUID per subscription by default', () => {
    const { ipc, sent } = recordingIpc();
    const ltc = createLtcBridgeClient(ipc);
    ltc.subscribe('accounts/list', {}, () => undefined);
    ltc.subscribe('accounts/list', {}, () => undefined);
    const [a, b] = sent.map((m) => m.args[0]);
    expect(a).toMatch(/^[0-9a-f-]{36}$/);
    expect(a).not.toBe(b);
  });

  it('turns arguments IPC cannot carry into an error envelope instead of a throw', async () => {
    const { ipc, sent } = recordingIpc();
    const ltc = createLtcBridgeClient(ipc);
    const notCloneable = { name: 'Acme', toString: () => 'x' };
    expect(await ltc.invoke('accounts/create', notCloneable)).toMatchObject({
      ok: false,
      error: { type: 'InternalError' },
    });
    const messages: unknown[] = [];
    const stop = ltc.subscribe('accounts/list', notCloneable, (m) => messages.push(m));
    expect(messages).toMatchObject([{ ok: false, error: { type: 'InternalError' } }]);
    stop();
    expect(sent).toEqual([]);
  });
});
