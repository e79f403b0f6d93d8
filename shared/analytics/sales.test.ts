import { describe, expect, it } from 'vitest';
import type { Opportunity } from '../domain/entities';
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
  usd,
} from './test-fixtures';

/*
 * Period day 0 – day 30 (2026-01-01 – 01-30), now = day 20. Opportunities (account, amount):
 *   A  X  100 000 CNY  qualify@0 … won@10; from lead LA (created day −10); contract KA 100 000,
 *                      invoices 60 000 paid@18 and 40 000 paid@19 → fully paid on day 19
 *   G  X   80 000 CNY  qualify@2 → won@12; from lead LG (created day 2); contract KG 80 000 with
 *                      one invoice only partially paid → not fully paid
 *   F  Y   50 000 USD  qualify@1 → lost@4 → qualify@6 → negotiation@7 → won@15 (reopened, then won)
 *   K  W   20 000 CNY  qualify@5 → won@11
 *   B  X              qualify@1 → lost@8
 *   D  X              qualify@2 → lost@3 → qualify@5 (reopened; open → undecided)
 *   H  Y              qualify@−30 → won@−20 (before the period)
 *   J  Z              qualify@−10 → won@−5 (before the period)
 * Open, for the forecast only (record fields; no events needed):
 *   P  30 000 CNY 50 % close 2026-02-15 · Q 10 000 CNY 10 % 2026-02-01 · R 20 000 USD 75 % 2026-03-10
 *   S  no amount · N 999 CNY 75 % no close date · T archived 5 000 CNY.
 */
const STEPS: Record<string, [string, number][]> = {
  A: [
    ['qualify', 0],
    ['negotiation', 5],
    ['won', 10],
  ],
  G: [
    ['qualify', 2],
    ['negotiation', 4],
    ['won', 12],
  ],
  F: [
    ['qualify', 1],
    ['lost', 4],
    ['qualify', 6],
    ['negotiation', 7],
    ['won', 15],
  ],
  K: [
    ['qualify', 5],
    ['negotiation', 6],
    ['won', 11],
  ],
  B: [
    ['qualify', 1],
    ['lost', 8],
  ],
  D: [
    ['qualify', 2],
    ['lost', 3],
    ['qualify', 5],
  ],
  H: [
    ['qualify', -30],
    ['negotiation', -25],
    ['won', -20],
  ],
  J: [
    ['qualify', -10],
    ['negotiation', -8],
    ['won', -5],
  ],
};
const OVER: Record<string, Partial<Opportunity>> = {
  A: { accountId: 'X', amount: cny(100_000), contractId: 'KA' },
  G: { accountId: 'X', amount: cny(80_000), contractId: 'KG' },
  F: { accountId: 'Y', amount: usd(50_000) },
  K: { accountId: 'W', amount: cny(20_000) },
  B: { accountId: 'X' },
  D: { accountId: 'X' },
  H: { accountId: 'Y' },
  J: { accountId: 'Z' },
};
const open = (id: string, over: Partial<Opportunity>) => opportunity(id, [['proposal', 1]], over);

const dashboard = computeDashboard(
  input({
    events: Object.entries(STEPS).flatMap(([id, steps]) => journey('opportunity', id, steps)),
    opportunities: [
      ...Object.entries(STEPS).map(([id, steps]) => opportunity(id, steps, OVER[id])),
      open('P', { amount: cny(30_000), probability: 50, expectedClose: '2026-02-15' }),
      open('Q', { amount: cny(10_000), probability: 10, expectedClose: '2026-02-01' }),
      open('R', { amount: usd(20_000), probability: 75, expectedClose: '2026-03-10' }),
      open('S', { probability: 50, expectedClose: '2026-02-10' }),
      open('N', { amount: cny(999), probability: 75 }),
      open('T', {
        amount: cny(5_000),
        probability: 50,
        expectedClose: '2026-02-10',
        archived: true,
      }),
    ],
    leads: [
      lead('LA', { createdAt: day(-10), stage: 'converted', convertedOpportunityId: 'A' }),
      lead('LG', { createdAt: day(2), stage: 'converted', convertedOpportunityId: 'G' }),
    ],
    contracts: [
      contract('KA', [['executing', 12]], { amount: cny(100_000), opportunityId: 'A' }),
      contract('KG', [['executing', 13]], { amount: cny(80_000), opportunityId: 'G' }),
    ],
    invoices: [
      invoice('IA1', {
        contractId: 'KA',
        amount: cny(60_000),
        dueOn: '2026-01-20',
        stage: 'paid',
        stageEnteredAt: day(18),
      }),
      invoice('IA2', {
        contractId: 'KA',
        amount: cny(40_000),
        dueOn: '2026-02-20',
        stage: 'paid',
        stageEnteredAt: day(19),
      }),
      invoice('IG1', {
        contractId: 'KG',
        amount: cny(80_000),
        dueOn: '2026-01-25',
        stage: 'partiallyPaid',
        stageEnteredAt: day(16),
      }),
    ],
  }),
  { from: day(0), to: day(30) },
).sales;

describe('sales metrics', () => {
  it('counts a win rate over deals decided in the period; a reopened, still-open deal is undecided', () => {
    // Won in the period: A, G, F (lost, reopened, then won: counted once, as won), K. Lost: B.
    // D was lost but is open again at asOf; H and J were won before the period.
    expect(dashboard).toMatchObject({ won: 4, lost: 1, winRate: 0.8 });
    // CNY: A 100 000 + G 80 000 + K 20 000; USD: F 50 000. Never added across currencies.
    expect(dashboard.wonAmount).toEqual([cny(200_000), usd(50_000)]);
  });

  it('measures the sales cycle from the lead, from the opportunity, and to fully paid', () => {
    // Lead → won: A 10 − (−10) = 20, G 12 − 2 = 10 → mean 15, median 15.
    expect(dashboard.leadToWon).toEqual({ count: 2, meanDays: 15, medianDays: 15 });
    // Opportunity created → won: A 10, G 10, F 15 − 1 = 14, K 11 − 5 = 6 → mean 10, median 10.
    expect(dashboard.opportunityToWon).toEqual({ count: 4, meanDays: 10, medianDays: 10 });
    // Lead → fully paid: only A (KG is partially paid): 19 − (−10) = 29.
    expect(dashboard.leadToPaid).toEqual({ count: 1, meanDays: 29, medianDays: 29 });
  });

  it('forecasts amount × probability by expected-close month, per currency', () => {
    // "" (no date): N 999 × 75 % = 749.25 → 749. 2026-02 CNY: P 15 000 + Q 1 000 (S has no amount,
    // T is archived). 2026-03 USD: R 15 000.
    expect(dashboard.forecast).toEqual([
      { month: '', currency: 'CNY', count: 1, amount: cny(999), weighted: cny(749) },
      { month: '2026-02', currency: 'CNY', count: 2, amount: cny(40_000), weighted: cny(16_000) },
      { month: '2026-03', currency: 'USD', count: 1, amount: usd(20_000), weighted: usd(15_000) },
    ]);
  });

  it('counts repeat customers among the accounts that won in the period', () => {
    // Won in the period: X (A, G), Y (F; H before), W (K). Z won only before. X and Y have two wins.
    expect(dashboard).toMatchObject({ customers: 3, repeatCustomers: 2 });
    expect(dashboard.repeatCustomerRate).toBeCloseTo(2 / 3, 12);
  });

  it('returns nulls for an empty period', () => {
    const empty = computeDashboard(input({ opportunities: [] }), {
      from: day(0),
      to: day(30),
    }).sales;
    expect(empty).toMatchObject({
      won: 0,
      lost: 0,
      winRate: null,
      customers: 0,
      repeatCustomerRate: null,
    });
    expect(empty.leadToWon).toEqual({ count: 0, meanDays: null, medianDays: null });
    expect(empty.forecast).toEqual([]);
  });
});
