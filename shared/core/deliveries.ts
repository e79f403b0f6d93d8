import type { CommandHandlers } from '../api/crm-api';
import { validationError } from '../api/errors';
import type { Delivery, DeliveryMilestone } from '../domain/entities';
import { newId } from '../domain/ids';
import { plain, type CoreContext } from './context';
import { applyPatch, archiveRecord, newRecordBase, updateRecord } from './records';
import { newStageEvent, writeWithStageEvent } from './stage-events';
import { assertValidDocument } from './validation';

type DeliveryCommands = Pick<
  CommandHandlers,
  'deliveries/create' | 'deliveries/update' | 'deliveries/archive'
>;

interface MilestoneArg {
  id?: string | undefined;
  name: string;
  dueOn?: string | null | undefined;
  doneOn?: string | null | undefined;
}

/** Command milestones → stored ones: an id for new steps, no empty dates, no empty list. */
function toMilestones(args: readonly MilestoneArg[] | undefined): DeliveryMilestone[] | null {
  if (!args || args.length === 0) return null;
  return args.map(({ id, name, dueOn, doneOn }) => {
    const milestone: DeliveryMilestone = { id: id ?? newId(), name };
    if (dueOn) milestone.dueOn = dueOn;
    if (doneOn) milestone.doneOn = doneOn;
    return milestone;
  });
}

/**
 * Delivered and Accepted say every step is done (delivery.ts); a step reopened there would
 * contradict the stage, so it is refused on the step's done date.
 */
function assertDoneWhereRequired(delivery: Delivery): void {
  if (delivery.stage !== 'delivered' && delivery.stage !== 'accepted') return;
  const open = (delivery.milestones ?? []).findIndex((m) => !m.doneOn);
  if (open >= 0) throw validationError([{ field: `milestones.${open}.doneOn`, code: 'required' }]);
}

export function deliveryCommands(ctx: CoreContext): DeliveryCommands {
  return {
    'deliveries/create': async ({ contractId, milestones, ...fields }) => {
      const contract = await ctx.database.contracts.findOne(contractId).exec();
      if (!contract) throw validationError([{ field: 'contractId', code: 'notFound' }]);
      const base = newRecordBase(ctx);
      const delivery = applyPatch(
        {
          ...base,
          title: contract.title,
          contractId,
          accountId: contract.accountId,
          stage: 'planned',
          stageEnteredAt: base.createdAt,
        },
        { ...fields, milestones: toMilestones(milestones) },
      ) as Delivery;
      const event = newStageEvent(ctx, {
        phase: 'delivery',
        recordId: delivery.id,
        to: 'planned',
        at: delivery.stageEnteredAt,
      });
      assertValidDocument('deliveries', delivery);
      assertValidDocument('stageevents', event);
      return writeWithStageEvent(ctx, event, async () =>
        plain(await ctx.database.deliveries.insert(delivery)),
      );
    },
    'deliveries/update': ({ id, patch }) =>
      updateRecord(ctx, 'deliveries', id, (current) => {
        const { milestones, ...rest } = patch;
        const changes =
          milestones === undefined ? rest : { ...rest, milestones: toMilestones(milestones) };
        const next = { ...applyPatch(current, changes), updatedAt: ctx.now() };
        assertDoneWhereRequired(next);
        return next;
      }),
    'deliveries/archive': ({ id }) => archiveRecord(ctx, 'deliveries', id),
  };
}
