import { isReminderDue, reminderCheckDelay } from './reminder';
import { normaliseServerUrl } from './http-client';
import { appendConflicts } from './local-state';
import { canonicalJson, hash64 } from './merge';
import type { ConflictEntry } from './types';

describe('normaliseServerUrl', () => {
  it('accepts what people type and drops the trailing slash', () => {
    expect(normaliseServerUrl(' http://192.168.1.10:8787/ ')).toBe('http://192.168.1.10:8787');
    expect(normaliseServerUrl('sync.example.com')).toBe('https://sync.example.com');
    expect(normaliseServerUrl('192.168.1.10:8787')).toBe('https://192.168.1.10:8787');
    expect(normaliseServerUrl('https://example.com/ltc/')).toBe('https://example.com/ltc');
  });

  it('refuses addresses that are not an http(s) server', () => {
    expect(() => normaliseServerUrl('ftp://example.com')).toThrow(/http or https/);
    expect(() => normaliseServerUrl('http://user:pw@example.com')).toThrow(/user name/);
    expect(() => normaliseServerUrl('http://exa mple.com')).toThrow(/not a server address/);
  });
});

describe('isReminderDue', () => {
  const at = (h: number, m: number) => new Date(2026, 2, 2, h, m).getTime();
  it('is due from the reminder time on, while changes wait', () => {
    expect(isReminderDue(at(17, 59), '18:00', 3)).toBe(false);
    expect(isReminderDue(at(18, 0), '18:00', 3)).toBe(true);
    expect(isReminderDue(at(23, 30), '18:00', 3)).toBe(true);
  });
  it('is never due with nothing waiting', () => {
    expect(isReminderDue(at(23, 30), '18:00', 0)).toBe(false);
  });
  it('is checked again at the reminder time, at midnight, and at least hourly', () => {
    expect(reminderCheckDelay(at(17, 30), '18:00')).toBe(30 * 60_000);
    expect(reminderCheckDelay(at(23, 30), '18:00')).toBe(30 * 60_000);
    expect(reminderCheckDelay(at(9, 0), '18:00')).toBe(3_600_000);
  });
});

describe('appendConflicts', () => {
  const entry = (id: string, resolvedAt?: number): ConflictEntry => ({
    id,
    collection: 'accounts',
    recordId: 'r',
    recordLabel: 'r',
    field: 'name',
    keptValue: 'a',
    overwrittenValue: 'b',
    at: 1,
    ...(resolvedAt !== undefined ? { resolvedAt, resolution: 'dismissed' as const } : {}),
  });

  it('adds new ids only, keeping an entry already reviewed as it is', () => {
    const log = appendConflicts({ entries: [entry('a', 5)] }, [entry('a'), entry('b')]);
    expect(log.entries.map((e) => [e.id, e.resolvedAt])).toEqual([
      ['a', 5],
      ['b', undefined],
    ]);
  });

  it('drops the oldest reviewed entries past 500, never an open one', () => {
    const reviewed = Array.from({ length: 500 }, (_, i) => entry(`r${i}`, i + 10));
    const log = appendConflicts({ entries: [entry('open'), ...reviewed] }, [entry('new', 1)]);
    expect(log.entries).toHaveLength(501);
    expect(log.entries.some((e) => e.id === 'open')).toBe(true);
    expect(log.entries.some((e) => e.id === 'new')).toBe(false);
    expect(log.entries.some((e) => e.id === 'r499')).toBe(true);
  });
});

describe('canonicalJson and hash64', () => {
  it('give equal values the same text and hash whatever the key order', () => {
    expect(canonicalJson({ b: 1, a: { d: [1, { y: 2, x: 1 }], c: undefined } })).toBe(
      '{"a":{"d":[1,{"x":1,"y":2}]},"b":1}',
    );
    expect(hash64(canonicalJson({ a: 1, b: 2 }))).toBe(hash64(canonicalJson({ b: 2, a: 1 })));
    expect(hash64('a')).not.toBe(hash64('b'));
    expect(hash64('abc')).toMatch(/^[0-9a-f]{16}$/);
  });
});
