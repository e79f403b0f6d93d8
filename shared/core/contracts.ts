import type { z } from 'zod';
import type { CommandHandlers } from '../api/crm-api';
import type { lineItemArg, paymentMilestoneArg } from '../api/contracting-contract';
import { validationError, type FieldIssue } from '../api/errors';
import type { Contract } from '../domain/entities';
import { lineItemsTotal, SIGNED_STAGES, termsIssues } from '../domain/contracts';
import { newId } from '../domain/ids';
import { DEFAULT_CURRENCY, money } from '../domain/money';
import { plain, type CoreContext } from './context';
import { applyPatch, archiveRecord, newRecordBase, updateRecord } from './records';
import { newStageEvent, writeWithStageEvent } from './stage-events';
import { assertValidDocument } from './validation';

type ContractCommands = Pick<
  CommandHandlers,
  'contracts/create' | 'contracts/update' | 'contracts/archive'
>;

type LineItemArgs = z.output<typeof lineItemArg>[];
type MilestoneArgs = z.output<typeof paymentMilestoneArg>[];

/** Fields that make up what was agreed; fixed once signing made a delivery and invoices of them. */
const TERMS = ['accountId', 'amount', 'lineItems', 'paymentPlan'] as const;

/** Command sub-records → stored ones: new lines get an id, an empty list is no list. */
function withIds<T extends { id?: string | undefined }>(
  items: readonly T[] | undefined,
): (T & { id: string })[] | undefined {
  if (!items || items.length === 0) return undefined;
  return items.map((item) => ({ ...item, id: item.id ?? newId() }));
}

/** The patch as stored: sub-record ids filled in, empty lists cleared (null). */
export function termsPatch(patch: {
  lineItems?: LineItemArgs | undefined;
  paymentPlan?: MilestoneArgs | undefined;
}): object {
  const out: Record<string, unknown> = { ...patch };
  if (patch.lineItems) out.lineItems = withIds(patch.lineItems) ?? null;
  if (patch.paymentPlan) out.paymentPlan = withIds(patch.paymentPlan) ?? null;
  return out;
}

/**
 * The amount follows the line items whenever there are any (合同金额 = 明细合计); a contract
 * without lines keeps the amount typed for it. Terms in another currency are field errors.
 */
export function withDerivedAmount(contract: Contract): Contract {
  const issues = termsIssues(contract);
  if (issues.length > 0) throw validationError(issues);
  const total = contract.lineItems ? lineItemsTotal(contract.lineItems) : undefined;
  return total ? { ...contract, amount: total } : contract;
}

/** Signed (or signing under way, or ended): the terms may no longer change. */
export function termsLocked(contract: Contract): boolean {
  return (
    SIGNED_STAGES.includes(contract.stage) ||
    contract.stage === 'terminated' ||
    contract.deliveryId !== undefined
  );
}

function assertTermsUnchanged(current: Contract, next: Contract): void {
  if (!termsLocked(current)) return;
  const changed: FieldIssue[] = TERMS.filter(
    (field) => JSON.stringify(current[field]) !== JSON.stringify(next[field]),
  ).map((field) => ({ field, code: 'invalid' }));
  if (changed.length > 0) {
    throw validationError(changed, `the terms of a signed contract cannot change`);
  }
}

export function contractCommands(ctx: CoreContext): ContractCommands {
  return {
    'contracts/create': async (args) => {
      const base = newRecordBase(ctx);
      const contract = withDerivedAmount(
        applyPatch(
          {
            ...base,
            stage: 'draft',
            stageEnteredAt: base.createdAt,
            amount: money(0, args.lineItems?.[0]?.unitPrice.currency ?? DEFAULT_CURRENCY),
          },
          termsPatch(args),
        ) as Contract,
      );
      const event = newStageEvent(ctx, {
        phase: 'contract',
        recordId: contract.id,
        to: contract.stage,
        at: contract.stageEnteredAt,
      });
      assertValidDocument('contracts', contract);
      assertValidDocument('stageevents', event);
      return writeWithStageEvent(ctx, event, async () =>
        plain(await ctx.database.contracts.insert(contract)),
      );
    },
    'contracts/update': ({ id, patch }) =>
      updateRecord(ctx, 'contracts', id, async (current) => {
        const next = withDerivedAmount({
          ...applyPatch(current, termsPatch(patch)),
          updatedAt: ctx.now(),
        });
        assertTermsUnchanged(current, next);
        return next;
      }),
    'contracts/archive': ({ id }) => archiveRecord(ctx, 'contracts', id),
  };
}
