import { map, of, type Observable } from 'rxjs';
import type { CommandHandlers, QueryHandlers } from '../api/crm-api';
import { CrmError, notFound, validationError, type FieldIssue } from '../api/errors';
import {
  DEFAULT_PIPELINE_ID,
  defaultPipeline,
  isReservedStageKey,
  pipelineStages,
  type Pipeline,
} from '../domain/pipelines';
import { mayConfigure } from '../rules/actor';
import { plain, type CoreContext } from './context';
import { insertRecord, updateRecord } from './records';
import { subscribeLive } from './live';

type PipelineCommands = Pick<
  CommandHandlers,
  'pipelines/create' | 'pipelines/update' | 'pipelines/archive'
>;

/**
 * The pipeline an opportunity runs through. The built-in pipeline exists without a document until
 * someone edits it; its edits are then saved under the id 'default'. An archived pipeline still
 * answers: its cards keep their stages.
 */
export async function loadPipeline(ctx: CoreContext, id: string): Promise<Pipeline> {
  // A database opened with a subset of collections (sync tests with several clients in one
  // process) has no pipelines collection: only the built-in pipeline exists there.
  const doc = ctx.database.pipelines ? await ctx.database.pipelines.findOne(id).exec() : null;
  if (doc) return plain(doc);
  if (id === DEFAULT_PIPELINE_ID) return defaultPipeline();
  throw notFound('pipeline', id);
}

/** The pipeline as a live value, for the board. */
export function pipeline$(ctx: CoreContext, id: string): Observable<Pipeline> {
  const found$ = ctx.database.pipelines ? ctx.database.pipelines.findOne(id).$ : of(null);
  return found$.pipe(
    map((doc) => {
      if (doc) return plain(doc);
      if (id === DEFAULT_PIPELINE_ID) return defaultPipeline();
      throw notFound('pipeline', id);
    }),
  );
}

/** Configuring the sales process is a manager's job; alone on a device, everyone is one. */
function assertMayConfigure(ctx: CoreContext): void {
  if (!mayConfigure(ctx.currentUser)) {
    throw new CrmError({
      type: 'Forbidden',
      message: `${ctx.currentUser.id} may not change pipelines`,
      action: 'configurePipelines',
    });
  }
}

/** Rules the schema cannot say: unique stage keys, no reserved keys, unique checklist ids. */
function pipelineIssues(fields: Pick<Pipeline, 'stages' | 'wonGate'>): FieldIssue[] {
  const issues: FieldIssue[] = [];
  const keys = new Set<string>();
  const items = new Set<string>();
  const checkItems = (list: { id: string }[], at: string) =>
    list.forEach((item, j) => {
      if (items.has(item.id)) issues.push({ field: `${at}.checklist.${j}.id`, code: 'taken' });
      items.add(item.id);
    });
  fields.stages.forEach((stage, i) => {
    if (isReservedStageKey(stage.key) || keys.has(stage.key)) {
      issues.push({ field: `stages.${i}.key`, code: 'taken' });
    }
    keys.add(stage.key);
    checkItems(stage.checklist, `stages.${i}`);
  });
  checkItems(fields.wonGate.checklist, 'wonGate');
  return issues;
}

/**
 * Stages may be renamed, reordered, added and removed; a stage that still holds open cards may
 * not be removed (they would fall off the board). Reordering re-stamps the cards' stageOrder,
 * which the board's index sorts by.
 */
async function applyStagesToCards(ctx: CoreContext, next: Pipeline): Promise<void> {
  const cards = await ctx.database.opportunities
    .find({ selector: { archived: false, pipelineId: next.id } })
    .exec();
  const order = new Map(pipelineStages(next).map((s) => [s.key, s.order]));
  const stranded = cards.filter((c) => !order.has(c.stage));
  if (stranded.length > 0) {
    const removed = [...new Set(stranded.map((c) => c.stage))];
    throw validationError(
      [{ field: 'stages', code: 'invalid' }],
      `stages ${removed.join(', ')} still hold ${stranded.length} open opportunities`,
    );
  }
  for (const card of cards) {
    const stageOrder = order.get(card.stage)!;
    if (card.stageOrder !== stageOrder) await card.incrementalPatch({ stageOrder });
  }
}

export function pipelineCommands(ctx: CoreContext): PipelineCommands {
  return {
    'pipelines/create': async (args) => {
      assertMayConfigure(ctx);
      const issues = pipelineIssues(args);
      if (issues.length > 0) throw validationError(issues);
      return insertRecord(ctx, 'pipelines', args);
    },
    'pipelines/update': async ({ id, patch }) => {
      assertMayConfigure(ctx);
      // The built-in pipeline becomes a document the first time someone saves it.
      if (id === DEFAULT_PIPELINE_ID && !(await ctx.database.pipelines.findOne(id).exec())) {
        const at = ctx.now();
        const base = { ...defaultPipeline(at), ownerId: ctx.currentUser.id };
        await ctx.database.pipelines.insert({ ...base, ownerName: ctx.currentUser.name });
      }
      const updated = await updateRecord(ctx, 'pipelines', id, async (current) => {
        const next: Pipeline = { ...current, ...patch, updatedAt: ctx.now() };
        const issues = pipelineIssues(next);
        if (issues.length > 0) throw validationError(issues);
        if (patch.stages) await applyStagesToCards(ctx, next);
        return next;
      });
      return updated;
    },
    'pipelines/archive': async ({ id }) => {
      assertMayConfigure(ctx);
      if (id === DEFAULT_PIPELINE_ID) {
        throw validationError([{ field: 'id', code: 'invalid' }], 'the built-in pipeline stays');
      }
      return updateRecord(ctx, 'pipelines', id, (current) =>
        current.archived ? current : { ...current, archived: true, updatedAt: ctx.now() },
      );
    },
  };
}

export function pipelineQueries(ctx: CoreContext): Pick<QueryHandlers, 'pipelines/list'> {
  return {
    'pipelines/list': ({ includeArchived }, onResult, onError) =>
      subscribeLive(
        ctx.database.pipelines.find().$.pipe(
          map((docs) => {
            const stored = docs.map(plain).filter((p) => includeArchived || !p.archived);
            const builtIn = stored.find((p) => p.id === DEFAULT_PIPELINE_ID) ?? defaultPipeline();
            const others = stored
              .filter((p) => p.id !== DEFAULT_PIPELINE_ID)
              .sort((a, b) => a.createdAt - b.createdAt);
            return [builtIn, ...others];
          }),
        ),
        onResult,
        onError,
      ),
  };
}
