import { addToTotals, type Money, type MoneyTotals } from '../../shared/domain';

/**
 * Board filters, as plain data and pure functions, so every phase board (leads, opportunities,
 * contracts, delivery, collections) filters the same way and the rules are unit-tested once.
 * A board says how to read its cards (BoardFields); the filter says what to keep.
 */

/** Whose cards: everyone's, the person's own, or one named owner's (by owner id). */
export type OwnerFilter =
  | { kind: 'anyone' }
  | { kind: 'me' }
  /** The name is kept for the chip, so it still reads right when that owner's cards are all hidden. */
  | { kind: 'owner'; ownerId: string; ownerName: string };

export interface BoardFilter {
  owner: OwnerFilter;
  /** An account (whatever the board's `account` reader returns), with its name for the chip. */
  account?: Named;
  /**
   * Amount bounds in integer minor units of `currency`, both inclusive. Cards in another currency
   * are not compared (there is no exchange rate in the app), so a bound hides them.
   */
  amountMin?: number;
  amountMax?: number;
  currency?: string;
  /** The board's date field the range applies to (a key of BoardFields.dates). */
  dateField?: string;
  /** ISO calendar days, both inclusive. */
  dateFrom?: string;
  dateTo?: string;
}

export const NO_FILTER: BoardFilter = { owner: { kind: 'anyone' } };

export interface Named {
  id: string;
  name: string;
}

/** How a board reads its cards. Only what a board has is offered as a filter. */
export interface BoardFields<C> {
  owner(card: C): Named;
  account?(card: C): Named | undefined;
  amount?(card: C): Money | undefined;
  /** Date fields by key ("created", "expectedClose", "dueOn"): the card's ISO day, if it has one. */
  dates: Record<string, (card: C) => string | undefined>;
}

/** An instant as the calendar day it falls on for the person (their own time zone). */
export function localIsoDate(at: number): string {
  const d = new Date(at);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

const hasAmountBound = (f: BoardFilter) => f.amountMin !== undefined || f.amountMax !== undefined;
const hasDateBound = (f: BoardFilter) =>
  f.dateField !== undefined && (f.dateFrom !== undefined || f.dateTo !== undefined);

/** How many separate filters are on (each is one chip in the toolbar). */
export function activeFilterCount(filter: BoardFilter): number {
  return (
    (filter.owner.kind === 'anyone' ? 0 : 1) +
    (filter.account !== undefined ? 1 : 0) +
    (hasAmountBound(filter) ? 1 : 0) +
    (hasDateBound(filter) ? 1 : 0)
  );
}

/** A predicate for one filter, built once per filter change and run over every card. */
export function cardMatcher<C>(
  filter: BoardFilter,
  fields: BoardFields<C>,
  me: string | undefined,
): (card: C) => boolean {
  const tests: ((card: C) => boolean)[] = [];
  const { owner } = filter;
  // "Mine" with no known current user matches nothing rather than everything: never a silent no-op.
  if (owner.kind === 'me') tests.push((card) => me !== undefined && fields.owner(card).id === me);
  if (owner.kind === 'owner') tests.push((card) => fields.owner(card).id === owner.ownerId);
  const { account, amount } = fields;
  if (filter.account !== undefined && account) {
    const id = filter.account.id;
    tests.push((card) => account(card)?.id === id);
  }
  if (hasAmountBound(filter) && amount) {
    const { amountMin: min, amountMax: max, currency } = filter;
    tests.push((card) => {
      const value = amount(card);
      if (!value || (currency !== undefined && value.currency !== currency)) return false;
      return (min === undefined || value.minor >= min) && (max === undefined || value.minor <= max);
    });
  }
  const read = filter.dateField !== undefined ? fields.dates[filter.dateField] : undefined;
  if (hasDateBound(filter) && read) {
    const { dateFrom: from, dateTo: to } = filter;
    tests.push((card) => {
      const day = read(card);
      if (day === undefined) return false;
      return (from === undefined || day >= from) && (to === undefined || day <= to);
    });
  }
  return (card) => tests.every((test) => test(card));
}

export interface ColumnFigures<C> {
  cards: C[];
  /** Cards in the stage before filtering: what a WIP limit counts. */
  total: number;
  /** Money of the shown cards, per currency. */
  money: MoneyTotals;
}

/** Filters one column's cards and totals what is left: the header always describes what is shown. */
export function columnFigures<C>(
  cards: readonly C[],
  matches: (card: C) => boolean,
  amount?: (card: C) => Money | undefined,
): ColumnFigures<C> {
  const shown = cards.filter(matches);
  let money: MoneyTotals = [];
  if (amount) {
    for (const card of shown) {
      const value = amount(card);
      if (value) money = addToTotals(money, value);
    }
  }
  return { cards: shown, total: cards.length, money };
}

/** The distinct values a picker offers (owners, accounts), sorted by name in the UI language. */
export function distinctNamed<C>(
  cards: Iterable<C>,
  read: (card: C) => Named | undefined,
  language: string,
): Named[] {
  const byId = new Map<string, Named>();
  for (const card of cards) {
    const value = read(card);
    if (value && !byId.has(value.id)) byId.set(value.id, value);
  }
  const collator = new Intl.Collator(language);
  return [...byId.values()].sort((a, b) => collator.compare(a.name, b.name));
}

/** The currency most cards are in: what the amount bounds are typed in by default. */
export function mainCurrency(amounts: Iterable<Money | undefined>, fallback: string): string {
  const counts = new Map<string, number>();
  for (const m of amounts) if (m) counts.set(m.currency, (counts.get(m.currency) ?? 0) + 1);
  let best = fallback;
  let most = 0;
  for (const [currency, n] of counts) if (n > most) [best, most] = [currency, n];
  return best;
}

/** A WIP limit is exceeded when the stage holds more cards than the limit (at the limit is fine). */
export function isOverWip(total: number, limit: number | undefined): boolean {
  return limit !== undefined && total > limit;
}

const DAY_MS = 86_400_000;

/** Whole days since the card entered its stage. */
export function daysSince(enteredAt: number, now: number): number {
  return Math.max(0, Math.floor((now - enteredAt) / DAY_MS));
}

/** Past the board's aging threshold: more days in stage than the threshold allows. */
export function isAged(enteredAt: number, now: number, thresholdDays: number): boolean {
  return daysSince(enteredAt, now) > thresholdDays;
}
