import { afterEach, describe, expect, it } from 'vitest';
import type { CrmCore } from '../core';
import { openTestCore } from '../core/test-support';
import { createDispatcher } from './dispatcher';
import { firstScreen } from './first-screen';

let core: CrmCore;
afterEach(async () => {
  await core.close();
});

const frame = () => new Promise<void>((resolve) => setTimeout(resolve, 5));
const tick = () => new Promise((resolve) => setTimeout(resolve, 50));

/** A real dispatcher on a real core, watched; `isAnswered()` says whether `answered` resolved. */
async function watched() {
  core = await openTestCore();
  const screen = firstScreen(60_000, frame);
  let answered = false;
  void screen.answered.then(() => (answered = true));
  return {
    bridge: screen.watch(createDispatcher(core.service)),
    answered: screen.answered,
    isAnswered: () => answered,
  };
}

describe('firstScreen (the web host starts sync once the first screen has its answers)', () => {
  it('resolves once every query asked has answered, counting one asked meanwhile', async () => {
    const { bridge, answered, isAnswered } = await watched();
    await tick();
    expect(isAnswered()).toBe(false);
    // Sync's own queries answer only once the engine runs: they are not waited for.
    bridge.subscribe('sync/status', {}, () => undefined);
    await tick();
    expect(isAnswered()).toBe(false);

    let accounts = 0;
    let board = false;
    bridge.subscribe('accounts/list', {}, () => {
      accounts += 1;
      // Asked for with the first answer, as a board asks for cards once it has its pipelines.
      if (accounts === 1) bridge.subscribe('board/opportunities', {}, () => (board = true));
    });
    await answered;
    expect(accounts).toBeGreaterThan(0);
    expect(board).toBe(true);
  });

  it('does not wait for a query given up before it answered', async () => {
    const { bridge, isAnswered } = await watched();
    bridge.subscribe('board/opportunities', {}, () => undefined)();
    bridge.subscribe('accounts/list', {}, () => undefined);
    await expect.poll(isAnswered).toBe(true);
  });
});
