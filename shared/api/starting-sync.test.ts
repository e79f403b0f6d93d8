import { afterEach, describe, expect, it } from 'vitest';
import { openTestCore } from '../core/test-support';
import { createSyncEngine } from '../sync/engine';
import type { SyncEngine, TokenVault } from '../sync/types';
import type { CrmCore } from '../core';
import { withSync, type SyncService } from './crm-api';
import { createDispatcher } from './dispatcher';
import type { Envelope } from './errors';
import { createSyncHandlers } from './sync-handlers';
import { whenSyncStarts } from './starting-sync';

/** A token vault in memory (nobody is signed in here, so it stays empty). */
const vault: TokenVault = {
  load: async () => undefined,
  save: async () => undefined,
  clear: async () => undefined,
};

let core: CrmCore;
let engine: SyncEngine | undefined;
afterEach(async () => {
  await engine?.close();
  engine = undefined;
  await core.close();
});

/** A bridge over the core and an engine that starts when `start` is called. */
async function hostWithHeldSync() {
  core = await openTestCore();
  let start!: (sync: SyncService | undefined) => void;
  const starting = new Promise<SyncService | undefined>((resolve) => (start = resolve));
  const bridge = createDispatcher(withSync(core.service, whenSyncStarts(starting)));
  const startEngine = async () => {
    engine = await createSyncEngine({ database: core.database, vault });
    start(createSyncHandlers(engine));
  };
  return { bridge, startEngine, fail: () => start(undefined) };
}

const tick = () => new Promise((resolve) => setTimeout(resolve, 20));

describe('whenSyncStarts (issue 19: the local UI never waits for sync)', () => {
  it('answers the core at once; sync calls wait for the engine, then run on it', async () => {
    const { bridge, startEngine } = await hostWithHeldSync();
    expect(await bridge.invoke('accounts/create', { name: '宁德时代' })).toMatchObject({
      ok: true,
    });
    const statuses: Envelope<unknown>[] = [];
    bridge.subscribe('sync/status', {}, (message) => statuses.push(message));
    const gone: Envelope<unknown>[] = [];
    bridge.subscribe('sync/status', {}, (message) => gone.push(message))();
    let reminder: Envelope<unknown> | undefined;
    void bridge.invoke('sync/reminder/set', { at: '17:30' }).then((reply) => (reminder = reply));
    await tick();
    expect(statuses).toEqual([]);
    expect(reminder).toBeUndefined();

    await startEngine();
    await expect.poll(() => reminder).toEqual({ ok: true, value: undefined });
    await expect
      .poll(() => statuses.at(-1))
      .toMatchObject({ ok: true, value: { state: 'signedOut', reminderAt: '17:30' } });
    // Unsubscribed before the engine ran: never subscribed to it.
    expect(gone).toEqual([]);
  });

  it('answers Unavailable, as a host without sync, when the engine could not start', async () => {
    const { bridge, fail } = await hostWithHeldSync();
    const statuses: Envelope<unknown>[] = [];
    bridge.subscribe('sync/status', {}, (message) => statuses.push(message));
    const now = bridge.invoke('sync/now', {});
    fail();
    expect(await now).toMatchObject({
      ok: false,
      error: { type: 'Unavailable', name: 'sync/now' },
    });
    await expect
      .poll(() => statuses)
      .toEqual([{ ok: false, error: expect.objectContaining({ type: 'Unavailable' }) }]);
    expect(await bridge.invoke('accounts/create', { name: '比亚迪' })).toMatchObject({ ok: true });
  });
});
