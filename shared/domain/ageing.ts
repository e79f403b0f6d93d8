import type { Invoice } from './entities';
import { amountDue, daysBetween, isIssued } from './collections';
import { addToTotals, type MoneyTotals } from './money';

/*
 * AR ageing (应收账款账龄): the outstanding amounts of issued invoices, grouped by days past the
 * due date. Choices, as a finance reader expects them:
 * - Only issued invoices (invoiced, partially paid) are receivables; a scheduled invoice has not
 *   been sent, so nobody owes it yet. Paid invoices owe nothing.
 * - Days past due = today − due date, in calendar days. Not yet due: due date after today.
 *   0–30 includes day 0 (due today), as the buckets start at 0; an invoice due today is
 *   in 0–30 but not yet flagged overdue (overdue means the due date has passed).
 * - Totals per currency: CNY and USD receivables are never added together (no exchange rates).
 */

export const AGEING_BUCKETS = [
  'notDue',
  'days0to30',
  'days31to60',
  'days61to90',
  'over90',
] as const;
export type AgeingBucket = (typeof AGEING_BUCKETS)[number];

/** The bucket for a number of days past due (negative: not yet due). */
export function ageingBucket(daysPastDue: number): AgeingBucket {
  if (daysPastDue < 0) return 'notDue';
  if (daysPastDue <= 30) return 'days0to30';
  if (daysPastDue <= 60) return 'days31to60';
  if (daysPastDue <= 90) return 'days61to90';
  return 'over90';
}

export interface AgeingBucketTotal {
  bucket: AgeingBucket;
  /** Invoices with something outstanding in this bucket. */
  count: number;
  /** Outstanding amounts, per currency. */
  totals: MoneyTotals;
}

export interface AgeingReport {
  /** The local calendar date the report was aged on. */
  today: string;
  buckets: AgeingBucketTotal[];
  /** All outstanding receivables, per currency. */
  outstanding: MoneyTotals;
  /** The part whose due date has passed (buckets past 0 days, and due-yesterday and older). */
  overdue: MoneyTotals;
  overdueCount: number;
}

type AgeableInvoice = Pick<Invoice, 'stage' | 'amount' | 'paid' | 'dueOn'>;

export function ageReceivables(invoices: Iterable<AgeableInvoice>, today: string): AgeingReport {
  const buckets = new Map<AgeingBucket, AgeingBucketTotal>(
    AGEING_BUCKETS.map((bucket) => [bucket, { bucket, count: 0, totals: [] }]),
  );
  let outstanding: MoneyTotals = [];
  let overdue: MoneyTotals = [];
  let overdueCount = 0;
  for (const invoice of invoices) {
    if (!isIssued(invoice.stage)) continue;
    const due = amountDue(invoice);
    if (due.minor <= 0) continue;
    const days = daysBetween(invoice.dueOn, today);
    const entry = buckets.get(ageingBucket(days))!;
    entry.count += 1;
    entry.totals = addToTotals(entry.totals, due);
    outstanding = addToTotals(outstanding, due);
    if (days > 0) {
      overdue = addToTotals(overdue, due);
      overdueCount += 1;
    }
  }
  return { today, buckets: [...buckets.values()], outstanding, overdue, overdueCount };
}
