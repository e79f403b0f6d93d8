import type { CommandHandlers } from '../api/crm-api';
import { missingForDeliveryMove } from '../domain/delivery';
import type { Delivery } from '../domain/entities';
import { checkTransition } from '../domain/phases';
import { plain, retryOnConflict, type CoreContext } from './context';
import { gateBlocked, transitionRefused } from './contract-errors';
import { findOrNotFound } from './records';
import { newStageEvent, nextStageTime, writeWithStageEvent } from './stage-events';
import { assertValidDocument } from './validation';

type MoveCommand = Pick<CommandHandlers, 'deliveries/move'>;

/**
 * Moves a delivery along Planned → In progress → Delivered → Accepted. Every check (transition
 * rule; the gates: every milestone done, and for Accepted the acceptance date, which the move may
 * bring) runs before the stage change is written with its stage event.
 */
export function deliveryMoveCommand(ctx: CoreContext): MoveCommand {
  return {
    'deliveries/move': ({ id, to, acceptedOn }) =>
      retryOnConflict(async () => {
        const doc = await findOrNotFound(ctx.database.deliveries, id);
        const current = plain(doc);
        const from = current.stage;
        const verdict = checkTransition('delivery', from, to);
        if (!verdict.allowed) throw transitionRefused('delivery', id, from, to, verdict.reason);
        const candidate: Delivery = { ...current };
        if (acceptedOn) candidate.acceptedOn = acceptedOn;
        const missing = missingForDeliveryMove(candidate, to);
        if (missing.length > 0) throw gateBlocked('delivery', id, from, to, missing);

        const at = nextStageTime(ctx, current.stageEnteredAt);
        const next: Delivery = { ...candidate, stage: to, stageEnteredAt: at, updatedAt: at };
        // The acceptance date belongs to Accepted; a date typed for an earlier stage is not kept.
        if (to !== 'accepted') delete next.acceptedOn;
        const event = newStageEvent(ctx, { phase: 'delivery', recordId: id, from, to, at });
        assertValidDocument('deliveries', next);
        assertValidDocument('stageevents', event);
        return writeWithStageEvent(ctx, event, async () => plain(await doc.modify(() => next)));
      }),
  };
}
