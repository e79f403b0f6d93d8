import { describe, expect, it } from 'vitest';
import { computeDashboard } from './dashboard';
import { cny, input, invoice, payment, usd } from './test-fixtures';

/*
 * Period: January 2026 (from 01-01 to 02-01, now 02-10 → asOf 01-31, 31 days). Invoices:
 *   I1 X 100 000 CNY issued 2025-12-10 due 01-09; paid 40 000 on 01-05 + 60 000 on 01-20 → 0 left
 *   I2 Y  50 000 CNY issued 01-10 due 02-09; paid 20 000 on 01-25 (partial) → 30 000, not yet due
 *   I3 X  80 000 CNY issued 2025-11-01 due 2025-12-01; unpaid → 80 000, 61 days late (61–90)
 *   I4 Z  30 000 CNY issued 01-02 due 01-16; paid 10 000 on 02-05 (after asOf) → 30 000, 15 days late
 *   I5 Y  70 000 CNY scheduled (not issued) due 01-25 → no receivable, but it fell due
 *   I6 W  10 000 USD issued 2025-08-01 due 2025-09-01; unpaid → 152 days late (over 90)
 *   I7 Z  40 000 CNY issued 01-05 due 01-31 (today: not yet late); a 40 000 USD payment on 01-10
 *         is in the wrong currency and is ignored, never mixed in
 */
const from = Date.UTC(2026, 0, 1);
const to = Date.UTC(2026, 1, 1);
const now = Date.UTC(2026, 1, 10);

const data = input({
  now,
  invoices: [
    invoice('I1', {
      accountId: 'X',
      amount: cny(100_000),
      issuedOn: '2025-12-10',
      dueOn: '2026-01-09',
      stage: 'paid',
    }),
    invoice('I2', {
      accountId: 'Y',
      amount: cny(50_000),
      issuedOn: '2026-01-10',
      dueOn: '2026-02-09',
      stage: 'partiallyPaid',
    }),
    invoice('I3', {
      accountId: 'X',
      amount: cny(80_000),
      issuedOn: '2025-11-01',
      dueOn: '2025-12-01',
    }),
    invoice('I4', {
      accountId: 'Z',
      amount: cny(30_000),
      issuedOn: '2026-01-02',
      dueOn: '2026-01-16',
      stage: 'partiallyPaid',
    }),
    invoice('I5', { accountId: 'Y', amount: cny(70_000), dueOn: '2026-01-25', stage: 'scheduled' }),
    invoice('I6', {
      accountId: 'W',
      amount: usd(10_000),
      issuedOn: '2025-08-01',
      dueOn: '2025-09-01',
    }),
    invoice('I7', {
      accountId: 'Z',
      amount: cny(40_000),
      issuedOn: '2026-01-05',
      dueOn: '2026-01-31',
    }),
  ],
  payments: [
    payment('P1', 'I1', cny(40_000), '2026-01-05'),
    payment('P2', 'I1', cny(60_000), '2026-01-20'),
    payment('P3', 'I2', cny(20_000), '2026-01-25'),
    payment('P4', 'I4', cny(10_000), '2026-02-05'),
    payment('P5', 'I7', usd(40_000), '2026-01-10'),
  ],
});

describe('cash metrics', () => {
  const cash = computeDashboard(data, { from, to }).cash;
  const [cnyRow, usdRow] = cash.perCurrency;

  it('keeps currencies apart', () => {
    expect(cash.perCurrency.map((r) => r.currency)).toEqual(['CNY', 'USD']);
  });

  it('computes invoiced, collected, receivable and DSO', () => {
    // Invoiced in January: I2 50 000 + I4 30 000 + I7 40 000 = 120 000.
    // Collected in January: 40 000 + 60 000 (I1) + 20 000 (I2) = 120 000 (P4 is in February).
    // Receivable at 01-31: I2 30 000 + I3 80 000 + I4 30 000 + I7 40 000 = 180 000.
    // DSO = 180 000 ÷ 120 000 × 31 = 46.5 days.
    expect(cnyRow).toMatchObject({
      invoiced: cny(120_000),
      collected: cny(120_000),
      receivable: cny(180_000),
      dso: 46.5,
    });
  });

  it('computes the collection rate over what fell due, partial payments partly', () => {
    // Due in January: I1 100 000 (paid 100 000), I4 30 000 (0 by asOf), I5 70 000 (0), I7 40 000 (0)
    // → 100 000 ÷ 240 000.
    expect(cnyRow!.collectionRate).toBeCloseTo(100_000 / 240_000, 12);
  });

  it('computes overdue amounts and AR ageing buckets', () => {
    // Overdue: I3 80 000 + I4 30 000. Not due: I2 30 000. I7 40 000 is due today: in 0–30 with
    // I4, as on the collections board, but not overdue yet.
    expect(cnyRow).toMatchObject({ overdue: cny(110_000), overdueCount: 2 });
    expect(cnyRow!.ageing).toEqual({
      notDue: cny(30_000),
      d0to30: cny(70_000),
      d31to60: cny(0),
      d61to90: cny(80_000),
      over90: cny(0),
    });
    expect(usdRow).toMatchObject({
      invoiced: usd(0),
      collected: usd(0),
      receivable: usd(10_000),
      dso: null,
      collectionRate: null,
      overdue: usd(10_000),
      overdueCount: 1,
      revenuePerCustomer: null,
    });
    expect(usdRow!.ageing.over90).toEqual(usd(10_000));
  });

  it('computes revenue per customer from payments received in the period', () => {
    // X paid 100 000, Y 20 000 → 120 000 ÷ 2 accounts = 60 000.
    expect(cnyRow!.revenuePerCustomer).toEqual(cny(60_000));
    expect(cash.byCustomer).toEqual([
      { accountId: 'X', currency: 'CNY', collected: cny(100_000) },
      { accountId: 'Y', currency: 'CNY', collected: cny(20_000) },
    ]);
  });

  it('reads history: at the end of December the January payments had not arrived', () => {
    const dec = computeDashboard(data, { from: Date.UTC(2025, 11, 1), to: from }).cash
      .perCurrency[0]!;
    // Issued in December: I1 100 000. Receivable at 12-31: I1 100 000 + I3 80 000 (I2, I4, I7 not
    // issued yet). DSO = 180 000 ÷ 100 000 × 31 = 55.8. Due in December: I3, unpaid → rate 0.
    expect(dec).toMatchObject({
      invoiced: cny(100_000),
      collected: cny(0),
      receivable: cny(180_000),
      collectionRate: 0,
      overdue: cny(80_000),
    });
    expect(dec.dso).toBeCloseTo(55.8, 9);
  });

  it('returns zeros and nulls for a period before any invoice', () => {
    const empty = computeDashboard(data, {
      from: Date.UTC(2024, 0, 1),
      to: Date.UTC(2024, 1, 1),
    }).cash;
    for (const row of empty.perCurrency) {
      expect(row).toMatchObject({
        receivable: { minor: 0 },
        dso: null,
        collectionRate: null,
        overdueCount: 0,
      });
    }
    expect(empty.byCustomer).toEqual([]);
  });
});
