import { describe, expect, it } from 'vitest';
import { computeDashboard } from './dashboard';
import { day, input, journey, opportunity } from './test-fixtures';
import type { PhaseFlow } from './types';

/*
 * Five opportunities on the default pipeline (qualify → solution → proposal → negotiation → won;
 * exit: lost). Days from 2026-01-01 (Thu). Period day 0 – day 30, now = day 20 (asOf = day 20).
 *   A  qualify@0 → solution@2 → proposal@5 → negotiation@6 → won@10      straight through
 *   B  qualify@1 → proposal@3 → lost@8                                     skips solution
 *   C  qualify@0 → solution@4 → qualify@6 → solution@9 (open)              moves back, then on again
 *   D  qualify@2 → lost@3 → qualify@5 → solution@7 → proposal@12 (open)    lost, reopened
 *   E  qualify@3 (open)
 * First forward entries (reached): A q,s,p,n,w · B q,p (qualify→proposal is forward) · C q,s (the
 * move back to qualify and the second entry into solution add nothing) · D q,s,p (the reopen
 * lost→qualify is not progress) · E q.
 */
const STEPS: Record<string, [string, number][]> = {
  A: [
    ['qualify', 0],
    ['solution', 2],
    ['proposal', 5],
    ['negotiation', 6],
    ['won', 10],
  ],
  B: [
    ['qualify', 1],
    ['proposal', 3],
    ['lost', 8],
  ],
  C: [
    ['qualify', 0],
    ['solution', 4],
    ['qualify', 6],
    ['solution', 9],
  ],
  D: [
    ['qualify', 2],
    ['lost', 3],
    ['qualify', 5],
    ['solution', 7],
    ['proposal', 12],
  ],
  E: [['qualify', 3]],
};

function flow(from: number, to: number, now = day(20)): PhaseFlow {
  const ids = Object.keys(STEPS);
  const dashboard = computeDashboard(
    input({
      // Shuffled: the metrics must not rely on the events arriving in time order.
      events: ids.flatMap((id) => journey('opportunity', id, STEPS[id]!)).reverse(),
      opportunities: ids.map((id) => opportunity(id, STEPS[id]!)),
      now,
    }),
    { from: day(from), to: day(to), granularity: 'week' },
  );
  return dashboard.flows.find((f) => f.phase === 'opportunity')!;
}

describe('opportunity flow over the whole period', () => {
  const f = flow(0, 30);

  it('converts between consecutive stages, leaving out skipped stages and pending cards', () => {
    // qualify→solution: entered A B C D E; converted A C D; B skipped solution; E still open.
    // solution→proposal: entered A C D; converted A D; C is back in solution (pending).
    // proposal→negotiation: entered A B D; converted A; B lost (dropped); D open → 1 / (1 + 1).
    // negotiation→won: A converted.
    expect(f.conversions).toEqual([
      {
        from: 'qualify',
        to: 'solution',
        entered: 5,
        converted: 3,
        skipped: 1,
        dropped: 0,
        pending: 1,
        rate: 1,
      },
      {
        from: 'solution',
        to: 'proposal',
        entered: 3,
        converted: 2,
        skipped: 0,
        dropped: 0,
        pending: 1,
        rate: 1,
      },
      {
        from: 'proposal',
        to: 'negotiation',
        entered: 3,
        converted: 1,
        skipped: 0,
        dropped: 1,
        pending: 1,
        rate: 0.5,
      },
      {
        from: 'negotiation',
        to: 'won',
        entered: 1,
        converted: 1,
        skipped: 0,
        dropped: 0,
        pending: 0,
        rate: 1,
      },
    ]);
  });

  it('counts the funnel by the furthest stage reached, so a skipped stage still counts as passed', () => {
    // furthest: A won(4), B proposal(2), C solution(1), D proposal(2), E qualify(0).
    expect(f.funnel).toEqual([
      { stage: 'qualify', reached: 5 },
      { stage: 'solution', reached: 4 },
      { stage: 'proposal', reached: 3 },
      { stage: 'negotiation', reached: 1 },
      { stage: 'won', reached: 1 },
    ]);
  });

  it('measures time in stage per visit, open visits up to asOf', () => {
    // qualify: A 2, B 2, C 4 and 3, D 1 and 2, E 17 (open) → [1,2,2,2,3,4,17]: median 2;
    //   p80 rank 0.8×6 = 4.8 → 3 + 0.8×(4−3) = 3.8.
    // solution: A 3, C 2 and 11 (open, 20−9), D 5 → [2,3,5,11]: median 4; p80 rank 2.4 → 5 + 0.4×6 = 7.4.
    // proposal: A 1, B 5, D 8 (open) → median 5; p80 rank 1.6 → 5 + 0.6×3 = 6.8.
    // negotiation: A 4. The lost visit of D (3→5) is not measured: terminal stages have no dwell.
    const byStage = Object.fromEntries(f.dwell.map((d) => [d.stage, d]));
    expect(byStage.qualify).toMatchObject({ samples: 7, openSamples: 1, medianDays: 2 });
    expect(byStage.qualify!.p80Days).toBeCloseTo(3.8, 9);
    expect(byStage.solution).toMatchObject({ samples: 4, openSamples: 1, medianDays: 4 });
    expect(byStage.solution!.p80Days).toBeCloseTo(7.4, 9);
    expect(byStage.proposal).toMatchObject({ samples: 3, openSamples: 1, medianDays: 5 });
    expect(byStage.proposal!.p80Days).toBeCloseTo(6.8, 9);
    expect(byStage.negotiation).toMatchObject({
      samples: 1,
      openSamples: 0,
      medianDays: 4,
      p80Days: 4,
    });
    expect(f.dwell.map((d) => d.stage)).toEqual(['qualify', 'solution', 'proposal', 'negotiation']);
  });

  it('counts work in progress per stage at asOf', () => {
    expect(f.wip).toEqual({
      qualify: 1,
      solution: 1,
      proposal: 1,
      negotiation: 0,
      won: 1,
      lost: 1,
    });
  });

  it('counts throughput into won per week and the cumulative flow at each week end', () => {
    // Weeks start Monday: 2025-12-29, 2026-01-05, -12, -19 (asOf, day 20, falls in it; the week
    // of the 26th has not begun). A is won on day 10 = Sun 11 Jan.
    expect(f.throughput).toEqual({ stage: 'won', total: 1, perBucket: [0, 1, 0, 0] });
    // Samples: end of day 3 (Sun 4 Jan), end of day 10, end of day 17, then asOf = day 20.
    // Day 3 end: A solution, B proposal, C qualify, D lost, E qualify.
    // Day 10 end: A won, B lost, C solution, D solution, E qualify. Day 17 and 20: D in proposal.
    expect(f.cumulativeFlow).toEqual({
      qualify: [2, 1, 1, 1],
      solution: [1, 2, 1, 1],
      proposal: [1, 0, 1, 1],
      negotiation: [0, 0, 0, 0],
      won: [0, 1, 1, 1],
      lost: [1, 1, 1, 1],
    });
  });
});

describe('opportunity flow over part of the history', () => {
  it('takes the conversion cohort from entries in the period, and dwell from visits ending in it', () => {
    // From day 5: A entered proposal@5 (→ negotiation), negotiation@6 (→ won); D entered solution@7
    // (→ proposal) and proposal@12 (pending). Nothing entered qualify in the period.
    const f = flow(5, 30);
    expect(f.conversions.map((c) => [c.from, c.entered, c.converted, c.pending])).toEqual([
      ['qualify', 0, 0, 0],
      ['solution', 1, 1, 0],
      ['proposal', 2, 1, 1],
      ['negotiation', 1, 1, 0],
    ]);
    expect(f.conversions[0]!.rate).toBeNull();
    // No record's first event is on or after day 5.
    expect(f.funnel.every((s) => s.reached === 0)).toBe(true);
    // qualify visits ending from day 5 on: C 6→9 (3), D 5→7 (2), E open (17) → median 3.
    expect(f.dwell[0]).toMatchObject({ stage: 'qualify', samples: 3, medianDays: 3 });
  });

  it('gives zeros and nulls, not errors, for a period before any event', () => {
    const f = flow(-60, -30, day(20));
    expect(f.conversions.every((c) => c.entered === 0 && c.rate === null)).toBe(true);
    expect(
      f.dwell.every((d) => d.samples === 0 && d.medianDays === null && d.p80Days === null),
    ).toBe(true);
    expect(f.throughput.total).toBe(0);
    expect(Object.values(f.wip).every((n) => n === 0)).toBe(true);
    expect(
      Object.values(f.cumulativeFlow)
        .flat()
        .every((n) => n === 0),
    ).toBe(true);
  });

  it('judges a past period as it stood at its end (events after it are ignored)', () => {
    // Period day 0 – day 9 (asOf = day 9 − 1 ms): A in negotiation, B lost, C back in qualify,
    // D reopened and in solution, E in qualify.
    const f = flow(0, 9, day(20));
    expect(f.wip).toEqual({
      qualify: 2,
      solution: 1,
      proposal: 0,
      negotiation: 1,
      won: 0,
      lost: 1,
    });
    expect(f.throughput.total).toBe(0);
  });
});
