import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CrmCore } from '../core/index';
import { openTestCore } from '../core/test-support';
import type { ConflictEntry } from '../sync/types';
import { createDispatcher, type DispatcherOptions } from './dispatcher';
import type { Envelope } from './errors';
import { syncCommandSchemas } from './sync-contract';
import { orderConflicts } from './sync-handlers';

let core: CrmCore;
let logged: Parameters<NonNullable<DispatcherOptions['log']>>[0][];
let bridge: ReturnType<typeof createDispatcher>;

beforeEach(async () => {
  core = await openTestCore();
  logged = [];
  // A host without sync: arguments are still checked first, then the call is Unavailable.
  bridge = createDispatcher(core.service, { log: (e) => logged.push(e) });
});
afterEach(() => core.close());

const PASSWORD = 'Sup3r-secret-密码';

const fieldsOf = (envelope: Envelope<unknown>) =>
  !envelope.ok && envelope.error.type === 'ValidationError' ? envelope.error.fields : undefined;

/** Everything the log hook was given, as the text a log line could ever contain. */
const logText = () =>
  logged.map((e) => `${e.kind} ${e.name} ${String(e.error)} ${JSON.stringify(e.error)}`).join('\n');

describe('sync commands at the dispatcher', () => {
  it('names the server address when it is not an http(s) URL, and never logs the password', async () => {
    for (const serverUrl of ['ftp://sync.example.com', 'javascript:alert(1)', 'http://']) {
      const result = await bridge.invoke('sync/signIn', {
        serverUrl,
        username: 'wang',
        password: PASSWORD,
      });
      expect(fieldsOf(result), serverUrl).toEqual([{ field: 'serverUrl', code: 'invalid' }]);
    }
    const empty = await bridge.invoke('sync/signIn', {
      serverUrl: ' ',
      username: ' ',
      password: '',
    });
    expect(fieldsOf(empty)).toEqual([
      { field: 'serverUrl', code: 'required' },
      { field: 'username', code: 'required' },
      { field: 'password', code: 'required' },
    ]);
    const extra = await bridge.invoke('sync/signIn', {
      serverUrl: 'http://127.0.0.1:8787',
      username: 'wang',
      password: PASSWORD,
      remember: true,
    });
    expect(fieldsOf(extra)).toEqual([{ field: 'remember', code: 'unknownField' }]);
    expect(logged.map((e) => e.kind)).toEqual(Array(5).fill('refused'));
    expect(logText()).not.toContain(PASSWORD);
  });

  it('takes an address without a scheme as https://, the way it is written on a note', () => {
    const parse = (serverUrl: string) =>
      syncCommandSchemas['sync/signIn'].parse({ serverUrl, username: 'wang', password: PASSWORD })
        .serverUrl;
    expect(parse(' 192.168.1.10:8787 ')).toBe('https://192.168.1.10:8787');
    expect(parse('sync.example.cn')).toBe('https://sync.example.cn');
    expect(parse('http://127.0.0.1:8787')).toBe('http://127.0.0.1:8787');
    expect(parse('HTTPS://sync.example.cn/ltc')).toBe('HTTPS://sync.example.cn/ltc');
  });

  it('checks the other sync commands’ arguments by name', async () => {
    expect(fieldsOf(await bridge.invoke('sync/reminder/set', { at: '24:00' }))).toEqual([
      { field: 'at', code: 'invalid' },
    ]);
    expect(fieldsOf(await bridge.invoke('sync/reminder/set', { at: '6:30' }))).toEqual([
      { field: 'at', code: 'invalid' },
    ]);
    expect(fieldsOf(await bridge.invoke('sync/signOut', {}))).toEqual([
      { field: 'removeLocalData', code: 'required' },
    ]);
    expect(fieldsOf(await bridge.invoke('sync/conflicts/restore', { id: '' }))).toEqual([
      { field: 'id', code: 'required' },
    ]);
    expect(fieldsOf(await bridge.invoke('sync/problems/discard', { id: 7 }))).toEqual([
      { field: 'id', code: 'invalid' },
    ]);
  });

  it('answers valid sync calls Unavailable on a host without sync, and sends a password nowhere', async () => {
    const result = await bridge.invoke('sync/signIn', {
      serverUrl: 'https://sync.example.com',
      username: 'wang',
      password: PASSWORD,
    });
    expect(result).toEqual({
      ok: false,
      error: {
        type: 'Unavailable',
        message: 'sync/signIn is not offered here',
        name: 'sync/signIn',
      },
    });
    expect(await bridge.invoke('sync/reminder/set', { at: '18:30' })).toMatchObject({
      error: { type: 'Unavailable', name: 'sync/reminder/set' },
    });
    const messages: Envelope<unknown>[] = [];
    bridge.subscribe('sync/status', {}, (m) => messages.push(m));
    expect(messages).toEqual([
      {
        ok: false,
        error: {
          type: 'Unavailable',
          message: 'sync/status is not offered here',
          name: 'sync/status',
        },
      },
    ]);
    expect(logText()).not.toContain(PASSWORD);
    // The core's own commands are unaffected.
    expect(await bridge.invoke('accounts/create', { name: '华为技术' })).toMatchObject({
      ok: true,
    });
  });
});

describe('user administration commands at the dispatcher', () => {
  it('names each invalid field of a new user, and never logs the password', async () => {
    const user = { username: 'li.na', name: '李娜', role: 'rep', password: PASSWORD };
    const invalid = await bridge.invoke('admin/users/create', {
      username: 'x'.repeat(65),
      name: '',
      role: 'owner',
      password: 'Ab3$xy7',
    });
    expect(fieldsOf(invalid)).toEqual([
      { field: 'username', code: 'tooLong' },
      { field: 'name', code: 'required' },
      { field: 'role', code: 'invalid' },
      { field: 'password', code: 'tooShort' },
    ]);
    expect(
      fieldsOf(await bridge.invoke('admin/users/create', { ...user, username: 'li na' })),
    ).toEqual([{ field: 'username', code: 'invalid' }]);
    // Empty is "required", not "too short".
    expect(fieldsOf(await bridge.invoke('admin/users/create', { ...user, password: '' }))).toEqual([
      { field: 'password', code: 'required' },
    ]);
    // The bounds themselves pass: 64 characters of username, 8 of password.
    const atBounds = await bridge.invoke('admin/users/create', {
      ...user,
      username: 'u'.repeat(64),
      password: '12345678',
    });
    expect(atBounds).toMatchObject({ error: { type: 'Unavailable' } });
    expect(await bridge.invoke('admin/users/create', user)).toMatchObject({
      error: { type: 'Unavailable', name: 'admin/users/create' },
    });
    expect(logText()).not.toContain(PASSWORD);
    expect(logText()).not.toContain('Ab3$xy7');
  });

  it('checks updates and password resets by the argument path', async () => {
    expect(
      fieldsOf(
        await bridge.invoke('admin/users/update', { id: 'u1', patch: { role: 'boss', x: 1 } }),
      ),
    ).toEqual([
      { field: 'patch.role', code: 'invalid' },
      { field: 'patch.x', code: 'unknownField' },
    ]);
    expect(
      fieldsOf(await bridge.invoke('admin/users/update', { id: '', patch: { disabled: 'yes' } })),
    ).toEqual([
      { field: 'id', code: 'required' },
      { field: 'patch.disabled', code: 'invalid' },
    ]);
    expect(
      fieldsOf(await bridge.invoke('admin/users/resetPassword', { id: 'u1', password: 'short' })),
    ).toEqual([{ field: 'password', code: 'tooShort' }]);
    expect(fieldsOf(await bridge.invoke('admin/users/list', { all: true }))).toEqual([
      { field: 'all', code: 'unknownField' },
    ]);
  });
});

describe('orderConflicts', () => {
  const entry = (id: string, at: number, resolvedAt?: number): ConflictEntry => ({
    id,
    collection: 'opportunities',
    recordId: 'r',
    recordLabel: 'r',
    field: 'amount',
    keptValue: 1,
    overwrittenValue: 2,
    at,
    ...(resolvedAt === undefined ? {} : { resolvedAt, resolution: 'dismissed' as const }),
  });

  it('lists unresolved entries first, each group newest first, without changing its input', () => {
    const input = [
      entry('a', 1),
      entry('b', 5, 6),
      entry('c', 3),
      entry('d', 9, 10),
      entry('e', 2),
    ];
    expect(orderConflicts(input).map((e) => e.id)).toEqual(['c', 'e', 'a', 'd', 'b']);
    expect(input.map((e) => e.id)).toEqual(['a', 'b', 'c', 'd', 'e']);
  });
});
