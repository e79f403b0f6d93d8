import type { CommandHandlers } from '../api/crm-api';
import { validationError } from '../api/errors';
import type { Opportunity } from '../domain/entities';
import {
  DEFAULT_PIPELINE_ID,
  defaultPipeline,
  findStage,
  firstStageKey,
  type Pipeline,
} from '../domain/pipelines';
import { plain, type CoreContext } from './context';
import { loadPipeline } from './pipelines';
import { applyPatch, archiveRecord, newRecordBase, patchRecord } from './records';
import { newStageEvent, writeWithStageEvent } from './stage-events';
import { assertValidDocument } from './validation';

export { DEFAULT_PIPELINE_ID };

type OpportunityCommands = Pick<
  CommandHandlers,
  'opportunities/create' | 'opportunities/update' | 'opportunities/archive'
>;

/**
 * The fields that follow from the stage: its board position and its default probability in the
 * opportunity's pipeline (the built-in one unless given).
 */
export function stageFields(
  stage: string,
  pipeline: Pick<Pipeline, 'stages' | 'wonGate'> = defaultPipeline(),
): Pick<Opportunity, 'stage' | 'stageOrder' | 'probability'> {
  const definition = findStage(pipeline, stage);
  if (!definition) throw validationError([{ field: 'to', code: 'invalid' }], `no stage ${stage}`);
  return { stage, stageOrder: definition.order, probability: definition.probability };
}

/** A new deal goes into an active pipeline only; an unknown or archived one names the field. */
async function pipelineForNewDeal(ctx: CoreContext, id: string): Promise<Pipeline> {
  try {
    const pipeline = await loadPipeline(ctx, id);
    if (!pipeline.archived) return pipeline;
  } catch {
    // NotFound: reported as the field below.
  }
  throw validationError([{ field: 'pipelineId', code: 'notFound' }]);
}

export function opportunityCommands(ctx: CoreContext): OpportunityCommands {
  return {
    'opportunities/create': async ({ pipelineId = DEFAULT_PIPELINE_ID, ...args }) => {
      const pipeline = await pipelineForNewDeal(ctx, pipelineId);
      const base = newRecordBase(ctx);
      const opportunity = applyPatch(
        {
          ...base,
          pipelineId,
          ...stageFields(firstStageKey(pipeline), pipeline),
          stageEnteredAt: base.createdAt,
        },
        args,
      ) as Opportunity;
      // A new opportunity "enters" its first stage: the event makes dwell time there measurable.
      const event = newStageEvent(ctx, {
        phase: 'opportunity',
        recordId: opportunity.id,
        to: opportunity.stage,
        at: opportunity.stageEnteredAt,
      });
      assertValidDocument('opportunities', opportunity);
      assertValidDocument('stageevents', event);
      return writeWithStageEvent(ctx, event, async () =>
        plain(await ctx.database.opportunities.insert(opportunity)),
      );
    },
    // Account and contact (of that account) are the rulebook's reference rules (rulebook.ts).
    'opportunities/update': ({ id, patch }) => patchRecord(ctx, 'opportunities', id, patch),
    'opportunities/archive': ({ id }) => archiveRecord(ctx, 'opportunities', id),
  };
}
