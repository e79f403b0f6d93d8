import type { CommandHandlers } from '../api/crm-api';
import { missingForDeliveryMove } from '../domain/delivery';
import type { Delivery } from '../domain/entities';
import { checkTransition } from '../domain/phases';
import { plain, retryOnConflict, type CoreContext } from './context';
import { findOrNotFound } from './records';
import { gateBlocked, transitionRefused, writeStageMove } from './stage-move';

type MoveCommand = Pick<CommandHandlers, 'deliveries/move'>;

/**
 * Moves a delivery along Planned → In progress → Delivered → Accepted. Every check (transition
 * rule; the gates: every milestone done, and for Accepted the acceptance date, which the move may
 * bring) runs before the stage change is written with its stage event (stage-move.ts).
 */
export function deliveryMoveCommand(ctx: CoreContext): MoveCommand {
  return {
    'deliveries/move': ({ id, to, acceptedOn }) =>
      retryOnConflict(async () => {
        const doc = await findOrNotFound(ctx.database.deliveries, id);
        const current = plain(doc);
        const from = current.stage;
        const verdict = checkTransition('delivery', from, to);
        if (!verdict.allowed) throw transitionRefused('delivery', id, from, to, verdict);
        const candidate: Delivery = { ...current };
        if (acceptedOn) candidate.acceptedOn = acceptedOn;
        const missing = missingForDeliveryMove(candidate, to);
        if (missing.length > 0) throw gateBlocked('delivery', id, from, to, missing);

        // The acceptance date belongs to Accepted; a date typed for an earlier stage is not kept.
        if (to !== 'accepted') delete candidate.acceptedOn;
        return writeStageMove(ctx, {
          phase: 'delivery',
          collection: 'deliveries',
          doc,
          from,
          to,
          record: candidate,
        });
      }),
  };
}
