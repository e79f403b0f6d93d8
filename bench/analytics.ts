/**
 * Flow analytics over 200,000 stage events (issue 6): every dashboard metric (computeDashboard:
 * flows, conversions, dwell percentiles, throughput, WIP, cumulative flow, sales, cash, bottlenecks)
 * against the practical floor, a single plain pass over the same events that sums the dwell per
 * stage (one Map lookup per event), in the same run. Pure functions on in-memory records: what the
 * dashboard costs once the collections are read.
 */
import { computeDashboard } from '../shared/analytics';
import type { StageEvent } from '../shared/domain/entities';
import { BENCH_NOW, generateAnalyticsData, OWNERS } from './analytics-data';
import { median, type Benchmark, type Measurement } from './measure';

const EVENTS = 200_000;
const REPETITIONS = 11;
const WARMUP = 2;
const BASELINE = 'baseline: one plain pass summing dwell per stage, 200,000 events';
const YEAR = { from: BENCH_NOW - 365 * 86_400_000, to: BENCH_NOW + 1, utcOffsetMinutes: 480 };

/** The floor: each event closes the previous visit of its record; add that visit's length. */
function plainDwellPass(events: readonly StageEvent[]): number {
  const last = new Map<string, StageEvent>();
  const dwell = new Map<string, number>();
  for (const e of events) {
    const prev = last.get(e.recordId);
    if (prev) {
      const key = `${prev.phase}:${prev.to}`;
      dwell.set(key, (dwell.get(key) ?? 0) + (e.at - prev.at));
    }
    last.set(e.recordId, e);
  }
  return dwell.size;
}

function time(run: () => unknown): number {
  const start = performance.now();
  run();
  return performance.now() - start;
}

export const analyticsBenchmark: Benchmark = {
  name: 'flow analytics',
  async run(): Promise<Measurement[]> {
    const data = generateAnalyticsData(EVENTS);
    const records =
      data.leads.length +
      data.opportunities.length +
      data.contracts.length +
      (data.deliveries?.length ?? 0) +
      data.invoices.length;
    const full = computeDashboard(data, YEAR);
    const findings = full.bottlenecks.map((f) => `${f.phase}/${f.stage} ${f.kind}`).join(', ');
    // Interleaved, not one after the other: on a shared machine the load drifts, and the ratio
    // to the floor is only meaningful if both saw the same conditions.
    const cases: [string, () => unknown][] = [
      [BASELINE, () => plainDwellPass(data.events)],
      ['computeDashboard: all metrics, a year, weekly series', () => computeDashboard(data, YEAR)],
      [
        'computeDashboard: a year per day (365 buckets)',
        () => computeDashboard(data, { ...YEAR, granularity: 'day' }),
      ],
      [
        'computeDashboard: one owner, one pipeline',
        () => computeDashboard(data, { ...YEAR, ownerId: OWNERS[0], pipelineId: 'default' }),
      ],
    ];
    const times = cases.map((): number[] => []);
    for (let i = 0; i < WARMUP + REPETITIONS; i++) {
      cases.forEach(([, run], c) => {
        const ms = time(run);
        if (i >= WARMUP) times[c]!.push(ms);
      });
    }
    const rows: Measurement[] = cases.map(([label], c) => ({
      label,
      medianMs: median(times[c]!),
      repetitions: REPETITIONS,
      ...(c > 0 ? { baseline: BASELINE } : {}),
    }));
    rows[1]!.note = `${data.events.length} events, ${records} records, ${data.payments.length} payments; findings: ${findings || 'none'}`;
    return rows;
  },
};
