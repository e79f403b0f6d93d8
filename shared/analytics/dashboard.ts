import { PHASES } from '../domain/phases';
import { findBottlenecks, type BottleneckOptions } from './bottlenecks';
import { cashMetrics } from './cash';
import { PhaseFlowBuilder } from './flow';
import { salesMetrics } from './sales';
import { buildScope, type Scope } from './scope';
import type { AnalyticsFilters, AnalyticsInput, Dashboard, PhaseFlow } from './types';

/** The flow of every phase in one pass over the journeys (each event is looked at once). */
export function phaseFlows(scope: Scope): {
  flows: PhaseFlow[];
  builders: Map<string, PhaseFlowBuilder>;
} {
  const builders = new Map(
    PHASES.map((phase) => [phase, new PhaseFlowBuilder(phase, scope.models[phase], scope)]),
  );
  for (const [recordId, record] of scope.records) {
    if (record.events.length > 0)
      builders.get(record.phase)!.add(recordId, record.events, record.model);
  }
  return { flows: [...builders.values()].map((b) => b.finish()), builders };
}

/**
 * Every dashboard metric for a period, owner and pipeline. Passes: the records once (scope), the
 * events once (grouped per record), each record's events once (all flow metrics together), the
 * opportunities once (sales) and the invoices and payments once (cash).
 */
export function computeDashboard(
  input: AnalyticsInput,
  filters: AnalyticsFilters,
  bottleneckOptions: Partial<BottleneckOptions> = {},
): Dashboard {
  const scope = buildScope(input, filters);
  const { flows, builders } = phaseFlows(scope);
  return {
    period: {
      from: filters.from,
      to: filters.to,
      asOf: scope.asOf,
      granularity: scope.granularity,
    },
    buckets: scope.buckets,
    flows,
    sales: salesMetrics(scope, builders.get('opportunity')!.states),
    cash: cashMetrics(scope),
    bottlenecks: findBottlenecks(flows, bottleneckOptions),
  };
}
