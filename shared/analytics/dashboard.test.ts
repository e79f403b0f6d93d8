import { describe, expect, it } from 'vitest';
import { computeDashboard } from './dashboard';
import {
  cny,
  contract,
  day,
  input,
  invoice,
  journey,
  lead,
  opportunity,
  payment,
} from './test-fixtures';

/*
 * Two pipelines. "default" has the standard stages; "fast" has its own: discover → demo → won
 * (exit: lost). Owners: u1 and u2.
 *   O1 default u1  qualify@0 → solution@2 → proposal@4 (open)
 *   O2 fast    u2  discover@0 → demo@3 → won@5; from lead L2 (u2); contract K2 (u2) → invoice V2 (u2)
 *   O3 fast    u1  discover@1 → lost@2
 *   L1 u1 new@0 (not converted: in no pipeline)
 */
const O1: [string, number][] = [
  ['qualify', 0],
  ['solution', 2],
  ['proposal', 4],
];
const O2: [string, number][] = [
  ['discover', 0],
  ['demo', 3],
  ['won', 5],
];
const O3: [string, number][] = [
  ['discover', 1],
  ['lost', 2],
];
const data = input({
  pipelines: { fast: { path: ['discover', 'demo', 'won'], exits: ['lost'] } },
  events: [
    ...journey('opportunity', 'O1', O1),
    ...journey('opportunity', 'O2', O2),
    ...journey('opportunity', 'O3', O3),
    ...journey('lead', 'L1', [['new', 0]]),
    ...journey('lead', 'L2', [
      ['new', -5],
      ['qualified', -2],
      ['converted', 0],
    ]),
    ...journey('contract', 'K2', [
      ['draft', 5],
      ['review', 6],
    ]),
    ...journey('invoice', 'V2', [
      ['scheduled', 6],
      ['invoiced', 7],
    ]),
  ],
  opportunities: [
    opportunity('O1', O1, { amount: cny(10_000), probability: 50, expectedClose: '2026-02-01' }),
    opportunity('O2', O2, {
      pipelineId: 'fast',
      ownerId: 'u2',
      amount: cny(7_000),
      contractId: 'K2',
    }),
    opportunity('O3', O3, { pipelineId: 'fast' }),
  ],
  leads: [
    lead('L1', { stage: 'new' }),
    lead('L2', {
      ownerId: 'u2',
      stage: 'converted',
      convertedOpportunityId: 'O2',
      createdAt: day(-5),
    }),
  ],
  contracts: [
    contract('K2', [['review', 6]], { ownerId: 'u2', opportunityId: 'O2', amount: cny(7_000) }),
  ],
  invoices: [
    invoice('V2', {
      ownerId: 'u2',
      contractId: 'K2',
      amount: cny(7_000),
      issuedOn: '2026-01-08',
      dueOn: '2026-01-15',
    }),
  ],
  payments: [payment('Y2', 'V2', cny(3_000), '2026-01-10')],
});
const period = { from: day(0), to: day(30) };
const flowOf = (d: ReturnType<typeof computeDashboard>, phase: string) =>
  d.flows.find((f) => f.phase === phase)!;

describe('computeDashboard filters', () => {
  it('measures a pipeline with its own stages, and only the records linked to it', () => {
    const d = computeDashboard(data, { ...period, pipelineId: 'fast' });
    const opp = flowOf(d, 'opportunity');
    expect(opp.stages).toEqual(['discover', 'demo', 'won', 'lost']);
    // discover→demo: O2 converted, O3 lost → 1 ÷ 2. demo→won: O2.
    expect(opp.conversions.map((c) => [c.from, c.to, c.rate])).toEqual([
      ['discover', 'demo', 0.5],
      ['demo', 'won', 1],
    ]);
    expect(opp.wip).toEqual({ discover: 0, demo: 0, won: 1, lost: 1 });
    // Only L2 led to this pipeline; K2 and V2 hang off O2.
    expect(flowOf(d, 'lead').wip).toMatchObject({ new: 0, converted: 1 });
    expect(flowOf(d, 'contract').wip).toMatchObject({ review: 1 });
    expect(flowOf(d, 'invoice').wip).toMatchObject({ invoiced: 1 });
    expect(d.sales).toMatchObject({ won: 1, lost: 1, winRate: 0.5, forecast: [] });
    // Lead L2 created day −5, O2 won day 5 → 10 days.
    expect(d.sales.leadToWon).toEqual({ count: 1, meanDays: 10, medianDays: 10 });
    expect(d.cash.perCurrency[0]).toMatchObject({ receivable: cny(4_000), collected: cny(3_000) });
  });

  it('on all pipelines shows the default stages and adds other pipelines’ stages after them', () => {
    const opp = flowOf(computeDashboard(data, period), 'opportunity');
    expect(opp.stages).toEqual([
      ...['qualify', 'solution', 'proposal', 'negotiation', 'won', 'lost'],
      ...['discover', 'demo'],
    ]);
    expect(opp.wip).toMatchObject({ proposal: 1, won: 1, lost: 1 });
    // Each record is judged by its own pipeline's order: the fast pairs follow the default ones.
    expect(opp.conversions.map((c) => `${c.from}>${c.to}:${c.converted}/${c.entered}`)).toEqual([
      'qualify>solution:1/1',
      'solution>proposal:1/1',
      'proposal>negotiation:0/1',
      'negotiation>won:0/0',
      'discover>demo:1/2',
      'demo>won:1/1',
    ]);
  });

  it('keeps only one owner’s records', () => {
    const d = computeDashboard(data, { ...period, ownerId: 'u1' });
    expect(flowOf(d, 'opportunity').wip).toMatchObject({ proposal: 1, lost: 1, won: 0 });
    expect(flowOf(d, 'lead').wip).toMatchObject({ new: 1, converted: 0 });
    expect(flowOf(d, 'invoice').wip).toMatchObject({ invoiced: 0 });
    expect(d.sales.forecast).toEqual([
      { month: '2026-02', currency: 'CNY', count: 1, amount: cny(10_000), weighted: cny(5_000) },
    ]);
    expect(d.cash.perCurrency).toEqual([]);
  });

  it('reports the period, asOf and the buckets the series use', () => {
    const d = computeDashboard(data, { ...period, granularity: 'day' });
    expect(d.period).toEqual({ from: day(0), to: day(30), asOf: day(20), granularity: 'day' });
    // Days 0 … 20: the buckets stop at asOf, not at the end of a period still running.
    expect(d.buckets).toHaveLength(21);
    expect(d.buckets[0]).toEqual({ start: day(0), label: '2026-01-01' });
    expect(flowOf(d, 'opportunity').cumulativeFlow.won).toHaveLength(21);
  });
});
