import { describe, expect, it } from 'vitest';
import { EntryCache, indexPhone, indexText, search, type SearchEntry } from './rank';

type Field = 'name' | 'phone' | 'email';
const entry = (
  name: string,
  more: { phone?: string; email?: string; kindOrder?: number } = {},
): SearchEntry<string, Field> => ({
  value: name,
  texts: [
    indexText<Field>('name', name),
    ...(more.phone ? [indexPhone<Field>('phone', more.phone)] : []),
    ...(more.email ? [indexText<Field>('email', more.email)] : []),
  ],
  kindOrder: more.kindOrder ?? 0,
  sortName: name,
});
const names = (entries: SearchEntry<string, Field>[], typed: string, limit = 20) =>
  search(entries, typed, limit).map((f) => f.value);

describe('search ranking', () => {
  it('puts exact before prefix before substring before full pinyin before initials', () => {
    const entries = [
      entry('海外华为合作伙伴'), // pinyin "huawei" inside
      entry('华为技术'), // pinyin from the start
      entry('hw-partner'), // prefix "hw"
      entry('oem hw'), // substring
      entry('hw'), // exact
      entry('黄屋物流'), // initials h w (huang wu)
      entry('中兴通讯'), // no match
    ];
    expect(names(entries, 'hw')).toEqual([
      'hw',
      'hw-partner',
      'oem hw',
      '华为技术',
      '黄屋物流',
      '海外华为合作伙伴',
    ]);
    // Full pinyin outranks initials; an earlier match outranks a later one.
    expect(names(entries, 'huawei')).toEqual(['华为技术', '海外华为合作伙伴']);
    expect(names(entries, 'HW', 2)).toEqual(['hw', 'hw-partner']);
  });

  it('ranks a match in the name above one in a phone or email', () => {
    const entries = [
      entry('Lee Trading', { email: 'sales@abb.com' }),
      entry('ABB 中国', { phone: '010-5821 7788' }),
    ];
    expect(names(entries, 'abb')).toEqual(['ABB 中国', 'Lee Trading']);
  });

  it('matches phone numbers on their digits, however they are written', () => {
    const entries = [
      entry('张伟', { phone: '+86 138-0013-8000' }),
      entry('李娜', { phone: '(010) 6543 2100' }),
      entry('王芳', { email: 'wang@example.com' }),
    ];
    expect(names(entries, '13800138000')).toEqual(['张伟']);
    expect(names(entries, '138 0013')).toEqual(['张伟']);
    expect(names(entries, '6543-21')).toEqual(['李娜']);
    // Two digits are not yet a phone number; "010" is (a prefix of 李娜's, inside 张伟's).
    expect(names(entries, '010')).toEqual(['李娜']);
    const [hit] = search(entries, '0013 8000', 5);
    expect(hit).toMatchObject({ field: 'phone', how: 'substring' });
    expect(hit!.text.slice(hit!.range[0], hit!.range[1])).toBe('0013-8000');
  });

  it('finds nothing for a blank query, and ties break by kind then name', () => {
    const entries = [entry('华为', { kindOrder: 2 }), entry('华为', { kindOrder: 1 })];
    expect(search(entries, '   ', 10)).toEqual([]);
    expect(search(entries, 'hw', 10).map((f) => f.value)).toEqual(['华为', '华为']);
    expect(search([entry('华为b'), entry('华为a')], 'huawei', 10).map((f) => f.value)).toEqual([
      '华为a',
      '华为b',
    ]);
  });
});

describe('EntryCache', () => {
  it('builds a record’s texts once per version and forgets records that are gone', () => {
    const cache = new EntryCache<Field>();
    let builds = 0;
    const build = (name: string) => () => {
      builds += 1;
      return [indexText<Field>('name', name)];
    };
    const first = cache.texts('a', 1, build('华为'));
    cache.texts('b', 1, build('中兴'));
    cache.sweep();
    expect(cache.texts('a', 1, build('华为'))).toBe(first);
    expect(builds).toBe(2);
    expect(cache.texts('a', 2, build('华为云'))[0]!.text).toBe('华为云');
    expect(builds).toBe(3);
    cache.sweep(); // 'b' was not asked for since the last sweep
    expect(cache.size).toBe(1);
  });
});
