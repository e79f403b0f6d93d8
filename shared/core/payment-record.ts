import type { CommandHandlers } from '../api/crm-api';
import type { PaymentRecorded } from '../api/collections-contract';
import { CrmError, validationError } from '../api/errors';
import { checkPayment, isIssued, stageForPaid, sumPayments } from '../domain/collections';
import type { Invoice, Payment } from '../domain/entities';
import { newId } from '../domain/ids';
import type { Money } from '../domain/money';
import { plain, retryOnConflict, type CoreContext } from './context';
import { findOrNotFound, newRecordBase } from './records';
import { newStageEvent, nextStageTime, writeWithStageEvent } from './stage-events';
import { assertValidDocument } from './validation';

/*
 * RECORDING A PAYMENT without a transaction across the payment and its invoice:
 *   1. Check: the invoice is issued, the amount positive, in the invoice's currency, and not more
 *      than is due — due computed from the stored payments, never from the cached invoice.paid.
 *   2. Insert the payment.
 *   3. Settle the invoice: paid = the sum of ALL its stored payments (recomputed, not added to),
 *      and the stage that follows the money, with a stage event when the stage changes.
 * A crash between 2 and 3 leaves a payment whose invoice has not counted it yet. Nothing is lost:
 * the next payment on that invoice recomputes the sum and counts both, and resubmitting the same
 * payment (same `id`, which the dialog makes once) finds it stored and only does step 3.
 */

type RecordCommand = Pick<CommandHandlers, 'payments/record'>;

interface RecordArgs {
  id?: string | undefined;
  invoiceId: string;
  amount: Money;
  receivedOn: string;
  reference?: string | undefined;
}

export function paymentRecordCommand(ctx: CoreContext): RecordCommand {
  return {
    'payments/record': (args) => {
      // Fixed before any retry, so a retried attempt finds its own payment instead of adding one.
      const paymentId = args.id ?? newId();
      return retryOnConflict(() => record(ctx, args, paymentId));
    },
  };
}

async function storedPayments(ctx: CoreContext, invoiceId: string): Promise<Payment[]> {
  const docs = await ctx.database.payments.find({ selector: { invoiceId } }).exec();
  return docs.map(plain).filter((p) => !p.archived);
}

async function record(
  ctx: CoreContext,
  args: RecordArgs,
  paymentId: string,
): Promise<PaymentRecorded> {
  const invoice = plain(await findOrNotFound(ctx.database.invoices, args.invoiceId));
  const existing = await ctx.database.payments.findOne(paymentId).exec();
  if (existing) {
    const same =
      existing.invoiceId === args.invoiceId &&
      existing.amount.minor === args.amount.minor &&
      existing.amount.currency === args.amount.currency;
    if (!same) throw validationError([{ field: 'id', code: 'taken' }]);
    return { payment: plain(existing), invoice: await settleInvoice(ctx, args.invoiceId) };
  }

  const paidSoFar = sumPayments(invoice.amount.currency, await storedPayments(ctx, invoice.id));
  const verdict = checkPayment(invoice, paidSoFar, args.amount);
  if (!verdict.allowed) {
    const refusal = verdict.refusal;
    switch (refusal.reason) {
      case 'notIssued':
        throw new CrmError({
          type: 'TransitionNotAllowed',
          message: `invoice ${invoice.id} takes no payments in ${invoice.stage}`,
          phase: 'invoice',
          from: invoice.stage,
          to: 'partiallyPaid',
          reason: invoice.stage === 'paid' ? 'fromTerminal' : 'notIssued',
        });
      case 'notPositive':
        throw validationError([{ field: 'amount', code: 'invalid' }]);
      case 'currency':
        throw validationError([{ field: 'amount.currency', code: 'invalid' }]);
      case 'overDue':
        throw validationError(
          [{ field: 'amount', code: 'tooLarge', params: { max: refusal.due } }],
          `payment above the amount due (${refusal.due.minor} ${refusal.due.currency})`,
        );
    }
  }

  const payment: Payment = {
    ...newRecordBase(ctx),
    id: paymentId,
    invoiceId: invoice.id,
    amount: { ...args.amount },
    receivedOn: args.receivedOn,
  };
  if (args.reference) payment.reference = args.reference;
  assertValidDocument('payments', payment);
  const inserted = plain(await ctx.database.payments.insert(payment));
  return { payment: inserted, invoice: await settleInvoice(ctx, invoice.id) };
}

/**
 * Step 3: the invoice's paid total and stage from its stored payments. Idempotent: settling an
 * invoice that already agrees with its payments writes nothing.
 */
export function settleInvoice(ctx: CoreContext, invoiceId: string): Promise<Invoice> {
  return retryOnConflict(async () => {
    const doc = await findOrNotFound(ctx.database.invoices, invoiceId);
    const current = plain(doc);
    const paid = sumPayments(current.amount.currency, await storedPayments(ctx, invoiceId));
    // Only issued (or paid) invoices follow the money; a scheduled one has no payments.
    const stage =
      isIssued(current.stage) || current.stage === 'paid'
        ? stageForPaid(current.amount, paid)
        : current.stage;
    if (paid.minor === current.paid.minor && stage === current.stage) return current;
    if (stage === current.stage) {
      const next: Invoice = { ...current, paid, updatedAt: ctx.now() };
      assertValidDocument('invoices', next);
      return plain(await doc.modify(() => next));
    }
    const at = nextStageTime(ctx, current.stageEnteredAt);
    const next: Invoice = { ...current, paid, stage, stageEnteredAt: at, updatedAt: at };
    const event = newStageEvent(ctx, {
      phase: 'invoice',
      recordId: invoiceId,
      from: current.stage,
      to: stage,
      at,
    });
    assertValidDocument('invoices', next);
    assertValidDocument('stageevents', event);
    return writeWithStageEvent(ctx, event, async () => plain(await doc.modify(() => next)));
  });
}
