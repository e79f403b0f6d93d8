import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CrmCore } from '../core/index';
import { openTestCore } from '../core/test-support';
import type { CrmService } from './crm-api';
import { createDispatcher, type DispatcherOptions } from './dispatcher';
import type { Envelope } from './errors';

let core: CrmCore;
let calls: string[];
let logged: Parameters<NonNullable<DispatcherOptions['log']>>[0][];
let bridge: ReturnType<typeof createDispatcher>;

/** The real core's service, with each handler noting its name before it runs. */
function recordingService(service: CrmService): CrmService {
  const wrap = <T extends object>(handlers: T): T =>
    Object.fromEntries(
      Object.entries(handlers).map(([name, handler]: [string, (...a: unknown[]) => unknown]) => [
        name,
        (...args: unknown[]) => {
          calls.push(name);
          return handler(...args);
        },
      ]),
    ) as T;
  return { commands: wrap(service.commands), queries: wrap(service.queries) };
}

beforeEach(async () => {
  core = await openTestCore();
  calls = [];
  logged = [];
  bridge = createDispatcher(recordingService(core.service), { log: (e) => logged.push(e) });
});
afterEach(() => core.close());

async function nothingWritten(): Promise<void> {
  for (const collection of Object.values(core.database.collections)) {
    expect(await collection.count().exec(), collection.name).toBe(0);
  }
}

describe('createDispatcher: commands', () => {
  it('refuses an unknown command with a ValidationError naming it; no handler runs', async () => {
    for (const name of ['accounts/drop', 'constructor', '__proto__', 'toString', '']) {
      expect(await bridge.invoke(name, {})).toEqual({
        ok: false,
        error: {
          type: 'ValidationError',
          message: `unknown command ${name}`,
          fields: [{ field: 'command', code: 'invalid' }],
        },
      });
    }
    expect(calls).toEqual([]);
    expect(logged.map((e) => e.kind)).toEqual([
      'refused',
      'refused',
      'refused',
      'refused',
      'refused',
    ]);
    await nothingWritten();
  });

  it('refuses invalid arguments naming every bad field; no handler runs, nothing is written', async () => {
    const result = await bridge.invoke('opportunities/create', {
      title: '  ',
      accountId: 'not-a-uuid',
      amount: { minor: 1.5, currency: 'rmb' },
      expectedClose: '2026-02-30',
      stage: 'won',
    });
    expect(result.ok).toBe(false);
    const error = (result as Extract<Envelope<unknown>, { ok: false }>).error;
    expect(error.type).toBe('ValidationError');
    expect(error.type === 'ValidationError' && error.fields).toEqual(
      expect.arrayContaining([
        { field: 'title', code: 'required' },
        { field: 'accountId', code: 'invalid' },
        { field: 'amount.minor', code: 'invalid' },
        { field: 'amount.currency', code: 'invalid' },
        { field: 'expectedClose', code: 'invalid' },
        { field: 'stage', code: 'unknownField' },
      ]),
    );
    for (const args of [undefined, null, 'x', [], { name: 'x'.repeat(201) }]) {
      const refused = await bridge.invoke('accounts/create', args);
      expect(refused, JSON.stringify(args)).toMatchObject({
        ok: false,
        error: { type: 'ValidationError' },
      });
    }
    expect(await bridge.invoke('accounts/create', {})).toMatchObject({
      error: { type: 'ValidationError', fields: [{ field: 'name', code: 'required' }] },
    });
    expect(calls).toEqual([]);
    await nothingWritten();
  });

  it('passes valid arguments, parsed, to the handler and wraps the result', async () => {
    const result = await bridge.invoke('accounts/create', { name: '  华为技术  ' });
    expect(calls).toEqual(['accounts/create']);
    expect(result).toMatchObject({ ok: true, value: { name: '华为技术', archived: false } });
  });

  it('turns a domain error into its data and an unexpected error into InternalError', async () => {
    const missing = await bridge.invoke('accounts/archive', {
      id: '01900000-0000-7000-8000-000000000000',
    });
    expect(missing).toMatchObject({ ok: false, error: { type: 'NotFound', entity: 'account' } });
    await core.close();
    const broken = await bridge.invoke('accounts/create', { name: 'after close' });
    expect(broken).toEqual({
      ok: false,
      error: { type: 'InternalError', message: 'internal error' },
    });
    expect(logged.map((e) => [e.kind, e.name])).toEqual([
      ['failed', 'accounts/archive'],
      ['failed', 'accounts/create'],
    ]);
  });
});

describe('createDispatcher: live queries', () => {
  it('refuses an unknown query or invalid arguments with one error message; no handler runs', () => {
    const messages: Envelope<unknown>[] = [];
    const unsubscribe = bridge.subscribe('board/nowhere', {}, (m) => messages.push(m));
    bridge.subscribe('contacts/list', { accountId: 'nope', extra: 1 }, (m) => messages.push(m));
    expect(messages).toEqual([
      {
        ok: false,
        error: {
          type: 'ValidationError',
          message: 'unknown query board/nowhere',
          fields: [{ field: 'query', code: 'invalid' }],
        },
      },
      {
        ok: false,
        error: {
          type: 'ValidationError',
          message: expect.any(String),
          fields: [
            { field: 'accountId', code: 'invalid' },
            { field: 'extra', code: 'unknownField' },
          ],
        },
      },
    ]);
    expect(calls).toEqual([]);
    expect(() => unsubscribe()).not.toThrow();
  });

  it('streams results of a valid query until unsubscribed', async () => {
    const messages: Envelope<unknown>[] = [];
    const unsubscribe = bridge.subscribe('accounts/list', {}, (m) => messages.push(m));
    await expect.poll(() => messages.length).toBe(1);
    expect(messages[0]).toEqual({ ok: true, value: [] });
    await bridge.invoke('accounts/create', { name: '华为技术' });
    await expect.poll(() => messages.length).toBe(2);
    expect(messages[1]).toMatchObject({ ok: true, value: [{ name: '华为技术' }] });
    unsubscribe();
    expect(calls).toEqual(['accounts/list', 'accounts/create']);
  });
});
