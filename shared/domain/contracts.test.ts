import { describe, expect, it } from 'vitest';
import {
  checkContractTransition,
  isValidQuantity,
  lineItemsTotal,
  lineTotal,
  missingForContractMove,
  paymentPlanTotal,
  signsContract,
  splitByPercent,
  termsIssues,
  unallocated,
} from './contracts';
import type { Contract } from './entities';
import { money, MoneyError } from './money';

const cny = (minor: number) => money(minor, 'CNY');

function contract(fields: Partial<Contract> = {}): Contract {
  return {
    id: 'c1',
    createdAt: 0,
    updatedAt: 0,
    ownerId: 'u',
    ownerName: 'U',
    archived: false,
    title: '产线改造',
    accountId: 'a1',
    stage: 'draft',
    stageEnteredAt: 0,
    amount: cny(0),
    ...fields,
  };
}

const line = (quantity: number, minor: number, currency = 'CNY') => ({
  id: `l${quantity}-${minor}`,
  description: '伺服电机',
  quantity,
  unitPrice: money(minor, currency),
});
const milestone = (minor: number, currency = 'CNY') => ({
  id: `m${minor}`,
  name: '预付款',
  amount: money(minor, currency),
  dueOn: '2026-03-01',
});

describe('contract totals', () => {
  it('multiplies quantity by unit price exactly, rounding half away from zero to the fen', () => {
    expect(lineTotal(line(3, 10))).toEqual(cny(30));
    expect(lineTotal(line(2.5, 3))).toEqual(cny(8)); // 7.5 fen → 8
    expect(lineTotal(line(0.001, 499))).toEqual(cny(0)); // 0.499 fen → 0
    expect(lineTotal(line(1.235, 100))).toEqual(cny(124)); // 123.5 → 124
    // Large values stay exact (no float drift on ¥90 million × 1000).
    expect(lineTotal(line(1000, 9_000_000_000))).toEqual(cny(9_000_000_000_000));
  });

  it('sums the lines in their one currency, and refuses a mix', () => {
    expect(lineItemsTotal([])).toBeUndefined();
    expect(lineItemsTotal([line(2, 150_000), line(1.5, 20_000)])).toEqual(cny(330_000));
    expect(() => lineItemsTotal([line(1, 100), line(1, 100, 'USD')])).toThrow(MoneyError);
  });

  it('accepts quantities above zero with at most three decimals', () => {
    expect(isValidQuantity(1)).toBe(true);
    expect(isValidQuantity(0.125)).toBe(true);
    expect(isValidQuantity(0.1 + 0.2)).toBe(true); // 0.30000000000000004 is 0.3 to a person
    expect(isValidQuantity(0)).toBe(false);
    expect(isValidQuantity(-1)).toBe(false);
    expect(isValidQuantity(0.0001)).toBe(false);
    expect(isValidQuantity(Number.NaN)).toBe(false);
  });
});

describe('payment plan', () => {
  it('adds the milestones and tells what is left to allocate', () => {
    const plan = [milestone(30_000), milestone(60_000)];
    expect(paymentPlanTotal(plan, 'CNY')).toEqual(cny(90_000));
    expect(unallocated({ amount: cny(100_000), paymentPlan: plan })).toEqual(cny(10_000));
    expect(unallocated({ amount: cny(80_000), paymentPlan: plan }).minor).toBe(-10_000);
  });

  it('splits 30/60/10 into fen that add up exactly', () => {
    const parts = splitByPercent(cny(100_001), [30, 60, 10]);
    expect(parts.map((p) => p.minor)).toEqual([30_000, 60_000, 10_001]);
    expect(parts.reduce((a, p) => a + p.minor, 0)).toBe(100_001);
  });

  it('names lines and milestones in another currency, and empty milestones', () => {
    const issues = termsIssues({
      amount: cny(0),
      lineItems: [line(1, 100), line(1, 100, 'USD')],
      paymentPlan: [milestone(50), milestone(0), milestone(50, 'USD')],
    });
    expect(issues).toEqual([
      { field: 'lineItems.1.unitPrice', code: 'invalid' },
      { field: 'paymentPlan.1.amount', code: 'invalid' },
      { field: 'paymentPlan.2.amount', code: 'invalid' },
    ]);
  });
});

describe('contract gates', () => {
  it('Review needs something sold and a payment plan', () => {
    expect(missingForContractMove(contract(), 'review')).toEqual(['lineItems', 'paymentPlan']);
    // An amount alone is enough for a contract without line items.
    expect(
      missingForContractMove(
        contract({ amount: cny(100), paymentPlan: [milestone(100)] }),
        'review',
      ),
    ).toEqual([]);
  });

  it('Signed needs the signing date and a plan that bills exactly the amount', () => {
    const draft = contract({
      amount: cny(100_000),
      lineItems: [line(1, 100_000)],
      paymentPlan: [milestone(30_000), milestone(60_000)],
    });
    expect(missingForContractMove(draft, 'signed')).toEqual(['paymentPlanBalanced', 'signedOn']);
    const balanced = { ...draft, paymentPlan: [...draft.paymentPlan!, milestone(10_000)] };
    expect(missingForContractMove(balanced, 'signed')).toEqual(['signedOn']);
    expect(missingForContractMove({ ...balanced, signedOn: '2026-02-01' }, 'signed')).toEqual([]);
    // Gates are cumulative: skipping to Executing still passes Review's and Signed's.
    expect(missingForContractMove(contract(), 'executing')).toEqual([
      'lineItems',
      'paymentPlan',
      'paymentPlanBalanced',
      'signedOn',
    ]);
  });

  it('Terminated needs a reason, from any open stage', () => {
    for (const stage of ['draft', 'review', 'signed', 'executing'] as const) {
      expect(missingForContractMove(contract({ stage }), 'terminated')).toEqual([
        'terminatedReason',
      ]);
      expect(checkContractTransition(stage, 'terminated')).toEqual({ allowed: true });
    }
    expect(
      missingForContractMove(contract({ terminatedReason: '客户破产' }), 'terminated'),
    ).toEqual([]);
    expect(missingForContractMove(contract({ terminatedReason: '  ' }), 'terminated')).toEqual([
      'terminatedReason',
    ]);
  });

  it('Completed needs the delivery accepted and every invoice paid', () => {
    const executing = contract({ stage: 'executing' });
    expect(missingForContractMove(executing, 'completed')).toEqual([
      'deliveryAccepted',
      'invoicesPaid',
    ]);
    expect(
      missingForContractMove(executing, 'completed', {
        deliveryAccepted: true,
        invoicesPaid: true,
      }),
    ).toEqual([]);
  });

  it('a signed contract never goes back to Draft or Review, and signing is recognised', () => {
    expect(checkContractTransition('signed', 'review')).toEqual({
      allowed: false,
      reason: 'afterSigning',
    });
    expect(checkContractTransition('executing', 'draft')).toEqual({
      allowed: false,
      reason: 'afterSigning',
    });
    expect(checkContractTransition('executing', 'signed')).toEqual({ allowed: true });
    expect(checkContractTransition('review', 'draft')).toEqual({ allowed: true });
    expect(checkContractTransition('review', 'completed')).toMatchObject({ allowed: false });
    expect(signsContract('review', 'signed')).toBe(true);
    expect(signsContract('draft', 'executing')).toBe(true);
    expect(signsContract('signed', 'executing')).toBe(false);
    expect(signsContract('executing', 'signed')).toBe(false);
    expect(signsContract('draft', 'terminated')).toBe(false);
  });
});
