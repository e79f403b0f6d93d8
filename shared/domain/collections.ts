import type { Invoice } from './entities';
import { money, subtractMoney, type Money } from './money';
import type { InvoiceStage } from './phases';

/*
 * Collections (回款): what is still due on an invoice, whether a payment may be recorded against
 * it, and which stage the invoice is in once the money is counted. Pure rules; the core
 * (shared/core/payment-record.ts) reads the records and writes the results.
 */

/** Stages in which an invoice has gone to the customer and can be paid. */
export const ISSUED_STAGES = ['invoiced', 'partiallyPaid'] as const satisfies InvoiceStage[];

export function isIssued(stage: InvoiceStage): boolean {
  return (ISSUED_STAGES as readonly InvoiceStage[]).includes(stage);
}

/** Amount due (待收金额): the invoice amount less what has been received. Never below zero. */
export function amountDue(invoice: Pick<Invoice, 'amount' | 'paid'>): Money {
  const due = subtractMoney(invoice.amount, invoice.paid);
  return due.minor < 0 ? money(0, due.currency) : due;
}

/**
 * The stage follows the money: nothing received yet → invoiced; part of it → partially paid;
 * all of it → paid. Only for an issued invoice: a scheduled one takes no payments.
 */
export function stageForPaid(amount: Money, paid: Money): InvoiceStage {
  if (paid.minor <= 0) return 'invoiced';
  return paid.minor >= amount.minor ? 'paid' : 'partiallyPaid';
}

/** Why a payment is refused; `due` is what may still be received, for the message. */
export type PaymentRefusal =
  | { reason: 'notIssued'; stage: InvoiceStage }
  | { reason: 'notPositive' }
  | { reason: 'currency'; currency: string }
  | { reason: 'overDue'; due: Money };

export type PaymentVerdict =
  { allowed: true; paid: Money; stage: InvoiceStage } | { allowed: false; refusal: PaymentRefusal };

/**
 * Whether `payment` may be recorded on an invoice whose payments so far add up to `paidSoFar`
 * (the core passes the sum of the stored payments, not the cached invoice.paid, so a stale cache
 * can never let an over-payment through). On success: the new paid total and stage.
 */
export function checkPayment(
  invoice: Pick<Invoice, 'stage' | 'amount'>,
  paidSoFar: Money,
  payment: Money,
): PaymentVerdict {
  if (!isIssued(invoice.stage)) {
    return { allowed: false, refusal: { reason: 'notIssued', stage: invoice.stage } };
  }
  if (payment.minor <= 0) return { allowed: false, refusal: { reason: 'notPositive' } };
  if (payment.currency !== invoice.amount.currency) {
    return { allowed: false, refusal: { reason: 'currency', currency: invoice.amount.currency } };
  }
  const due = amountDue({ amount: invoice.amount, paid: paidSoFar });
  if (payment.minor > due.minor) return { allowed: false, refusal: { reason: 'overDue', due } };
  const paid = money(paidSoFar.minor + payment.minor, invoice.amount.currency);
  return { allowed: true, paid, stage: stageForPaid(invoice.amount, paid) };
}

/** Sum of payments in the invoice's currency (the core refuses any other, see checkPayment). */
export function sumPayments(currency: string, payments: readonly { amount: Money }[]): Money {
  let minor = 0;
  for (const p of payments) if (p.amount.currency === currency) minor += p.amount.minor;
  return money(minor, currency);
}

const DAY_MS = 86_400_000;

/** Whole calendar days from ISO date `from` to ISO date `to` (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  // ISO dates are calendar days with no zone: count them on UTC midnights, which have no DST.
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS);
}

/**
 * Overdue (逾期): issued, something still to receive, and the due date has passed. `today` is
 * the person's local calendar date; the core never guesses a time zone. Due today is not overdue.
 */
export function isOverdue(
  invoice: Pick<Invoice, 'stage' | 'amount' | 'paid' | 'dueOn'>,
  today: string,
): boolean {
  return isIssued(invoice.stage) && amountDue(invoice).minor > 0 && invoice.dueOn < today;
}

/** Days past the due date for an overdue invoice, else 0. */
export function daysOverdue(
  invoice: Pick<Invoice, 'stage' | 'amount' | 'paid' | 'dueOn'>,
  today: string,
): number {
  return isOverdue(invoice, today) ? daysBetween(invoice.dueOn, today) : 0;
}
