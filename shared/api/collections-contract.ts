import { z } from 'zod';
import type { AgeingReport } from '../domain/ageing';
import type { Invoice, Payment } from '../domain/entities';
import type { Money, MoneyTotals } from '../domain/money';
import type { InvoiceStage } from '../domain/phases';
import { id, isoDate, moneyArg, optionalText } from './fields';

/**
 * The collections part of the CrmApi contract (回款看板): invoices (created from a contract's
 * payment plan, or by hand), issuing them, recording payments, and the live board and AR ageing.
 * Merged into commandSchemas / querySchemas with one spread each.
 */

export const collectionsCommandSchemas = {
  /** A manual invoice for a contract; the account is the contract's. Starts Scheduled. */
  'invoices/create': z.strictObject({
    contractId: id,
    amount: moneyArg,
    dueOn: isoDate,
    /** The invoice number (发票号码) is often known only when issuing. */
    number: optionalText(64),
    milestone: optionalText(200),
  }),
  /** The amount may change only while Scheduled: an issued invoice's amount is what was billed. */
  'invoices/update': z.strictObject({
    id,
    patch: z.strictObject({ number: optionalText(64), dueOn: isoDate, amount: moneyArg }).partial(),
  }),
  /** Scheduled → Invoiced: the invoice goes to the customer, with its number and due date. */
  'invoices/issue': z.strictObject({
    id,
    issuedOn: isoDate,
    number: optionalText(64),
    dueOn: isoDate.optional(),
  }),
  /**
   * A payment received against an issued invoice. `id` (made by the dialog when it opens) makes a
   * resubmission after an interrupted write finish that payment instead of recording it twice.
   */
  'payments/record': z.strictObject({
    id: id.optional(),
    invoiceId: id,
    amount: moneyArg,
    receivedOn: isoDate,
    reference: optionalText(200),
  }),
} as const;

export interface PaymentRecorded {
  payment: Payment;
  invoice: Invoice;
}

export interface CollectionsCommandResults {
  'invoices/create': Invoice;
  'invoices/update': Invoice;
  'invoices/issue': Invoice;
  'payments/record': PaymentRecorded;
}

/** A collections card: the invoice with its names and what is late, computed by the core. */
export interface InvoiceCard extends Invoice {
  accountName: string;
  contractTitle: string;
  contractNumber?: string;
  /** Amount less paid. */
  outstanding: Money;
  overdue: boolean;
  /** Days past the due date while overdue, else 0. */
  daysOverdue: number;
}

export interface InvoiceColumn {
  stage: InvoiceStage;
  count: number;
  /** Per currency. */
  total: MoneyTotals;
  outstanding: MoneyTotals;
  cards: InvoiceCard[];
}

export interface InvoiceBoard {
  today: string;
  columns: InvoiceColumn[];
}

/** `today` is the person's local calendar date: the core does not guess a time zone. */
const today = isoDate;

export const collectionsQuerySchemas = {
  /** Columns Scheduled → Paid; cards by due date, most urgent first. */
  'board/invoices': z.strictObject({ today }),
  'collections/ageing': z.strictObject({ today }),
  /** Oldest first, as a statement reads. */
  'payments/forInvoice': z.strictObject({ invoiceId: id }),
} as const;

export interface CollectionsQueryResults {
  'board/invoices': InvoiceBoard;
  'collections/ageing': AgeingReport;
  'payments/forInvoice': Payment[];
}
