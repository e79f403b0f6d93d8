import { describe, expect, it } from 'vitest';
import {
  MoneyError,
  addMoney,
  addToTotals,
  formatMoney,
  minorDigits,
  money,
  moneyToInput,
  parseMoneyInput,
  percentOf,
  subtractMoney,
} from './money';

const cny = (minor: number) => money(minor, 'CNY');
const usd = (minor: number) => money(minor, 'USD');

describe('money arithmetic', () => {
  it('adds and subtracts exact minor units', () => {
    expect(addMoney(cny(10), cny(20))).toEqual(cny(30));
    expect(addMoney(usd(1_999), usd(1))).toEqual(usd(2_000));
    expect(subtractMoney(cny(100), cny(250))).toEqual(cny(-150));
  });

  it('refuses to combine currencies', () => {
    expect(() => addMoney(cny(1), usd(1))).toThrow(MoneyError);
    expect(() => addMoney(cny(1), usd(1))).toThrow('cannot combine CNY with USD');
    expect(() => subtractMoney(usd(1), cny(1))).toThrow(MoneyError);
  });

  it('refuses fractional minor units and bad currency codes', () => {
    expect(() => money(1.5, 'CNY')).toThrow(MoneyError);
    expect(() => money(Number.MAX_SAFE_INTEGER + 1, 'CNY')).toThrow(MoneyError);
    expect(() => money(1, 'cny')).toThrow(MoneyError);
  });

  it('takes a percentage rounding half away from zero to whole minor units', () => {
    expect(percentOf(cny(12_345), 10)).toEqual(cny(1_235)); // 1234.5 → 1235
    expect(percentOf(cny(12_344), 10)).toEqual(cny(1_234)); // 1234.4 → 1234
    expect(percentOf(cny(1), 50)).toEqual(cny(1)); // 0.5 → 1
    expect(percentOf(cny(-1), 50)).toEqual(cny(-1)); // -0.5 → -1
    expect(percentOf(cny(-12_345), 10)).toEqual(cny(-1_235));
    expect(percentOf(usd(999), 25)).toEqual(usd(250)); // 249.75 → 250
    expect(percentOf(usd(999), 0)).toEqual(usd(0));
    expect(percentOf(usd(999), 100)).toEqual(usd(999));
  });

  it('keeps totals per currency, sorted by code', () => {
    let totals = addToTotals([], usd(100));
    totals = addToTotals(totals, cny(5));
    totals = addToTotals(totals, usd(50));
    expect(totals).toEqual([cny(5), usd(150)]);
  });
});

describe('parseMoneyInput', () => {
  it('reads what people type, with grouping, into minor units', () => {
    expect(parseMoneyInput('12,345.6')).toEqual(cny(1_234_560));
    expect(parseMoneyInput(' 12 345.67 ', 'USD')).toEqual(usd(1_234_567));
    expect(parseMoneyInput('100')).toEqual(cny(10_000));
    expect(parseMoneyInput('0.05')).toEqual(cny(5));
    expect(parseMoneyInput('1,000', 'JPY')).toEqual(money(1_000, 'JPY'));
  });

  it('reads full-width digits, comma and full stop from a Chinese keyboard', () => {
    expect(parseMoneyInput('１２３４５')).toEqual(cny(1_234_500));
    expect(parseMoneyInput('１２，３４５．６７')).toEqual(cny(1_234_567));
    expect(parseMoneyInput('８８。８')).toEqual(cny(8_880));
  });

  it('returns null for anything that is not an amount', () => {
    for (const bad of ['', '   ', 'abc', '12a', '-5', '1.234', '1.2.3', '.5', '¥100', '1e5']) {
      expect(parseMoneyInput(bad), bad).toBeNull();
    }
    expect(parseMoneyInput('10.5', 'JPY')).toBeNull();
    expect(parseMoneyInput('9'.repeat(20))).toBeNull();
  });

  it('round-trips through the input text', () => {
    expect(moneyToInput(cny(1_234_560))).toBe('12345.60');
    expect(moneyToInput(cny(-50))).toBe('-0.50');
    expect(moneyToInput(money(1_000, 'JPY'))).toBe('1000');
    expect(parseMoneyInput(moneyToInput(usd(987_654_321)), 'USD')).toEqual(usd(987_654_321));
    expect(minorDigits('CNY')).toBe(2);
    expect(minorDigits('JPY')).toBe(0);
  });
});

describe('formatMoney', () => {
  it('formats for zh-CN', () => {
    expect(formatMoney(cny(1_234_567), 'zh-CN')).toBe('¥12,345.67');
    expect(formatMoney(usd(1_234_567), 'zh-CN')).toBe('US$12,345.67');
    expect(formatMoney(money(1_234_567, 'JPY'), 'zh-CN')).toBe('JP¥1,234,567');
    expect(formatMoney(cny(-50), 'zh-CN')).toBe('-¥0.50');
  });

  it('formats for en', () => {
    expect(formatMoney(cny(1_234_567), 'en')).toBe('CN¥12,345.67');
    expect(formatMoney(usd(1_234_567), 'en')).toBe('$12,345.67');
    expect(formatMoney(money(1_234_567, 'JPY'), 'en')).toBe('¥1,234,567');
  });

  it('formats sums beyond float precision exactly', () => {
    expect(formatMoney(cny(9_007_199_254_740_991), 'en')).toBe('CN¥90,071,992,547,409.91');
  });

  it('has a compact form for column headers', () => {
    expect(formatMoney(cny(1_234_567_00), 'zh-CN', { compact: true })).toBe('¥123.5万');
    expect(formatMoney(usd(1_234_567_00), 'en', { compact: true })).toBe('$1.2M');
  });
});
