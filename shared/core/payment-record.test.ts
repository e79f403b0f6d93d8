import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CrmError } from '../api/errors';
import { newId } from '../domain/ids';
import { money } from '../domain/money';
import { openCollectionsFixture, type CollectionsFixture } from './invoice-test-support';
import { LiveResults } from './test-support';

let f: CollectionsFixture;
beforeEach(async () => {
  f = await openCollectionsFixture();
  await f.core.service.commands['invoices/issue']({
    id: f.invoice.id,
    issuedOn: '2026-03-01',
    number: 'FP-0001',
  });
});
afterEach(() => f.core.close());

const record = (yuan: number, extra: { id?: string; currency?: string } = {}) =>
  f.core.service.commands['payments/record']({
    invoiceId: f.invoice.id,
    amount: money(Math.round(yuan * 100), extra.currency ?? 'CNY'),
    receivedOn: '2026-03-20',
    ...(extra.id ? { id: extra.id } : {}),
  });
const stored = async () => (await f.core.database.invoices.findOne(f.invoice.id).exec())!.toJSON();
const paymentCount = () => f.core.database.payments.count().exec();
const eventsOf = async () =>
  (
    await f.core.database.stageevents
      .find({ selector: { recordId: f.invoice.id }, sort: [{ at: 'asc' }] })
      .exec()
  ).map((e) => `${e.from ?? ''}→${e.to}`);

async function refusal(promise: Promise<unknown>): Promise<CrmError['data']> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(CrmError);
  return (error as CrmError).data;
}

describe('payments/record', () => {
  it('two partial payments take the invoice through Partially paid to Paid', async () => {
    f.clock.advance(1000);
    const first = await record(5_000);
    expect(first.payment).toMatchObject({ invoiceId: f.invoice.id, amount: money(5_000_00) });
    expect(first.invoice).toMatchObject({ stage: 'partiallyPaid', paid: money(5_000_00) });
    f.clock.advance(1000);
    const second = await record(7_000);
    expect(second.invoice).toMatchObject({ stage: 'paid', paid: money(12_000_00) });
    expect(await eventsOf()).toEqual([
      '→scheduled',
      'scheduled→invoiced',
      'invoiced→partiallyPaid',
      'partiallyPaid→paid',
    ]);
    const list = new LiveResults(f.core, 'payments/forInvoice', { invoiceId: f.invoice.id });
    const payments = await list.until((p) => p.length === 2);
    list.unsubscribe();
    expect(payments.map((p) => p.amount.minor)).toEqual([5_000_00, 7_000_00]);
    // A paid invoice takes no more payments.
    expect(await refusal(record(1))).toMatchObject({
      type: 'TransitionNotAllowed',
      from: 'paid',
      reason: 'fromTerminal',
    });
  });

  it('refuses a payment above the amount due, naming the amount due, and writes nothing', async () => {
    await record(5_000);
    const before = await stored();
    const error = await refusal(record(7_000.01));
    // 12,000.00 − 5,000.00 = 7,000.00 may still be received.
    expect(error).toEqual({
      type: 'ValidationError',
      message: expect.any(String),
      fields: [{ field: 'amount', code: 'tooLarge', params: { max: money(7_000_00, 'CNY') } }],
    });
    expect(await paymentCount()).toBe(1);
    expect(await stored()).toEqual(before);
  });

  it('refuses another currency, a zero amount and a scheduled invoice', async () => {
    expect(await refusal(record(100, { currency: 'USD' }))).toMatchObject({
      fields: [{ field: 'amount.currency', code: 'invalid' }],
    });
    expect(await refusal(record(0))).toMatchObject({
      fields: [{ field: 'amount', code: 'invalid' }],
    });
    const scheduled = await f.core.service.commands['invoices/create']({
      contractId: f.contract.id,
      amount: money(1_000_00),
      dueOn: '2026-06-30',
    });
    expect(
      await refusal(
        f.core.service.commands['payments/record']({
          invoiceId: scheduled.id,
          amount: money(100),
          receivedOn: '2026-03-20',
        }),
      ),
    ).toMatchObject({ type: 'TransitionNotAllowed', from: 'scheduled', reason: 'notIssued' });
    expect(await paymentCount()).toBe(0);
  });

  it('heals an interrupted write: a payment stored without its invoice update is counted next time', async () => {
    // The process died after step 2: the payment is stored, the invoice never counted it.
    const at = f.clock.now();
    await f.core.database.payments.insert({
      id: newId(),
      createdAt: at,
      updatedAt: at,
      ownerId: 'user-wang',
      ownerName: '王小明',
      archived: false,
      invoiceId: f.invoice.id,
      amount: money(10_000_00),
      receivedOn: '2026-03-15',
    });
    expect(await stored()).toMatchObject({ stage: 'invoiced', paid: money(0) });
    // The amount due comes from the stored payments: 3,000 is more than the 2,000 left.
    expect(await refusal(record(3_000))).toMatchObject({
      fields: [{ field: 'amount', code: 'tooLarge', params: { max: money(2_000_00) } }],
    });
    const next = await record(1_500);
    expect(next.invoice).toMatchObject({ stage: 'partiallyPaid', paid: money(11_500_00) });
  });

  it('a resubmitted payment (same id) after an interrupted write is finished, not recorded twice', async () => {
    const id = newId();
    const at = f.clock.now();
    await f.core.database.payments.insert({
      id,
      createdAt: at,
      updatedAt: at,
      ownerId: 'user-wang',
      ownerName: '王小明',
      archived: false,
      invoiceId: f.invoice.id,
      amount: money(12_000_00),
      receivedOn: '2026-03-15',
    });
    f.clock.advance(1000);
    const retried = await record(12_000, { id });
    expect(retried.payment.id).toBe(id);
    expect(retried.invoice).toMatchObject({ stage: 'paid', paid: money(12_000_00) });
    expect(await paymentCount()).toBe(1);
    expect(await eventsOf()).toEqual(['→scheduled', 'scheduled→invoiced', 'invoiced→paid']);
    // The same id with another amount is someone else's payment: refused.
    expect(await refusal(record(1, { id }))).toMatchObject({
      fields: [{ field: 'id', code: 'taken' }],
    });
  });
});

describe('collections/ageing', () => {
  it('ages what is outstanding on issued invoices, live', async () => {
    const ageing = new LiveResults(f.core, 'collections/ageing', { today: '2026-05-15' });
    // Due 2026-03-31, aged on 2026-05-15: 45 days past due.
    let report = await ageing.until((r) => r.overdueCount === 1);
    expect(report.buckets.find((b) => b.bucket === 'days31to60')?.totals).toEqual([
      money(12_000_00),
    ]);
    await record(4_000);
    report = await ageing.until((r) => r.overdue[0]?.minor === 8_000_00);
    expect(report.outstanding).toEqual([money(8_000_00)]);
    await record(8_000);
    report = await ageing.until((r) => r.overdueCount === 0);
    expect(report.outstanding).toEqual([]);
    ageing.unsubscribe();
  });
});
