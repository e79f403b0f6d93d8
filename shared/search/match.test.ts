import fc from 'fast-check';
import { match as pinyinProMatch } from 'pinyin-pro';
import { describe, expect, it } from 'vitest';
import { matchText } from './match';
import { foldQuery } from './normalize';
import { readingsOf, searchKey } from './pinyin-keys';

const found = (text: string, typed: string) => matchText(foldQuery(typed), searchKey(text));
const how = (text: string, typed: string) => found(text, typed)?.how ?? null;
const highlighted = (text: string, typed: string) => {
  const m = found(text, typed);
  return m ? text.slice(m.range[0], m.range[1]) : null;
};

describe('matchText', () => {
  it('finds 华为 by initials, full pinyin and a mix, in any case and with spaces', () => {
    expect(how('华为技术', 'hw')).toBe('initials');
    expect(how('华为技术', 'HW')).toBe('initials');
    expect(how('华为技术', 'huawei')).toBe('pinyin');
    expect(how('华为技术', 'hua wei')).toBe('pinyin');
    expect(how('华为技术', 'huaw')).toBe('pinyin');
    expect(how('华为技术', 'hwei')).toBe('initials');
    expect(how('华为技术', 'hwjs')).toBe('initials');
    expect(how('华华术华', 'hhshua')).toBe('initials'); // 术 typed "s" though "shu" also fits
    expect(highlighted('华为技术', 'hw')).toBe('华为');
    expect(highlighted('华为技术', 'jishu')).toBe('技术');
  });

  it('needs consecutive characters and real readings', () => {
    expect(how('华为技术', 'hj')).toBeNull(); // 华 and 技 are not neighbours
    expect(how('华为技术', 'xyz')).toBeNull();
    expect(how('华为技术', 'huwei')).toBeNull(); // "hu" is neither an initial nor a reading of 华
    expect(how('中兴通讯', 'zxtx')).toBe('initials');
    expect(how('中兴通讯', 'zhongxingtongxun')).toBe('pinyin');
    expect(how('中兴通讯', 'zxtxy')).toBeNull();
  });

  it('knows every reading of a polyphonic character', () => {
    expect(readingsOf('重')).toEqual(expect.arrayContaining(['zhong', 'chong']));
    expect(how('重庆', 'chongqing')).toBe('pinyin');
    expect(how('重庆', 'cq')).toBe('initials');
    expect(how('长城', 'changcheng')).toBe('pinyin');
    expect(how('长城', 'cc')).toBe('initials');
    expect(how('银行', 'yinhang')).toBe('pinyin');
    expect(how('招商银行', 'yh')).toBe('initials');
    expect(highlighted('招商银行', 'yinhang')).toBe('银行');
    // ü typed as v, as pinyin keyboards do.
    expect(how('绿地集团', 'lvdi')).toBe('pinyin');
  });

  it('mixes Latin and Chinese, ignoring spaces and width', () => {
    expect(how('ABB 中国', 'abb')).toBe('prefix');
    expect(how('ABB 中国', 'ＡＢＢ')).toBe('prefix');
    expect(how('ABB 中国', 'abb中国')).toBe('exact');
    expect(how('ABB 中国', 'abbzg')).toBe('initials');
    expect(how('ABB 中国', 'abbzhongguo')).toBe('pinyin');
    expect(highlighted('ABB 中国', 'zg')).toBe('中国');
    expect(how('ABB 中国', 'abbz')).toBe('pinyin'); // the last character may be cut short
    expect(how('华为w', '华为w')).toBe('exact');
    expect(how('华为技术', '华w')).toBe('pinyin');
  });

  it('ranks a plain match by where it is: exact, prefix, substring', () => {
    expect(how('Siemens', 'siemens')).toBe('exact');
    expect(how('Siemens', 'SIE')).toBe('prefix');
    expect(how('Siemens AG', 'mens a')).toBe('substring');
    expect(highlighted('Siemens AG', 'mens a')).toBe('mens A');
    expect(how('li.lei@huawei.com', 'huawei.com')).toBe('substring');
    expect(how('华为技术', '技术')).toBe('substring');
    expect(how('Siemens', '')).toBeNull();
  });
});

/** A name of 1–6 characters from a small set with polyphonic ones, sometimes with Latin in it. */
const NAME_CHARS = [...'华为技术中兴通讯重庆长城银行招商行乐音都会了得说和传', 'A', 'B', ' '];
const name = fc
  .array(fc.constantFrom(...NAME_CHARS), { minLength: 1, maxLength: 6 })
  .map((cs) => cs.join(''))
  .filter((s) => s.trim().length > 0);
/** Queries pinyin-pro and we both understand: letters without v (pinyin-pro spells ü as ü). */
const query = fc.stringMatching(/^[a-uw-z]{1,8}$/);

/**
 * pinyin-pro's own `match` is the oracle, one way: whatever it finds we find. Not the other way:
 * for each character it tries only the first whole reading that fits the query (得 "de" before
 * "dei"), so it misses "deix" in 得行, which we find.
 */
describe('matchText finds whatever pinyin-pro finds', () => {
  it('on queries typed from the name’s own readings, initials or characters', () => {
    // Each character typed as a reading, its initial, or itself; a consecutive stretch of them.
    const typedFrom = (text: string, from: number, picks: number[], length: number) => {
      const chars = [...text].filter((c) => c !== ' ');
      const typed = chars.slice(from % chars.length).map((c, i) => {
        const rs = readingsOf(c);
        const pick = picks[i] ?? 0;
        if (!rs.length) return c.toLowerCase();
        const r = rs[pick % rs.length]!;
        return pick % 2 ? r : r[0]!;
      });
      return typed.slice(0, 1 + (length % typed.length)).join('');
    };
    const picks = fc.array(fc.nat({ max: 9 }), { minLength: 6, maxLength: 6 });
    fc.assert(
      fc.property(name, fc.nat(), picks, fc.nat(), (text, from, chosen, length) => {
        const typed = typedFrom(text, from, chosen, length);
        expect(found(text, typed), typed).not.toBeNull();
      }),
      { numRuns: 300 },
    );
  });

  it('on arbitrary letters', () => {
    fc.assert(
      fc.property(name, query, (text, typed) => {
        if (pinyinProMatch(text, typed, { continuous: true }) !== null) {
          expect(found(text, typed)).not.toBeNull();
        }
      }),
      { numRuns: 3000 },
    );
  });

  it('where pinyin-pro stops at the first fitting reading', () => {
    expect(pinyinProMatch('B得行', 'deix', { continuous: true })).toBeNull();
    expect(how('B得行', 'deix')).toBe('pinyin');
  });
});
