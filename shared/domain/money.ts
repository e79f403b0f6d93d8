/**
 * Money is an integer count of minor units (fen, cents) plus an ISO 4217 code. Never a float:
 * 0.1 + 0.2 must not turn up on an invoice.
 */
export interface Money {
  minor: number;
  currency: string;
}

export const DEFAULT_CURRENCY = 'CNY';

/** Minor-unit digits per currency; Intl knows them, and this avoids a hand-kept table. */
export function minorDigits(currency: string): number {
  return (
    new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions()
      .maximumFractionDigits ?? 2
  );
}

export class MoneyError extends Error {
  readonly code = 'money';
}

export function money(minor: number, currency: string = DEFAULT_CURRENCY): Money {
  if (!Number.isSafeInteger(minor)) throw new MoneyError(`minor units must be a safe integer`);
  if (!/^[A-Z]{3}$/.test(currency)) throw new MoneyError(`invalid currency code`);
  return { minor, currency };
}

function sameCurrency(a: Money, b: Money): void {
  if (a.currency !== b.currency) {
    throw new MoneyError(`cannot combine ${a.currency} with ${b.currency}`);
  }
}

export function addMoney(a: Money, b: Money): Money {
  sameCurrency(a, b);
  return money(a.minor + b.minor, a.currency);
}

export function subtractMoney(a: Money, b: Money): Money {
  sameCurrency(a, b);
  return money(a.minor - b.minor, a.currency);
}

/**
 * Multiply by a percentage (stage probability) and round half away from zero to whole minor
 * units, so weighted totals stay integers.
 */
export function percentOf(a: Money, percent: number): Money {
  const raw = (a.minor * percent) / 100;
  return money(Math.sign(raw) * Math.round(Math.abs(raw)), a.currency);
}

/** Totals per currency: a board can hold CNY and USD deals; they are never added together. */
export type MoneyTotals = Money[];

export function addToTotals(totals: MoneyTotals, amount: Money): MoneyTotals {
  const i = totals.findIndex((t) => t.currency === amount.currency);
  if (i < 0) return [...totals, amount].sort((x, y) => x.currency.localeCompare(y.currency));
  const next = totals.slice();
  next[i] = addMoney(totals[i]!, amount);
  return next;
}

/** Parse what a person typed ("12,345.6", "１２３４５") into minor units; null if it is not money. */
export function parseMoneyInput(text: string, currency: string = DEFAULT_CURRENCY): Money | null {
  const normalized = text
    .trim()
    .replace(/[\uFF10-\uFF19]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0))
    .replace(/[\uFF0E\u3002]/g, '.')
    .replace(/[,\s\uFF0C_]/g, '');
  const digits = minorDigits(currency);
  const pattern = digits > 0 ? new RegExp(`^\\d+(\\.\\d{0,${digits}})?$`) : /^\d+$/;
  if (!pattern.test(normalized)) return null;
  const [whole, frac = ''] = normalized.split('.');
  const minor = Number(whole) * 10 ** digits + Number(frac.padEnd(digits, '0') || '0');
  if (!Number.isSafeInteger(minor)) return null;
  return { minor, currency };
}

/** The major-unit text for an input field, without grouping or symbol ("12345.60"). */
export function moneyToInput(m: Money): string {
  const digits = minorDigits(m.currency);
  if (digits === 0) return String(m.minor);
  const sign = m.minor < 0 ? '-' : '';
  const abs = Math.abs(m.minor);
  const scale = 10 ** digits;
  return `${sign}${Math.floor(abs / scale)}.${String(abs % scale).padStart(digits, '0')}`;
}

/** Locale formatting through Intl, from exact integer parts (no float rounding on big sums). */
export function formatMoney(m: Money, locale: string, opts: { compact?: boolean } = {}): string {
  const digits = minorDigits(m.currency);
  const fmt = new Intl.NumberFormat(locale, {
    style: 'currency',
    currency: m.currency,
    ...(opts.compact ? { notation: 'compact', maximumFractionDigits: 1 } : {}),
  });
  if (opts.compact) return fmt.format(m.minor / 10 ** digits);
  // Intl accepts a decimal string and formats it exactly.
  return fmt.format(moneyToInput(m) as unknown as number);
}
