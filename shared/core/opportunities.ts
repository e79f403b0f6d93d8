import type { CommandHandlers } from '../api/crm-api';
import type { Opportunity } from '../domain/entities';
import {
  OPPORTUNITY_PROBABILITY,
  OPPORTUNITY_STAGES,
  type OpportunityStage,
} from '../domain/phases';
import { plain, type CoreContext } from './context';
import { applyPatch, archiveRecord, newRecordBase, patchRecord } from './records';
import { assertAccountExists, assertContactOfAccount } from './references';
import { newStageEvent, writeWithStageEvent } from './stage-events';
import { assertValidDocument } from './validation';

/** One pipeline for now; the field exists so firms can have several later without a migration. */
export const DEFAULT_PIPELINE_ID = 'default';

type OpportunityCommands = Pick<
  CommandHandlers,
  'opportunities/create' | 'opportunities/update' | 'opportunities/archive'
>;

/** The fields that follow from the stage: its board position and its default probability. */
export function stageFields(
  stage: OpportunityStage,
): Pick<Opportunity, 'stage' | 'stageOrder' | 'probability'> {
  return {
    stage,
    stageOrder: OPPORTUNITY_STAGES.indexOf(stage),
    probability: OPPORTUNITY_PROBABILITY[stage],
  };
}

async function assertReferences(ctx: CoreContext, opportunity: Opportunity): Promise<void> {
  await assertAccountExists(ctx, opportunity.accountId);
  if (opportunity.contactId) {
    await assertContactOfAccount(ctx, opportunity.contactId, opportunity.accountId);
  }
}

export function opportunityCommands(ctx: CoreContext): OpportunityCommands {
  return {
    'opportunities/create': async (args) => {
      const base = newRecordBase(ctx);
      const opportunity = applyPatch(
        {
          ...base,
          pipelineId: DEFAULT_PIPELINE_ID,
          ...stageFields('qualify'),
          stageEnteredAt: base.createdAt,
        },
        args,
      ) as Opportunity;
      // A new opportunity "enters" its first stage: the event makes dwell time in Qualify measurable.
      const event = newStageEvent(ctx, {
        phase: 'opportunity',
        recordId: opportunity.id,
        to: opportunity.stage,
        at: opportunity.stageEnteredAt,
      });
      await assertReferences(ctx, opportunity);
      assertValidDocument('opportunities', opportunity);
      assertValidDocument('stageevents', event);
      return writeWithStageEvent(ctx, event, async () =>
        plain(await ctx.database.opportunities.insert(opportunity)),
      );
    },
    'opportunities/update': ({ id, patch }) =>
      patchRecord(ctx, 'opportunities', id, patch, (next) => assertReferences(ctx, next)),
    'opportunities/archive': ({ id }) => archiveRecord(ctx, 'opportunities', id),
  };
}
