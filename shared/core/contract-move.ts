import type { CommandHandlers } from '../api/crm-api';
import type { Contract } from '../domain/entities';
import {
  checkContractTransition,
  missingForContractMove,
  signsContract,
  type ContractFacts,
} from '../domain/contracts';
import type { ContractStage } from '../domain/phases';
import { plain, retryOnConflict, type CoreContext } from './context';
import { signContract } from './contract-sign';
import { findOrNotFound } from './records';
import { gateBlocked, transitionRefused, writeStageMove } from './stage-move';

type MoveCommand = Pick<CommandHandlers, 'contracts/move'>;

/** What the Completed gate asks of other records: the delivery accepted, every invoice paid. */
async function contractFacts(ctx: CoreContext, contract: Contract): Promise<ContractFacts> {
  const delivery = contract.deliveryId
    ? await ctx.database.deliveries.findOne(contract.deliveryId).exec()
    : null;
  const invoices = await ctx.database.invoices
    .find({ selector: { contractId: contract.id, archived: false } })
    .exec();
  return {
    deliveryAccepted: delivery?.stage === 'accepted',
    invoicesPaid: invoices.every((invoice) => invoice.stage === 'paid'),
  };
}

/**
 * Moves a contract to another stage. As for opportunities, every check (transition rule, gates
 * with the move's own signing date or reason applied) runs before anything is written, and the
 * stage change is written with its stage event against the revision that was checked. A move
 * that enters (or passes) Signed is a signing: contract-sign.ts makes the delivery and invoices.
 */
export function contractMoveCommand(ctx: CoreContext): MoveCommand {
  return {
    'contracts/move': ({ id, to, signedOn, terminatedReason }) =>
      retryOnConflict(async () => {
        const doc = await findOrNotFound(ctx.database.contracts, id);
        const current = plain(doc);
        const from = current.stage;
        const verdict = checkContractTransition(from, to);
        if (!verdict.allowed) throw transitionRefused('contract', id, from, to, verdict);

        const candidate: Contract = { ...current };
        if (signedOn) candidate.signedOn = signedOn;
        const reason = terminatedReason?.trim() || current.terminatedReason;
        if (reason) candidate.terminatedReason = reason;
        const facts = to === 'completed' ? await contractFacts(ctx, current) : undefined;
        const missing = missingForContractMove(candidate, to, facts);
        if (missing.length > 0) throw gateBlocked('contract', id, from, to, missing);

        if (signsContract(from, to)) return signContract(ctx, doc, candidate, to);
        return plainMove(ctx, doc, candidate, to);
      }),
  };
}

function plainMove(
  ctx: CoreContext,
  doc: Awaited<ReturnType<typeof findOrNotFound<Contract>>>,
  candidate: Contract,
  to: ContractStage,
): Promise<Contract> {
  const record: Contract = { ...candidate };
  // The reason belongs to the Terminated stage (terminal, so it is never left again).
  if (to !== 'terminated') delete record.terminatedReason;
  return writeStageMove(ctx, {
    phase: 'contract',
    collection: 'contracts',
    doc,
    from: candidate.stage,
    to,
    record,
    reason: to === 'terminated' ? record.terminatedReason : undefined,
  });
}
