import type { Contract, Opportunity } from '../domain/entities';
import { newId } from '../domain/ids';
import { DEFAULT_CURRENCY, money } from '../domain/money';
import { plain, retryOnConflict, type CoreContext } from './context';
import { findOrNotFound, newRecordBase } from './records';
import { newStageEvent, writeWithStageEvent } from './stage-events';
import { assertValidDocument } from './validation';

/**
 * Winning a deal (赢单) starts its contract: a Draft with the opportunity's title, account,
 * contact and amount, linked both ways. Call it after the opportunity was moved to Won.
 *
 * Idempotent and crash-safe, like lead conversion: the opportunity is stamped with the contract's
 * id (opportunity.contractId) BEFORE the contract is inserted. If the process dies in between,
 * the next call finds the stamp and inserts the contract under that id; once the contract exists,
 * every further call just returns it. So a deal moved to Won, Lost and Won again, or a retried
 * move, never makes a second draft.
 */
export function ensureDraftContract(ctx: CoreContext, opportunity: Opportunity): Promise<Contract> {
  return retryOnConflict(async () => {
    const doc = await findOrNotFound(ctx.database.opportunities, opportunity.id);
    const stored = plain(doc);
    const contractId = stored.contractId ?? newId();
    const existing = await ctx.database.contracts.findOne(contractId).exec();
    if (existing) return plain(existing);

    const base = newRecordBase(ctx);
    const contract: Contract = {
      ...base,
      id: contractId,
      // The rep who owns the deal owns its contract, whoever pressed "won".
      ownerId: stored.ownerId,
      ownerName: stored.ownerName,
      title: stored.title,
      accountId: stored.accountId,
      opportunityId: stored.id,
      stage: 'draft',
      stageEnteredAt: base.createdAt,
      amount: stored.amount ?? money(0, DEFAULT_CURRENCY),
    };
    if (stored.contactId) contract.contactId = stored.contactId;
    const event = newStageEvent(ctx, {
      phase: 'contract',
      recordId: contractId,
      to: 'draft',
      at: contract.stageEnteredAt,
    });
    assertValidDocument('contracts', contract);
    assertValidDocument('stageevents', event);

    // The stamp first, against the revision read: a concurrent stamp conflicts and is re-read.
    if (stored.contractId !== contractId) {
      await doc.modify(() => ({ ...stored, contractId, updatedAt: ctx.now() }));
    }
    return writeWithStageEvent(ctx, event, async () =>
      plain(await ctx.database.contracts.insert(contract)),
    );
  });
}
