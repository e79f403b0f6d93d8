import type { CommandHandlers } from '../api/crm-api';
import { CrmError } from '../api/errors';
import type { Opportunity } from '../domain/entities';
import { missingForOpportunityMove } from '../domain/gates';
import { checkTransition } from '../domain/phases';
import { plain, retryOnConflict, type CoreContext } from './context';
import { stageFields } from './opportunities';
import { findOrNotFound } from './records';
import { newStageEvent, nextStageTime, writeWithStageEvent } from './stage-events';
import { assertValidDocument } from './validation';

type MoveCommand = Pick<CommandHandlers, 'opportunities/move'>;

/**
 * Moves an opportunity to another stage. Every check runs before anything is written, so a move
 * that a transition rule or a gate refuses leaves the opportunity and the stage events untouched;
 * an allowed move writes the stage change and its stage event together (see stage-events.ts).
 * The opportunity is written against the revision that was checked: if someone changed it in
 * between, the write conflicts, the event is withdrawn, and the move is checked again.
 */
export function opportunityMoveCommand(ctx: CoreContext): MoveCommand {
  return {
    'opportunities/move': ({ id, to, lostReason }) =>
      retryOnConflict(async () => {
        const doc = await findOrNotFound(ctx.database.opportunities, id);
        const current = plain(doc);
        const from = current.stage;
        const verdict = checkTransition('opportunity', from, to);
        if (!verdict.allowed) {
          throw new CrmError({
            type: 'TransitionNotAllowed',
            message: `opportunity ${id} cannot move from ${from} to ${to}: ${verdict.reason}`,
            phase: 'opportunity',
            from,
            to,
            reason: verdict.reason,
          });
        }

        // The gate judges the opportunity as it would be after the move, reason included.
        const reason = lostReason?.trim() || current.lostReason;
        const missing = missingForOpportunityMove({ ...current, lostReason: reason }, to);
        if (missing.length > 0) {
          throw new CrmError({
            type: 'GateBlocked',
            message: `opportunity ${id} cannot enter ${to}: missing ${missing.join(', ')}`,
            phase: 'opportunity',
            from,
            to,
            missing,
          });
        }

        const at = nextStageTime(ctx, current.stageEnteredAt);
        const next: Opportunity = {
          ...current,
          ...stageFields(to),
          stageEnteredAt: at,
          updatedAt: at,
        };
        // A lost reason belongs to the lost stage: reopening the deal clears it.
        if (to === 'lost') next.lostReason = reason;
        else delete next.lostReason;
        const event = newStageEvent(ctx, {
          phase: 'opportunity',
          recordId: id,
          from,
          to,
          at,
          reason: to === 'lost' ? reason : undefined,
        });
        assertValidDocument('opportunities', next);
        assertValidDocument('stageevents', event);
        return writeWithStageEvent(ctx, event, async () => plain(await doc.modify(() => next)));
      }),
  };
}
