import type { CommandHandlers } from '../api/crm-api';
import { validationError } from '../api/errors';
import type { Lead } from '../domain/entities';
import { checkTransition, type LeadStage } from '../domain/phases';
import { plain, retryOnConflict, type CoreContext } from './context';
import { findOrNotFound } from './records';
import { transitionRefused, writeStageMove } from './stage-move';

type MoveCommand = Pick<CommandHandlers, 'leads/move'>;

/** The transition rules of the lead board, as the error a refused move answers with. */
export function assertLeadTransition(lead: Lead, to: LeadStage): void {
  const verdict = checkTransition('lead', lead.stage, to);
  if (!verdict.allowed) throw transitionRefused('lead', lead.id, lead.stage, to, verdict);
}

/**
 * Moves a lead between New, Contacted and Qualified, into Disqualified (with a reason), or back
 * from Disqualified to New. Converted is reached only by leads/convert (lead-convert.ts). As for
 * opportunities, every check runs before the first write, and the stage change is written with
 * its stage event (stage-move.ts) against the revision that was checked.
 */
export function leadMoveCommand(ctx: CoreContext): MoveCommand {
  return {
    'leads/move': ({ id, to, disqualifiedReason }) =>
      retryOnConflict(async () => {
        const doc = await findOrNotFound(ctx.database.leads, id);
        const current = plain(doc);
        assertLeadTransition(current, to);
        const reason = disqualifiedReason?.trim();
        // A field error, not a gate: the reason is typed in the same dialog that asks to move.
        if (to === 'disqualified' && !reason) {
          throw validationError([{ field: 'disqualifiedReason', code: 'required' }]);
        }

        const record: Lead = { ...current };
        // The reason belongs to the Disqualified stage: reopening the lead clears it.
        if (to === 'disqualified') record.disqualifiedReason = reason;
        else delete record.disqualifiedReason;
        return writeStageMove(ctx, {
          phase: 'lead',
          collection: 'leads',
          doc,
          from: current.stage,
          to,
          record,
          reason: to === 'disqualified' ? reason : undefined,
        });
      }),
  };
}
