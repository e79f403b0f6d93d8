import { ageingBucket, type AgeingBucket as DomainAgeingBucket } from '../domain/ageing';
import type { Money } from '../domain/money';
import type { Scope } from './scope';
import { daysBetween, localDate, ratio } from './stats';
import type {
  AgeingBucket,
  CashMetrics,
  CurrencyCash,
  CustomerRevenue,
  InvoiceFacts,
} from './types';

/*
 * Definitions (per currency, never mixed; dates are calendar days in the viewer's time zone; the
 * period's days run from `from` to asOf inclusive):
 * - Payments are the truth of what was received when: an invoice's outstanding amount at asOf is
 *   its amount minus the payments received up to that day (a payment in another currency than its
 *   invoice is ignored rather than mixed). Partial payments reduce it partially.
 * - ISSUED = has an issue date or has left "scheduled"; only issued invoices are receivables.
 * - invoiced: amounts of invoices issued in the period (credit sales); collected: payments received
 *   in the period.
 * - DSO = receivable at asOf ÷ invoiced in the period × days in the period (the standard
 *   period-end formula); null when nothing was invoiced.
 * - COLLECTION RATE = of invoices falling due in the period (issued or not: a milestone that fell
 *   due was owed), paid by asOf (capped at each invoice's amount) ÷ their amount.
 * - OVERDUE / AR AGEING: outstanding on issued invoices at asOf by days past due:
 *   not yet due (due after today), 0–30 (due today counts here, though it is not overdue yet),
 *   31–60, 61–90, over 90 — the buckets of shared/domain/ageing.ts, which the board shows too.
 * - REVENUE PER CUSTOMER = collected in the period ÷ the accounts that paid it.
 */

/** The domain's buckets (shared/domain/ageing.ts), so the dashboard and the board age alike. */
const BUCKET_KEYS: Record<DomainAgeingBucket, AgeingBucket> = {
  notDue: 'notDue',
  days0to30: 'd0to30',
  days31to60: 'd31to60',
  days61to90: 'd61to90',
  over90: 'over90',
};

function bucketFor(daysPastDue: number): AgeingBucket {
  return BUCKET_KEYS[ageingBucket(daysPastDue)];
}

const zero = (currency: string): Money => ({ minor: 0, currency });

function emptyCash(currency: string): CurrencyCash & { dueAmount: number; duePaid: number } {
  return {
    currency,
    invoiced: zero(currency),
    collected: zero(currency),
    receivable: zero(currency),
    dso: null,
    collectionRate: null,
    overdue: zero(currency),
    overdueCount: 0,
    ageing: {
      notDue: zero(currency),
      d0to30: zero(currency),
      d31to60: zero(currency),
      d61to90: zero(currency),
      over90: zero(currency),
    },
    payingCustomers: 0,
    revenuePerCustomer: null,
    dueAmount: 0,
    duePaid: 0,
  };
}

export function cashMetrics(scope: Scope): CashMetrics {
  const fromDate = localDate(scope.filters.from, scope.utcOffsetMinutes);
  const asOfDate = localDate(scope.asOf, scope.utcOffsetMinutes);
  const periodDays = daysBetween(fromDate, asOfDate) + 1;
  const rows = new Map<string, ReturnType<typeof emptyCash>>();
  const row = (currency: string) => {
    let r = rows.get(currency);
    if (!r) rows.set(currency, (r = emptyCash(currency)));
    return r;
  };
  // Due dates repeat a lot (month ends, milestones): parse each once.
  const dayNumbers = new Map<string, number>();
  const daysLate = (dueOn: string) => {
    let n = dayNumbers.get(dueOn);
    if (n === undefined) dayNumbers.set(dueOn, (n = daysBetween(dueOn, asOfDate)));
    return n;
  };
  const invoices = new Map<string, InvoiceFacts>(scope.invoices.map((i) => [i.id, i]));
  const paidByInvoice = new Map<string, number>();
  const byCustomer = new Map<string, CustomerRevenue>();
  const payers = new Map<string, Set<string>>();

  for (const p of scope.payments) {
    const invoice = invoices.get(p.invoiceId);
    if (!invoice || p.amount.currency !== invoice.amount.currency) continue;
    if (p.receivedOn > asOfDate) continue;
    paidByInvoice.set(invoice.id, (paidByInvoice.get(invoice.id) ?? 0) + p.amount.minor);
    if (p.receivedOn < fromDate) continue;
    const currency = p.amount.currency;
    row(currency).collected.minor += p.amount.minor;
    const key = `${invoice.accountId}|${currency}`;
    const c = byCustomer.get(key) ?? {
      accountId: invoice.accountId,
      currency,
      collected: zero(currency),
    };
    c.collected.minor += p.amount.minor;
    byCustomer.set(key, c);
    const set = payers.get(currency) ?? new Set<string>();
    set.add(invoice.accountId);
    payers.set(currency, set);
  }

  for (const i of scope.invoices) {
    const r = row(i.amount.currency);
    const paid = Math.min(paidByInvoice.get(i.id) ?? 0, i.amount.minor);
    if (i.dueOn >= fromDate && i.dueOn <= asOfDate) {
      r.dueAmount += i.amount.minor;
      r.duePaid += paid;
    }
    const issued = i.issuedOn !== undefined || i.stage !== 'scheduled';
    if (!issued || (i.issuedOn !== undefined && i.issuedOn > asOfDate)) continue;
    if (i.issuedOn !== undefined && i.issuedOn >= fromDate) r.invoiced.minor += i.amount.minor;
    const outstanding = i.amount.minor - paid;
    if (outstanding <= 0) continue;
    r.receivable.minor += outstanding;
    const late = daysLate(i.dueOn);
    r.ageing[bucketFor(late)].minor += outstanding;
    if (late > 0) {
      r.overdue.minor += outstanding;
      r.overdueCount++;
    }
  }

  const perCurrency: CurrencyCash[] = [];
  for (const { dueAmount, duePaid, ...r } of [...rows.values()].sort((a, b) =>
    a.currency.localeCompare(b.currency),
  )) {
    const n = payers.get(r.currency)?.size ?? 0;
    perCurrency.push({
      ...r,
      dso: r.invoiced.minor > 0 ? (r.receivable.minor / r.invoiced.minor) * periodDays : null,
      collectionRate: ratio(duePaid, dueAmount),
      payingCustomers: n,
      revenuePerCustomer:
        n > 0 ? { minor: Math.round(r.collected.minor / n), currency: r.currency } : null,
    });
  }
  return {
    perCurrency,
    byCustomer: [...byCustomer.values()].sort(
      (a, b) => a.currency.localeCompare(b.currency) || b.collected.minor - a.collected.minor,
    ),
  };
}
