import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CrmError } from '../api/errors';
import { money } from '../domain/money';
import {
  insertContract,
  openCollectionsFixture,
  type CollectionsFixture,
} from './invoice-test-support';
import { LiveResults } from './test-support';

let f: CollectionsFixture;
beforeEach(async () => {
  f = await openCollectionsFixture();
});
afterEach(() => f.core.close());

const run = () => f.core.service.commands;
const stored = async (id: string) => (await f.core.database.invoices.findOne(id).exec())?.toJSON();
const eventsOf = async (recordId: string) =>
  (
    await f.core.database.stageevents.find({ selector: { recordId }, sort: [{ at: 'asc' }] }).exec()
  ).map((e) => ({ from: e.from, to: e.to }));

async function refusal(promise: Promise<unknown>): Promise<CrmError['data']> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(CrmError);
  return (error as CrmError).data;
}

describe('invoices/create', () => {
  it('creates a scheduled invoice for the contract, billed to its account, with a creation event', async () => {
    expect(f.invoice).toMatchObject({
      contractId: f.contract.id,
      accountId: f.account.id,
      stage: 'scheduled',
      amount: money(12_000_00, 'CNY'),
      paid: money(0, 'CNY'),
      dueOn: '2026-03-31',
      milestone: '首付款 30%',
      number: '',
    });
    expect(await eventsOf(f.invoice.id)).toEqual([{ from: undefined, to: 'scheduled' }]);
  });

  it('refuses an unknown contract, a zero amount and another currency, writing nothing', async () => {
    const before = await f.core.database.invoices.count().exec();
    const args = { contractId: f.contract.id, amount: money(100, 'CNY'), dueOn: '2026-04-30' };
    expect(
      await refusal(run()['invoices/create']({ ...args, contractId: f.account.id })),
    ).toMatchObject({
      type: 'ValidationError',
      fields: [{ field: 'contractId', code: 'notFound' }],
    });
    expect(
      await refusal(run()['invoices/create']({ ...args, amount: money(0, 'CNY') })),
    ).toMatchObject({ fields: [{ field: 'amount', code: 'invalid' }] });
    expect(
      await refusal(run()['invoices/create']({ ...args, amount: money(100, 'USD') })),
    ).toMatchObject({ fields: [{ field: 'amount.currency', code: 'invalid' }] });
    expect(await f.core.database.invoices.count().exec()).toBe(before);
  });
});

describe('invoices/issue and invoices/update', () => {
  it('issues a scheduled invoice with its number and dates, recording the stage change', async () => {
    f.clock.advance(60_000);
    const issued = await run()['invoices/issue']({
      id: f.invoice.id,
      issuedOn: '2026-03-01',
      number: 'FP-0001',
      dueOn: '2026-04-15',
    });
    expect(issued).toMatchObject({
      stage: 'invoiced',
      number: 'FP-0001',
      issuedOn: '2026-03-01',
      dueOn: '2026-04-15',
      stageEnteredAt: f.clock.now(),
    });
    expect(await eventsOf(f.invoice.id)).toEqual([
      { from: undefined, to: 'scheduled' },
      { from: 'scheduled', to: 'invoiced' },
    ]);
    // Issuing twice is refused and changes nothing.
    expect(
      await refusal(run()['invoices/issue']({ id: f.invoice.id, issuedOn: '2026-03-02' })),
    ).toMatchObject({ type: 'TransitionNotAllowed', from: 'invoiced', reason: 'alreadyIssued' });
    expect((await stored(f.invoice.id))?.issuedOn).toBe('2026-03-01');
  });

  it('needs an invoice number to issue', async () => {
    expect(
      await refusal(run()['invoices/issue']({ id: f.invoice.id, issuedOn: '2026-03-01' })),
    ).toMatchObject({ type: 'ValidationError', fields: [{ field: 'number', code: 'required' }] });
    expect((await stored(f.invoice.id))?.stage).toBe('scheduled');
    expect(await eventsOf(f.invoice.id)).toHaveLength(1);
  });

  it('changes the amount only while scheduled', async () => {
    const changed = await run()['invoices/update']({
      id: f.invoice.id,
      patch: { amount: money(9_000_00, 'CNY'), number: 'FP-0002' },
    });
    expect(changed).toMatchObject({ amount: money(9_000_00, 'CNY'), number: 'FP-0002' });
    await run()['invoices/issue']({ id: f.invoice.id, issuedOn: '2026-03-01' });
    expect(
      await refusal(
        run()['invoices/update']({ id: f.invoice.id, patch: { amount: money(1, 'CNY') } }),
      ),
    ).toMatchObject({ fields: [{ field: 'amount', code: 'invalid' }] });
    // The due date can still move (renegotiated terms), and the amount stays what was billed.
    const moved = await run()['invoices/update']({
      id: f.invoice.id,
      patch: { dueOn: '2026-05-31' },
    });
    expect(moved).toMatchObject({ dueOn: '2026-05-31', amount: money(9_000_00, 'CNY') });
  });
});

describe('board/invoices', () => {
  it('shows columns with counts and totals, cards with names and overdue days', async () => {
    const other = await insertContract(f.core, f.account.id, {
      title: '备件供货',
      number: undefined,
    });
    const second = await run()['invoices/create']({
      contractId: other.id,
      amount: money(3_000_00, 'CNY'),
      dueOn: '2026-02-28',
      number: 'FP-0100',
    });
    await run()['invoices/issue']({ id: second.id, issuedOn: '2026-02-01' });
    const board = new LiveResults(f.core, 'board/invoices', { today: '2026-03-10' });
    const result = await board.until((b) => b.columns.some((c) => c.count > 0));
    board.unsubscribe();
    expect(result.columns.map((c) => [c.stage, c.count])).toEqual([
      ['scheduled', 1],
      ['invoiced', 1],
      ['partiallyPaid', 0],
      ['paid', 0],
    ]);
    const invoiced = result.columns[1]!;
    expect(invoiced.total).toEqual([money(3_000_00, 'CNY')]);
    expect(invoiced.outstanding).toEqual([money(3_000_00, 'CNY')]);
    // Due 2026-02-28, today 2026-03-10: ten days late.
    expect(invoiced.cards[0]).toMatchObject({
      accountName: '华为技术',
      contractTitle: '备件供货',
      overdue: true,
      daysOverdue: 10,
    });
    expect(invoiced.cards[0]).not.toHaveProperty('contractNumber');
    // A scheduled invoice is never overdue: it has not been sent.
    expect(result.columns[0]!.cards[0]).toMatchObject({
      contractTitle: '数控机床改造项目',
      contractNumber: 'HT-2026-018',
      overdue: false,
      daysOverdue: 0,
    });
  });
});
