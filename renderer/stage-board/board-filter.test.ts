import { describe, expect, it } from 'vitest';
import type { Money } from '../../shared/domain';
import {
  activeFilterCount,
  cardMatcher,
  columnFigures,
  daysSince,
  distinctNamed,
  isAged,
  isOverWip,
  localIsoDate,
  mainCurrency,
  NO_FILTER,
  type BoardFields,
  type BoardFilter,
} from './board-filter';
import { parseFilter } from './board-prefs';
import { parseWipLimit } from './WipLimitMenu';

interface Deal {
  id: string;
  ownerId: string;
  ownerName: string;
  accountId?: string;
  accountName?: string;
  amount?: Money;
  expectedClose?: string;
  createdAt: number;
}

const fields: BoardFields<Deal> = {
  owner: (d) => ({ id: d.ownerId, name: d.ownerName }),
  account: (d) => (d.accountId ? { id: d.accountId, name: d.accountName ?? '' } : undefined),
  amount: (d) => d.amount,
  dates: { expectedClose: (d) => d.expectedClose, created: (d) => localIsoDate(d.createdAt) },
};

const cny = (yuan: number): Money => ({ minor: yuan * 100, currency: 'CNY' });
const deals: Deal[] = [
  {
    id: 'a',
    ownerId: 'wang',
    ownerName: '王小明',
    accountId: 'hw',
    accountName: '华为',
    amount: cny(10_000),
    expectedClose: '2026-03-31',
    createdAt: new Date(2026, 0, 5, 23, 30).getTime(),
  },
  {
    id: 'b',
    ownerId: 'li',
    ownerName: '李娜',
    accountId: 'hw',
    accountName: '华为',
    amount: cny(50_000),
    expectedClose: '2026-06-30',
    createdAt: new Date(2026, 1, 1).getTime(),
  },
  {
    id: 'c',
    ownerId: 'wang',
    ownerName: '王小明',
    accountId: 'zt',
    accountName: '中铁',
    amount: { minor: 900_000, currency: 'USD' },
    createdAt: new Date(2026, 1, 2).getTime(),
  },
  { id: 'd', ownerId: 'li', ownerName: '李娜', createdAt: new Date(2026, 2, 1).getTime() },
];

const ids = (filter: BoardFilter, me?: string) =>
  deals.filter(cardMatcher(filter, fields, me)).map((d) => d.id);

describe('board filters', () => {
  it('keeps everything with no filter, and counts no active filter', () => {
    expect(ids(NO_FILTER)).toEqual(['a', 'b', 'c', 'd']);
    expect(activeFilterCount(NO_FILTER)).toBe(0);
  });

  it('filters by owner: me, a named owner; "me" without a known user matches nothing', () => {
    expect(ids({ owner: { kind: 'me' } }, 'wang')).toEqual(['a', 'c']);
    expect(ids({ owner: { kind: 'me' } }, undefined)).toEqual([]);
    expect(ids({ owner: { kind: 'owner', ownerId: 'li', ownerName: '李娜' } })).toEqual(['b', 'd']);
  });

  it('filters by account', () => {
    expect(ids({ ...NO_FILTER, account: { id: 'hw', name: '华为' } })).toEqual(['a', 'b']);
  });

  it('compares amounts inclusively in the chosen currency only; cards without an amount drop out', () => {
    const range = { ...NO_FILTER, currency: 'CNY', amountMin: 10_000_00, amountMax: 20_000_00 };
    expect(ids(range)).toEqual(['a']);
    expect(ids({ ...NO_FILTER, currency: 'CNY', amountMin: 10_000_00 })).toEqual(['a', 'b']);
    expect(ids({ ...NO_FILTER, currency: 'USD', amountMax: 9_000_00 })).toEqual(['c']);
    expect(activeFilterCount(range)).toBe(1);
  });

  it('filters a date range (inclusive) on the chosen field; cards without that date drop out', () => {
    const close = {
      ...NO_FILTER,
      dateField: 'expectedClose',
      dateFrom: '2026-03-31',
      dateTo: '2026-06-30',
    };
    expect(ids(close)).toEqual(['a', 'b']);
    expect(ids({ ...close, dateTo: '2026-06-29' })).toEqual(['a']);
    // Created at 23:30 local on 5 January is that day, whatever the UTC date.
    expect(ids({ ...NO_FILTER, dateField: 'created', dateTo: '2026-01-05' })).toEqual(['a']);
    // A field chosen without bounds is no filter.
    expect(activeFilterCount({ ...NO_FILTER, dateField: 'created' })).toBe(0);
  });

  it('combines filters with AND and counts each once', () => {
    const filter: BoardFilter = {
      owner: { kind: 'me' },
      account: { id: 'hw', name: '华为' },
      currency: 'CNY',
      amountMin: 1,
      dateField: 'expectedClose',
      dateFrom: '2026-01-01',
    };
    expect(ids(filter, 'wang')).toEqual(['a']);
    expect(activeFilterCount(filter)).toBe(4);
  });
});

describe('column figures', () => {
  it('totals only the shown cards, per currency, and keeps the stage total for WIP', () => {
    const mine = cardMatcher({ owner: { kind: 'me' } }, fields, 'wang');
    const figures = columnFigures(deals, mine, fields.amount);
    expect(figures.cards.map((d) => d.id)).toEqual(['a', 'c']);
    expect(figures.total).toBe(4);
    expect(figures.money).toEqual([cny(10_000), { minor: 900_000, currency: 'USD' }]);
    const all = columnFigures(deals, () => true, fields.amount);
    expect(all.money).toEqual([cny(60_000), { minor: 900_000, currency: 'USD' }]);
    expect(columnFigures(deals, () => true).money).toEqual([]);
  });

  it('lists owners and accounts once each, by name', () => {
    expect(distinctNamed(deals, fields.owner, 'zh-CN').map((o) => o.id)).toEqual(['li', 'wang']);
    expect(distinctNamed(deals, fields.account!, 'en').map((o) => o.name)).toEqual(
      ['中铁', '华为'].sort(new Intl.Collator('en').compare),
    );
  });

  it('picks the most common currency, or the fallback when no card has an amount', () => {
    expect(
      mainCurrency(
        deals.map((d) => d.amount),
        'EUR',
      ),
    ).toBe('CNY');
    expect(mainCurrency([undefined], 'EUR')).toBe('EUR');
  });
});

describe('WIP limits and aging', () => {
  it('warns only above the limit', () => {
    expect(isOverWip(5, 5)).toBe(false);
    expect(isOverWip(6, 5)).toBe(true);
    expect(isOverWip(600, undefined)).toBe(false);
  });

  it('reads a typed WIP limit: whole numbers 1–9999, full-width digits too', () => {
    expect(parseWipLimit(' 12 ')).toBe(12);
    expect(parseWipLimit('１２')).toBe(12);
    expect(parseWipLimit('0')).toBeNull();
    expect(parseWipLimit('2.5')).toBeNull();
    expect(parseWipLimit('10000')).toBeNull();
    expect(parseWipLimit('')).toBeNull();
  });

  it('ages a card past the threshold, not at it', () => {
    const day = 86_400_000;
    const entered = Date.UTC(2026, 0, 1);
    expect(daysSince(entered, entered + 30 * day + 1)).toBe(30);
    expect(isAged(entered, entered + 30 * day, 30)).toBe(false);
    expect(isAged(entered, entered + 31 * day, 30)).toBe(true);
    expect(daysSince(entered + day, entered)).toBe(0);
  });
});

describe('stored filters', () => {
  it('restores a valid filter and drops what does not check out', () => {
    const stored = JSON.parse(
      JSON.stringify({
        owner: { kind: 'owner', ownerId: 'li', ownerName: '李娜' },
        account: { id: 'hw', name: '华为' },
        amountMin: 100,
        amountMax: -5,
        currency: 'CNY',
        dateField: 'created',
        dateFrom: '2026-01-01',
        dateTo: 'yesterday',
      }),
    ) as unknown;
    expect(parseFilter(stored)).toEqual({
      owner: { kind: 'owner', ownerId: 'li', ownerName: '李娜' },
      account: { id: 'hw', name: '华为' },
      amountMin: 100,
      currency: 'CNY',
      dateField: 'created',
      dateFrom: '2026-01-01',
    });
    expect(parseFilter('nonsense')).toEqual(NO_FILTER);
    expect(parseFilter({ owner: { kind: 'owner' } })).toEqual(NO_FILTER);
  });
});
