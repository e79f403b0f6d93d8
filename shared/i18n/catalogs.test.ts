import { describe, expect, it } from 'vitest';
import { CATALOGS, LANGUAGES, pickLanguage } from './index';

type Tree = { [key: string]: string | Tree };

function leaves(tree: Tree, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(tree)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === 'string') out.set(path, value);
    else for (const [k, v] of leaves(value, path)) out.set(k, v);
  }
  return out;
}

const placeholders = (text: string) => [...text.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]).sort();

describe('message catalogs', () => {
  const zh = leaves(CATALOGS['zh-CN']);

  it.each(LANGUAGES.filter((l) => l !== 'zh-CN'))(
    '%s has exactly the keys of zh-CN',
    (language) => {
      const other = leaves(CATALOGS[language]);
      expect([...other.keys()].sort()).toEqual([...zh.keys()].sort());
    },
  );

  it.each(LANGUAGES.filter((l) => l !== 'zh-CN'))(
    '%s uses the same interpolation placeholders as zh-CN in every message',
    (language) => {
      const other = leaves(CATALOGS[language]);
      for (const [key, text] of zh) {
        expect({ key, placeholders: placeholders(other.get(key) ?? '') }).toEqual({
          key,
          placeholders: placeholders(text),
        });
      }
    },
  );

  it('has no empty message except where a language needs no word', () => {
    for (const language of LANGUAGES) {
      const empty = [...leaves(CATALOGS[language])].filter(([, text]) => text.trim() === '');
      // Chinese says "这条记录" where English says "this record": the generic entity word is empty.
      expect(empty.map(([key]) => key)).toEqual(
        language === 'zh-CN' ? ['errors.entities.record'] : [],
      );
    }
  });

  it('uses the glossary terms for the opportunity stages and gate messages', () => {
    expect(CATALOGS['zh-CN'].stages.opportunity).toMatchObject({ won: '赢单', lost: '输单' });
    expect(CATALOGS['zh-CN'].move.missing).toEqual({
      amount: '需要填写金额',
      expectedClose: '需要预计成交日期',
      contactId: '需要联系人',
      lostReason: '需要输单原因',
    });
  });
});

describe('pickLanguage', () => {
  it('prefers the saved choice', () => {
    expect(pickLanguage('en', 'zh-CN')).toBe('en');
    expect(pickLanguage('zh-CN', 'en-US')).toBe('zh-CN');
  });

  it('falls back to English only for an English system, else zh-CN', () => {
    expect(pickLanguage(null, 'en-GB')).toBe('en');
    expect(pickLanguage(null, 'zh-TW')).toBe('zh-CN');
    expect(pickLanguage('fr', 'de-DE')).toBe('zh-CN');
    expect(pickLanguage(undefined, undefined)).toBe('zh-CN');
  });
});
