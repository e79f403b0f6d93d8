import { combineLatest, map } from 'rxjs';
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
