import { describe, expect, it } from 'vitest';
import { createI18n } from '../i18n/i18n';
import { makeFormatters } from '../i18n/format';
import { fieldLabel, phaseStageName, valueText, whenText, type ValueContext } from './history-text';

function context(language: 'zh-CN' | 'en'): ValueContext {
  const i18n = createI18n(language);
  return {
    i18n,
    t: i18n.t,
    format: makeFormatters(language),
    names: new Map([['acc-1', '华为技术']]),
  };
}

describe('history values as a person reads them', () => {
  const zh = context('zh-CN');

  it('turns stored strings back into money, dates, lists, scorecards and names', () => {
    expect(valueText(zh, 'amount', '{"minor":1200000,"currency":"CNY"}')).toBe('¥12,000.00');
    expect(valueText(zh, 'dueOn', '2026-03-01')).toBe('2026年3月1日');
    expect(
      valueText(zh, 'paymentPlan', '[{"id":"a","name":"首付款"},{"id":"b","name":"到货款"}]'),
    ).toBe('首付款、到货款');
    const four = JSON.stringify(['一', '二', '三', '四'].map((name, id) => ({ id, name })));
    expect(valueText(zh, 'milestones', four)).toBe('一、二、三 等 4 项');
    expect(valueText(zh, 'invoiceIds', '["x","y"]')).toBe('x、y');
    expect(valueText(zh, 'approvals', '[{"status":"approved"}]')).toBe('1 项');
    expect(
      valueText(
        zh,
        'scorecard',
        '{"budget":"yes","authority":"partly","need":"yes","timeline":"no"}',
      ),
    ).toBe('预算：是 · 决策人：部分 · 需求：是 · 时间：否');
    expect(valueText(zh, 'accountId', 'acc-1')).toBe('华为技术');
    expect(valueText(zh, 'probability', '40')).toBe('40%');
    expect(valueText(zh, 'archived', 'true')).toBe('是');
    expect(valueText(zh, 'phone', undefined)).toBe('（空）');
  });

  it('says a value was cut rather than showing half a JSON document', () => {
    expect(valueText(zh, 'lineItems', '[{"id":"a","description":"服务器…')).toBe(
      '（内容较长，历史中只保留了开头）',
    );
  });

  it('names fields by the record’s own form first, then by the history catalog', () => {
    expect(fieldLabel(zh.i18n, 'opportunity', 'title')).toBe('商机名称');
    expect(fieldLabel(zh.i18n, 'lead', 'company')).toBe('公司名称');
    expect(fieldLabel(zh.i18n, 'contract', 'paymentPlan')).toBe('回款计划');
    expect(fieldLabel(zh.i18n, 'invoice', 'somethingNew')).toBe('somethingNew');
  });

  it('names stages by phase, preferring a pipeline’s own name', () => {
    expect(phaseStageName(zh.i18n, zh.t, 'lead', 'contacted')).toBe('已联系');
    expect(phaseStageName(zh.i18n, zh.t, 'opportunity', 'solution')).toBe('方案');
    expect(phaseStageName(zh.i18n, zh.t, 'opportunity', 'x1', '技术交流')).toBe('技术交流');
  });

  it('says when relatively, with the exact time alongside', () => {
    const en = context('en');
    const now = Date.UTC(2026, 0, 5, 12, 0, 0);
    expect(whenText(en.t, en.format, now - 30_000, now).relative).toBe('just now');
    expect(whenText(en.t, en.format, now - 5 * 60_000, now).relative).toBe('5 minutes ago');
    expect(whenText(en.t, en.format, now - 26 * 3_600_000, now).relative).toBe('yesterday');
    const old = whenText(en.t, en.format, now - 30 * 86_400_000, now);
    expect(old.relative).toBe(old.absolute);
    expect(whenText(zh.t, zh.format, now - 3 * 3_600_000, now).relative).toBe('3小时前');
  });
});
