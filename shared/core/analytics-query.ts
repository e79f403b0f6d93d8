import { asyncScheduler, combineLatest, map, throttleTime } from 'rxjs';
import type { RxDocument } from 'rxdb';
import { computeDashboard, type StageModel } from '../analytics';
import type { QueryHandlers } from '../api/crm-api';
import { DEFAULT_PIPELINE_ID, defaultPipeline, type Pipeline } from '../domain/pipelines';
import type { CoreContext } from './context';
import { subscribeLive } from './live';

/** A pipeline's stage model: its open stages then Won on the path; Lost is the exit. */
function stageModel(pipeline: Pick<Pipeline, 'stages'>): StageModel {
  return { path: [...pipeline.stages.map((s) => s.key), 'won'], exits: ['lost'] };
}

/** RxDB's document data is the record plus _rev/_meta, which the metrics ignore: no copy needed. */
const data = <T>(docs: RxDocument<T>[]): T[] => docs.map((d) => d._data);

/**
 * At most one recomputation per this many ms while changes keep coming (a sync pull, loading
 * sample data, a merge): each one reads every collection, ~0.3 s for a year of a busy firm. The
 * first change is answered at once and the last one always is, so a single move shows at once.
 */
export const ANALYTICS_THROTTLE_MS = 300;

/**
 * The dashboard, recomputed whenever a stage event or a measured record changes. Archived records
 * are read too: history does not disappear when a card leaves the board.
 */
export function analyticsQuery(ctx: CoreContext): Pick<QueryHandlers, 'analytics/dashboard'> {
  const db = ctx.database;
  return {
    'analytics/dashboard': (args, onResult, onError) =>
      subscribeLive(
        combineLatest([
          db.stageevents.find().$,
          db.leads.find().$,
          db.opportunities.find().$,
          db.contracts.find().$,
          db.deliveries.find().$,
          db.invoices.find().$,
          db.payments.find().$,
          db.pipelines.find().$,
        ]).pipe(
          throttleTime(ANALYTICS_THROTTLE_MS, asyncScheduler, { leading: true, trailing: true }),
          map(
            ([events, leads, opportunities, contracts, deliveries, invoices, payments, pipes]) => {
              const pipelines: Record<string, StageModel> = {
                [DEFAULT_PIPELINE_ID]: stageModel(defaultPipeline()),
              };
              for (const p of data(pipes)) pipelines[p.id] = stageModel(p);
              return computeDashboard(
                {
                  events: data(events),
                  leads: data(leads),
                  opportunities: data(opportunities),
                  contracts: data(contracts),
                  deliveries: data(deliveries),
                  invoices: data(invoices),
                  payments: data(payments),
                  pipelines,
                  now: ctx.now(),
                },
                args,
              );
            },
          ),
        ),
        onResult,
        onError,
      ),
  };
}
