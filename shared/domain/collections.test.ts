import { describe, expect, it } from 'vitest';
import { AGEING_BUCKETS, ageingBucket, ageReceivables } from './ageing';
import {
  amountDue,
  checkPayment,
  daysBetween,
  daysOverdue,
  isOverdue,
  stageForPaid,
  sumPayments,
} from './collections';
import { money } from './money';
import type { InvoiceStage } from './phases';

const cny = (yuan: number) => money(yuan * 100, 'CNY');

/** An invoice of ¥12,000.00, as the card on the board would hold it. */
const invoice = (stage: InvoiceStage, paidYuan = 0, dueOn = '2026-03-31') => ({
  stage,
  amount: cny(12_000),
  paid: cny(paidYuan),
  dueOn,
});

describe('amount due and the stage that follows the money', () => {
  it('due is amount less paid', () => {
    expect(amountDue(invoice('invoiced'))).toEqual(cny(12_000));
    expect(amountDue(invoice('partiallyPaid', 4_500))).toEqual(cny(7_500));
    expect(amountDue(invoice('paid', 12_000))).toEqual(cny(0));
  });

  it('nothing paid → invoiced, part → partially paid, all → paid', () => {
    expect(stageForPaid(cny(12_000), cny(0))).toBe('invoiced');
    expect(stageForPaid(cny(12_000), money(1, 'CNY'))).toBe('partiallyPaid');
    expect(stageForPaid(cny(12_000), money(1_199_999, 'CNY'))).toBe('partiallyPaid');
    expect(stageForPaid(cny(12_000), cny(12_000))).toBe('paid');
  });
});

describe('checkPayment', () => {
  it('two partial payments take an invoice to paid: 5,000 then 7,000 of 12,000', () => {
    const first = checkPayment(invoice('invoiced'), cny(0), cny(5_000));
    expect(first).toEqual({ allowed: true, paid: cny(5_000), stage: 'partiallyPaid' });
    const second = checkPayment(invoice('partiallyPaid', 5_000), cny(5_000), cny(7_000));
    expect(second).toEqual({ allowed: true, paid: cny(12_000), stage: 'paid' });
  });

  it('refuses more than is due, naming the amount due (12,000 − 5,000 = 7,000)', () => {
    expect(checkPayment(invoice('partiallyPaid', 5_000), cny(5_000), money(700_001))).toEqual({
      allowed: false,
      refusal: { reason: 'overDue', due: cny(7_000) },
    });
    // Exactly the amount due is fine.
    expect(checkPayment(invoice('partiallyPaid', 5_000), cny(5_000), cny(7_000)).allowed).toBe(
      true,
    );
  });

  it('judges against the payments received, not the invoice cache', () => {
    // The invoice still says 0 paid, but 10,000 was received: only 2,000 is due.
    expect(checkPayment(invoice('invoiced', 0), cny(10_000), cny(3_000))).toEqual({
      allowed: false,
      refusal: { reason: 'overDue', due: cny(2_000) },
    });
  });

  it('refuses another currency, zero, and invoices not issued or already paid', () => {
    expect(checkPayment(invoice('invoiced'), cny(0), money(100, 'USD'))).toEqual({
      allowed: false,
      refusal: { reason: 'currency', currency: 'CNY' },
    });
    expect(checkPayment(invoice('invoiced'), cny(0), cny(0))).toEqual({
      allowed: false,
      refusal: { reason: 'notPositive' },
    });
    expect(checkPayment(invoice('scheduled'), cny(0), cny(100))).toEqual({
      allowed: false,
      refusal: { reason: 'notIssued', stage: 'scheduled' },
    });
    expect(checkPayment(invoice('paid', 12_000), cny(12_000), cny(1))).toEqual({
      allowed: false,
      refusal: { reason: 'notIssued', stage: 'paid' },
    });
  });

  it('sums only the invoice currency', () => {
    const payments = [{ amount: cny(5_000) }, { amount: money(12_345, 'CNY') }];
    expect(sumPayments('CNY', payments)).toEqual(money(512_345, 'CNY'));
    expect(sumPayments('CNY', [])).toEqual(cny(0));
  });
});

describe('overdue', () => {
  it('counts calendar days between ISO dates, across month ends and leap days', () => {
    expect(daysBetween('2026-03-31', '2026-04-01')).toBe(1);
    expect(daysBetween('2028-02-28', '2028-03-01')).toBe(2); // 2028 is a leap year
    expect(daysBetween('2026-03-31', '2026-03-01')).toBe(-30);
    // A DST change in Europe (2026-03-29) changes nothing: dates carry no zone.
    expect(daysBetween('2026-03-28', '2026-03-30')).toBe(2);
  });

  it('is overdue once the due date has passed with money still to receive', () => {
    expect(isOverdue(invoice('invoiced'), '2026-03-31')).toBe(false); // due today
    expect(isOverdue(invoice('invoiced'), '2026-04-01')).toBe(true);
    expect(daysOverdue(invoice('invoiced'), '2026-04-10')).toBe(10);
    expect(isOverdue(invoice('partiallyPaid', 5_000), '2026-04-01')).toBe(true);
    // Paid or not yet issued: nothing is owed, so nothing is late.
    expect(isOverdue(invoice('paid', 12_000), '2026-05-01')).toBe(false);
    expect(isOverdue(invoice('scheduled'), '2026-05-01')).toBe(false);
    expect(daysOverdue(invoice('scheduled'), '2026-05-01')).toBe(0);
  });
});

describe('AR ageing', () => {
  it('buckets days past due at every boundary', () => {
    expect(ageingBucket(-1)).toBe('notDue');
    expect(ageingBucket(0)).toBe('days0to30');
    expect(ageingBucket(30)).toBe('days0to30');
    expect(ageingBucket(31)).toBe('days31to60');
    expect(ageingBucket(60)).toBe('days31to60');
    expect(ageingBucket(61)).toBe('days61to90');
    expect(ageingBucket(90)).toBe('days61to90');
    expect(ageingBucket(91)).toBe('over90');
  });

  it('totals the outstanding amounts of issued invoices per bucket and currency', () => {
    const today = '2026-06-30';
    // Due dates chosen for 0/30/31/60/61/90/91 days past due, and one not yet due.
    const at = (days: number) => {
      const d = new Date(Date.parse(`${today}T00:00:00Z`) - days * 86_400_000);
      return d.toISOString().slice(0, 10);
    };
    const report = ageReceivables(
      [
        { stage: 'invoiced', amount: cny(100), paid: cny(0), dueOn: at(-5) },
        { stage: 'invoiced', amount: cny(200), paid: cny(0), dueOn: at(0) },
        { stage: 'partiallyPaid', amount: cny(1_000), paid: cny(700), dueOn: at(30) },
        { stage: 'invoiced', amount: cny(400), paid: cny(0), dueOn: at(31) },
        { stage: 'invoiced', amount: money(5_000, 'USD'), paid: money(0, 'USD'), dueOn: at(60) },
        { stage: 'invoiced', amount: cny(600), paid: cny(0), dueOn: at(61) },
        { stage: 'invoiced', amount: cny(700), paid: cny(0), dueOn: at(90) },
        { stage: 'invoiced', amount: cny(800), paid: cny(0), dueOn: at(91) },
        // Not receivables: scheduled (not sent) and paid.
        { stage: 'scheduled', amount: cny(9_000), paid: cny(0), dueOn: at(200) },
        { stage: 'paid', amount: cny(9_000), paid: cny(9_000), dueOn: at(200) },
      ],
      today,
    );
    expect(at(30)).toBe('2026-05-31');
    expect(report.buckets.map((b) => b.bucket)).toEqual([...AGEING_BUCKETS]);
    const byBucket = Object.fromEntries(report.buckets.map((b) => [b.bucket, b]));
    expect(byBucket.notDue).toEqual({ bucket: 'notDue', count: 1, totals: [cny(100)] });
    // 200 (day 0) + 300 due of the partly paid 1,000 (day 30)
    expect(byBucket.days0to30).toEqual({ bucket: 'days0to30', count: 2, totals: [cny(500)] });
    // 400 (day 31) in CNY; the USD 50.00 (day 60) beside it, never added.
    expect(byBucket.days31to60).toEqual({
      bucket: 'days31to60',
      count: 2,
      totals: [cny(400), money(5_000, 'USD')],
    });
    expect(byBucket.days61to90).toEqual({
      bucket: 'days61to90',
      count: 2,
      totals: [cny(1_300)],
    });
    expect(byBucket.over90).toEqual({ bucket: 'over90', count: 1, totals: [cny(800)] });
    // 100 + 500 + 400 + 1,300 + 800 = 3,100 CNY outstanding; overdue leaves out not-due and day 0.
    expect(report.outstanding).toEqual([cny(3_100), money(5_000, 'USD')]);
    expect(report.overdue).toEqual([cny(2_800), money(5_000, 'USD')]);
    expect(report.overdueCount).toBe(6);
  });
});
