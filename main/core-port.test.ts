import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createCrmClient, type LiveMessage, type LtcWireBridge } from '../shared/api';
import { openCoreHost } from './core-host';
import { openWorkerCoreHost, type WorkerCoreHost } from './core-port';
import { answerOf } from './test-support/core-host-fixture';

/**
 * The desktop core in its worker_thread (issue 19), as main.ts opens it: a real worker running
 * main/core-worker.ts, the profile's real SQLite file in a temp folder, main's bridge over a real
 * MessagePort. Sync through the worker, with the token kept by main, is
 * test/sync/core-worker-sync.test.ts.
 */

let userData: string;
let host: WorkerCoreHost | undefined;
let logged: string[];

beforeEach(async () => {
  userData = await mkdtemp(path.join(tmpdir(), 'ltc-core-worker-'));
  logged = [];
});
afterEach(async () => {
  await host?.close();
  host = undefined;
  await rm(userData, { recursive: true, force: true });
});

async function openHost(): Promise<WorkerCoreHost> {
  const start = await openWorkerCoreHost({
    userDataDir: userData,
    osUsername: 'zhang',
    log: (message) => logged.push(message),
  });
  if (!start.started) throw new Error(`did not start: ${start.problem.code}`);
  host = start.host;
  return host;
}

const until = (check: () => boolean) =>
  expect.poll(check, { timeout: 10_000, interval: 10 }).toBe(true);

function collect(bridge: LtcWireBridge, query: string, args: unknown = {}) {
  const messages: LiveMessage[] = [];
  const stop = bridge.subscribe(query, args, (message) => messages.push(message));
  return { messages, stop };
}

describe('the desktop core in its worker_thread', { timeout: 60_000 }, () => {
  it('runs commands in the worker, on the profile SQLite file main would have opened', async () => {
    const { bridge, worker, databaseFile, user } = await openHost();
    expect(worker.threadId).toBeGreaterThan(0);
    expect(databaseFile.startsWith(path.join(userData, 'profiles', user.id))).toBe(true);
    const created = await bridge.invoke('accounts/create', { name: '宁德时代' });
    expect(created).toMatchObject({ ok: true, value: { name: '宁德时代', ownerId: user.id } });
    const refused = await bridge.invoke('accounts/create', { name: '' });
    expect(refused).toMatchObject({ ok: false, error: { type: 'ValidationError' } });
    await host!.close();
    host = undefined;

    // Written to the file: the same profile opened in this thread finds the account.
    const again = await openCoreHost({ userDataDir: userData, osUsername: 'zhang' });
    if (!again.started) throw new Error('did not reopen');
    try {
      const names = (await again.host.core.database.accounts.find().exec()).map((a) => a.name);
      expect(names).toEqual(['宁德时代']);
    } finally {
      await again.host.close();
    }
  });

  it('brings an error inside the core back to the caller as its typed error', async () => {
    const { bridge } = await openHost();
    const missing = await bridge.invoke('accounts/archive', {
      id: '01900000-0000-7000-8000-000000000000',
    });
    expect(missing).toMatchObject({ ok: false, error: { type: 'NotFound', entity: 'account' } });
    const unknown = await bridge.invoke('accounts/explode', {});
    expect(unknown.ok).toBe(false);
    // The refusals reached main's log from the worker's dispatcher.
    await until(() => logged.some((line) => line.includes('accounts/explode')));
  });

  it('sends a board whole once, then what changed; the client rebuilds the board a fresh query gives', async () => {
    const { bridge } = await openHost();
    const wire = collect(bridge, 'board/opportunities');
    const boards: unknown[] = [];
    const stopBoards = createCrmClient(bridge).subscribe('board/opportunities', {}, (board) =>
      boards.push(board),
    );
    await until(() => wire.messages.length === 1 && boards.length === 1);
    const { id: accountId } = await answerOf<{ id: string }>(
      bridge.invoke('accounts/create', { name: 'Acme Trading' }),
    );
    const deal = (title: string) =>
      answerOf<{ id: string }>(
        bridge.invoke('opportunities/create', {
          title,
          accountId,
          amount: { minor: 1_000_000, currency: 'CNY' },
        }),
      );
    for (const title of ['Acme MES', 'Acme PLC', 'Acme Vision']) await deal(title);
    await until(() => JSON.stringify(boards.at(-1)).includes('Acme Vision'));
    const before = wire.messages.length;
    await deal('Acme Robots');
    await until(() => JSON.stringify(boards.at(-1)).includes('Acme Robots'));
    expect(wire.messages[0]).toHaveProperty('value');
    expect(wire.messages.slice(before).some((message) => 'boardDiff' in message)).toBe(true);
    const fresh = collect(bridge, 'board/opportunities');
    await until(() => fresh.messages.length === 1);
    expect(boards.at(-1)).toEqual((fresh.messages[0] as { value: unknown }).value);
    wire.stop();
    stopBoards();
    fresh.stop();
  });

  it('closes the core and the worker ends by itself, with no live query or handle left', async () => {
    const { bridge, worker } = await openHost();
    const accounts = collect(bridge, 'accounts/list');
    await until(() => accounts.messages.length === 1);
    const exitCode = new Promise<number>((resolve) => worker.once('exit', resolve));
    await host!.close();
    // The thread had ended when close answered (Node sets an ended worker's threadId to -1).
    expect(worker.threadId).toBe(-1);
    // 0: it ended because nothing held it, not because it was stopped (terminate gives 1).
    expect(await exitCode).toBe(0);
    expect(logged.join('\n')).not.toContain('did not end by itself');
    // After the close, a call is answered with an error at once, never left waiting.
    expect(await bridge.invoke('accounts/list', {})).toMatchObject({
      ok: false,
      error: { type: 'InternalError' },
    });
    host = undefined;
  });

  it('answers calls still waiting with an error when the worker stops', async () => {
    const { bridge, worker } = await openHost();
    const live = collect(bridge, 'accounts/list');
    await until(() => live.messages.length === 1);
    const waiting = bridge.invoke('accounts/create', { name: 'Never answered' });
    await worker.terminate();
    expect(await waiting).toMatchObject({
      ok: false,
      error: { type: 'InternalError', message: expect.stringContaining('stopped') },
    });
    await until(() => live.messages.length === 2);
    expect(live.messages[1]).toMatchObject({ ok: false, error: { type: 'InternalError' } });
    await host!.close();
    host = undefined;
  });

  it('rejects with the reason when the core cannot open', async () => {
    // A file where the profiles folder must be: the core cannot create its database.
    const blocked = path.join(userData, 'blocked');
    await writeFile(blocked, 'not a folder');
    await expect(openWorkerCoreHost({ userDataDir: blocked, osUsername: 'zhang' })).rejects.toThrow(
      /ENOTDIR|EEXIST|not a directory/i,
    );
  });
});
