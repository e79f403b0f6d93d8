import type { CommandHandlers } from '../api/crm-api';
import { CrmError, validationError, type FieldIssue } from '../api/errors';
import type { Invoice } from '../domain/entities';
import { money, type Money } from '../domain/money';
import { plain, retryOnConflict, type CoreContext } from './context';
import { findOrNotFound, newRecordBase, updateRecord } from './records';
import { newStageEvent, nextStageTime, writeWithStageEvent } from './stage-events';
import { assertValidDocument } from './validation';

type InvoiceCommands = Pick<
  CommandHandlers,
  'invoices/create' | 'invoices/update' | 'invoices/issue'
>;

/** An invoice bills something: a zero amount is a mistake, and the currency is the contract's. */
function amountIssues(amount: Money, currency: string): FieldIssue[] {
  if (amount.currency !== currency) return [{ field: 'amount.currency', code: 'invalid' }];
  if (amount.minor <= 0) return [{ field: 'amount', code: 'invalid' }];
  return [];
}

export function invoiceCommands(ctx: CoreContext): InvoiceCommands {
  return {
    'invoices/create': async (args) => {
      const contract = await ctx.database.contracts.findOne(args.contractId).exec();
      if (!contract) throw validationError([{ field: 'contractId', code: 'notFound' }]);
      const issues = amountIssues(args.amount, contract.amount.currency);
      if (issues.length > 0) throw validationError(issues);
      const base = newRecordBase(ctx);
      const invoice: Invoice = {
        ...base,
        // Required by the schema; empty until the invoice is issued with its number.
        number: args.number ?? '',
        contractId: contract.id,
        accountId: contract.accountId,
        stage: 'scheduled',
        stageEnteredAt: base.createdAt,
        amount: { ...args.amount },
        paid: money(0, args.amount.currency),
        dueOn: args.dueOn,
      };
      if (args.milestone) invoice.milestone = args.milestone;
      const event = newStageEvent(ctx, {
        phase: 'invoice',
        recordId: invoice.id,
        to: invoice.stage,
        at: invoice.stageEnteredAt,
      });
      assertValidDocument('invoices', invoice);
      assertValidDocument('stageevents', event);
      return writeWithStageEvent(ctx, event, async () =>
        plain(await ctx.database.invoices.insert(invoice)),
      );
    },

    'invoices/update': ({ id, patch }) =>
      updateRecord(ctx, 'invoices', id, (current) => {
        const next: Invoice = { ...current, updatedAt: ctx.now() };
        const issues: FieldIssue[] = [];
        if (patch.amount) {
          if (current.stage !== 'scheduled' && patch.amount.minor !== current.amount.minor) {
            // What was billed is billed: correct it with a new invoice, not by editing this one.
            issues.push({ field: 'amount', code: 'invalid' });
          } else {
            issues.push(...amountIssues(patch.amount, current.amount.currency));
            next.amount = { ...patch.amount };
          }
        }
        if (patch.number !== undefined) {
          // An issued invoice keeps a number: it is what the customer pays against.
          if (!patch.number && current.stage !== 'scheduled') {
            issues.push({ field: 'number', code: 'required' });
          }
          next.number = patch.number;
        }
        if (patch.dueOn) next.dueOn = patch.dueOn;
        if (issues.length > 0) throw validationError(issues);
        return next;
      }),

    'invoices/issue': (args) =>
      retryOnConflict(async () => {
        const doc = await findOrNotFound(ctx.database.invoices, args.id);
        const current = plain(doc);
        if (current.stage !== 'scheduled') {
          throw new CrmError({
            type: 'TransitionNotAllowed',
            message: `invoice ${args.id} is already issued (${current.stage})`,
            phase: 'invoice',
            from: current.stage,
            to: 'invoiced',
            reason: current.stage === 'paid' ? 'fromTerminal' : 'alreadyIssued',
          });
        }
        const number = args.number?.trim() || current.number;
        if (!number) throw validationError([{ field: 'number', code: 'required' }]);
        const at = nextStageTime(ctx, current.stageEnteredAt);
        const next: Invoice = {
          ...current,
          number,
          issuedOn: args.issuedOn,
          dueOn: args.dueOn ?? current.dueOn,
          stage: 'invoiced',
          stageEnteredAt: at,
          updatedAt: at,
        };
        const event = newStageEvent(ctx, {
          phase: 'invoice',
          recordId: current.id,
          from: current.stage,
          to: next.stage,
          at,
        });
        assertValidDocument('invoices', next);
        assertValidDocument('stageevents', event);
        return writeWithStageEvent(ctx, event, async () => plain(await doc.modify(() => next)));
      }),
  };
}
