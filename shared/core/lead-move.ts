import type { CommandHandlers } from '../api/crm-api';
import { CrmError, validationError } from '../api/errors';
import type { Lead } from '../domain/entities';
import { checkTransition, type LeadStage } from '../domain/phases';
import { plain, retryOnConflict, type CoreContext } from './context';
import { findOrNotFound } from './records';
import { newStageEvent, nextStageTime, writeWithStageEvent } from './stage-events';
import { assertValidDocument } from './validation';

type MoveCommand = Pick<CommandHandlers, 'leads/move'>;

/** The transition rules of the lead board, as the error a refused move answers with. */
export function assertLeadTransition(lead: Lead, to: LeadStage): void {
  const verdict = checkTransition('lead', lead.stage, to);
  if (!verdict.allowed) {
    throw new CrmError({
      type: 'TransitionNotAllowed',
      message: `lead ${lead.id} cannot move from ${lead.stage} to ${to}: ${verdict.reason}`,
      phase: 'lead',
      from: lead.stage,
      to,
      reason: verdict.reason,
    });
  }
}

/**
 * Moves a lead between New, Contacted and Qualified, into Disqualified (with a reason), or back
 * from Disqualified to New. Converted is reached only by leads/convert (lead-convert.ts). As for
 * opportunities, every check runs before the first write, and the stage change is written with
 * its stage event (stage-events.ts) against the revision that was checked.
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

        const at = nextStageTime(ctx, current.stageEnteredAt);
        const next: Lead = { ...current, stage: to, stageEnteredAt: at, updatedAt: at };
        // The reason belongs to the Disqualified stage: reopening the lead clears it.
        if (to === 'disqualified') next.disqualifiedReason = reason;
        else delete next.disqualifiedReason;
        const event = newStageEvent(ctx, {
          phase: 'lead',
          recordId: id,
          from: current.stage,
          to,
          at,
          reason: to === 'disqualified' ? reason : undefined,
        });
        assertValidDocument('leads', next);
        assertValidDocument('stageevents', event);
        return writeWithStageEvent(ctx, event, async () => plain(await doc.modify(() => next)));
      }),
  };
}
