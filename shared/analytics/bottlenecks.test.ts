import { describe, expect, it } from 'vitest';
import type { Contract, StageEvent } from '../domain/entities';
import { findBottlenecks } from './bottlenecks';
import { computeDashboard } from './dashboard';
import { contract, day, input, journey } from './test-fixtures';
import type { PhaseFlow, StageConversion } from './types';

/**
 * Contracts: `done` went draft 1 day → review `review` days → signed 2 → executing 3 → completed;
 * `waiting` are in review now (entered on day 41…), with a day in draft before.
 */
function contracts(done: number, review: number, waiting: number) {
  const events: StageEvent[] = [];
  const records: Contract[] = [];
  const add = (id: string, steps: [string, number][]) => {
    events.push(...journey('contract', id, steps));
    records.push(contract(id, steps));
  };
  for (let i = 0; i < done; i++) {
    const r = i + 1 + review;
    add(`done${i}`, [
      ['draft', i],
      ['review', i + 1],
      ['signed', r],
      ['executing', r + 2],
      ['completed', r + 5],
    ]);
  }
  for (let j = 0; j < waiting; j++)
    add(`wait${j}`, [
      ['draft', 40 + j],
      ['review', 41 + j],
    ]);
  return computeDashboard(input({ events, contracts: records, now: day(60) }), {
    from: day(0),
    to: day(100),
  });
}

describe('bottleneck detection', () => {
  it('names a stage where cards sit far longer than anywhere else while work piles up', () => {
    // Review: ten closed visits of 12 days and nine open ones of 19, 18 … 11 days (now = day 60) →
    // sorted 11, 12 ×10, 13 … 19: median 12. Other medians: draft 1, signed 2 → 12 ÷ 2 = 6.
    // Executing (3) is the work itself, not waiting, and is not compared by default.
    const d = contracts(10, 12, 9);
    expect(d.bottlenecks).toEqual([
      {
        phase: 'contract',
        stage: 'review',
        kind: 'dwell',
        medianDays: 12,
        ratioToNext: 6,
        waitingNow: 9,
        conversion: null,
        // 6 × (1 + 9 waiting ÷ 9 open contracts)
        severity: 12,
      },
    ]);
    // Compared with executing too: 12 ÷ 3 = 4, severity 8.
    expect(findBottlenecks(d.flows, { notWaiting: {} })).toMatchObject([
      { stage: 'review', ratioToNext: 4, severity: 8 },
    ]);
  });

  it('finds nothing when the flow is even', () => {
    // Review takes 2 days like signed (2) and executing (3): no stage stands out.
    expect(contracts(10, 2, 0).bottlenecks).toEqual([]);
    expect(contracts(10, 3, 3).bottlenecks).toEqual([]);
  });

  it('does not call a slow stage a bottleneck on too few cards, or with nothing waiting', () => {
    // Two finished contracts only: the review stage has 2 samples, below the minimum of 3.
    expect(contracts(2, 12, 0).bottlenecks).toEqual([]);
    // Slow, but the work has drained: no card is waiting in review now.
    expect(contracts(10, 12, 0).bottlenecks).toEqual([]);
  });

  const pair = (from: string, to: string, converted: number, dropped: number): StageConversion => ({
    from,
    to,
    entered: converted + dropped,
    converted,
    skipped: 0,
    dropped,
    pending: 0,
    rate: converted / (converted + dropped),
  });
  const opportunityFlow = (conversions: StageConversion[]): PhaseFlow => ({
    phase: 'opportunity',
    stages: ['qualify', 'solution', 'proposal', 'negotiation', 'won', 'lost'],
    funnel: [],
    conversions,
    dwell: [
      { stage: 'qualify', samples: 10, openSamples: 0, medianDays: 3, p80Days: 4 },
      { stage: 'solution', samples: 10, openSamples: 0, medianDays: 4, p80Days: 5 },
    ],
    wip: { qualify: 2, solution: 4, proposal: 1, negotiation: 1 },
    throughput: { stage: 'won', total: 0, perBucket: [] },
    cumulativeFlow: {},
  });

  it('names a stage few cards leave forward, against the phase’s typical rate', () => {
    // Rates 0.8, 0.2, 0.7, 0.75: for solution→proposal the others' median is 0.75 and
    // 0.2 < 0.6 × 0.75 = 0.45. For the others, the typical rate includes 0.2 and they are fine.
    const flow = opportunityFlow([
      pair('qualify', 'solution', 8, 2),
      pair('solution', 'proposal', 2, 8),
      pair('proposal', 'negotiation', 7, 3),
      pair('negotiation', 'won', 6, 2),
    ]);
    const findings = findBottlenecks([flow]);
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({
      phase: 'opportunity',
      stage: 'solution',
      kind: 'conversion',
      nextStage: 'proposal',
      conversion: 0.2,
      typicalConversion: 0.75,
      medianDays: 4,
      waitingNow: 4,
    });
    expect(findings[0]!.severity).toBeCloseTo(3.75, 12);
  });

  it('ignores pairs with too few decided cards, and ranks findings by severity', () => {
    // 1 of 4 decided is below the minimum of 5 decided cards.
    const thin = opportunityFlow([
      pair('qualify', 'solution', 8, 2),
      pair('solution', 'proposal', 1, 3),
    ]);
    expect(findBottlenecks([thin])).toEqual([]);
    // Review at 20 days: median 20 (ten 20s above nine open 11…19) ÷ 2 = 10; × (1 + 9 ÷ 9) = 20.
    const slowReview = contracts(10, 20, 9).flows.find((f) => f.phase === 'contract')!;
    // Solution→proposal at 0.1 against a typical 0.8: severity 0.8 ÷ 0.1 = 8.
    const leaky = opportunityFlow([
      pair('qualify', 'solution', 8, 2),
      pair('solution', 'proposal', 1, 9),
      pair('proposal', 'negotiation', 8, 2),
    ]);
    expect(findBottlenecks([leaky, slowReview]).map((f) => [f.stage, f.kind])).toEqual([
      ['review', 'dwell'],
      ['solution', 'conversion'],
    ]);
    // Review at 12 days (severity 12, first test) ranks below 0.05 against a typical 0.9 (18).
    const slowish = contracts(10, 12, 9).flows.find((f) => f.phase === 'contract')!;
    const leakier = opportunityFlow([
      pair('qualify', 'solution', 9, 1),
      pair('solution', 'proposal', 1, 19),
      pair('proposal', 'negotiation', 9, 1),
    ]);
    expect(findBottlenecks([slowish, leakier]).map((f) => [f.stage, f.kind])).toEqual([
      ['solution', 'conversion'],
      ['review', 'dwell'],
    ]);
  });
});
