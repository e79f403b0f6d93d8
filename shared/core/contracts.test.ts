import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Contract } from '../domain/entities';
import { refusal } from './contract-test-support';
import type { CrmCore } from './index';
import { LiveResults, openSalesFixture, type SalesFixture } from './test-support';
import { writeUnjudged } from './rulebook';

let fx: SalesFixture;
beforeEach(async () => {
  fx = await openSalesFixture();
});
afterEach(() => fx.core.close());

const run = () => fx.core.service.commands;
const cny = (minor: number) => ({ minor, currency: 'CNY' });
const eventsOf = async (core: CrmCore, recordId: string) =>
  (await core.database.stageevents.find({ selector: { recordId }, sort: [{ at: 'asc' }] }).exec())
    .map((e) => e.toJSON())
    .map(({ from, to, reason }) => [from, to, reason]);

/** A draft with two lines (¥100,000 in all) and a 30/60/10 plan. */
async function draftContract(fields: Record<string, unknown> = {}): Promise<Contract> {
  const contract = await run()['contracts/create']({
    title: '华为产线改造',
    number: 'HT-2026-001',
    accountId: fx.account.id,
    contactId: fx.contact.id,
    lineItems: [
      { description: '伺服电机', quantity: 4, unitPrice: cny(2_000_000) },
      { description: '安装调试（人天）', quantity: 2.5, unitPrice: cny(800_000) },
    ],
    paymentPlan: [
      { name: '预付款 30%', amount: cny(3_000_000), dueOn: '2026-02-01' },
      { name: '到货款 60%', amount: cny(6_000_000), dueOn: '2026-04-01' },
      { name: '验收款 10%', amount: cny(1_000_000), dueOn: '2026-06-01' },
    ],
    ...fields,
  });
  fx.clock.advance(1000);
  return contract;
}

describe('contracts/create and update', () => {
  it('derives the amount from the line items and records the Draft stage', async () => {
    const contract = await draftContract();
    expect(contract).toMatchObject({ stage: 'draft', amount: cny(10_000_000) });
    expect(contract.lineItems?.every((l) => l.id.length === 36)).toBe(true);
    expect(contract.paymentPlan).toHaveLength(3);
    expect(await eventsOf(fx.core, contract.id)).toEqual([[undefined, 'draft', undefined]]);
  });

  it('keeps a typed amount for a contract without lines, and follows the lines once added', async () => {
    const contract = await run()['contracts/create']({
      title: '年度维保',
      accountId: fx.account.id,
      amount: cny(500_000),
    });
    expect(contract.amount).toEqual(cny(500_000));
    const lined = await run()['contracts/update']({
      id: contract.id,
      patch: { lineItems: [{ description: '维保', quantity: 12, unitPrice: cny(50_000) }] },
    });
    expect(lined.amount).toEqual(cny(600_000));
    // The lines win over a typed amount.
    const again = await run()['contracts/update']({
      id: contract.id,
      patch: { amount: cny(1) },
    });
    expect(again.amount).toEqual(cny(600_000));
  });

  it('names the field of a line or milestone in another currency and writes nothing', async () => {
    const contract = await draftContract();
    const data = await refusal(
      run()['contracts/update']({
        id: contract.id,
        patch: {
          paymentPlan: [
            { name: '全款', amount: { minor: 100, currency: 'USD' }, dueOn: '2026-02-01' },
          ],
        },
      }),
    );
    expect(data).toMatchObject({
      type: 'ValidationError',
      fields: [{ field: 'paymentPlan.0.amount', code: 'invalid' }],
    });
    const stored = (await fx.core.database.contracts.findOne(contract.id).exec())!.toJSON();
    expect(stored.paymentPlan).toHaveLength(3);
  });

  it('refuses an unknown account and a contact of another account', async () => {
    const other = await run()['accounts/create']({ name: '中兴通讯' });
    expect(
      await refusal(
        run()['contracts/create']({ title: 'X', accountId: other.id, contactId: fx.contact.id }),
      ),
    ).toMatchObject({ fields: [{ field: 'contactId', code: 'notFound' }] });
    expect(await fx.core.database.contracts.count().exec()).toBe(0);
  });
});

describe('contracts/move', () => {
  it('blocks Review without lines and plan, listing both, and keeps the contract in Draft', async () => {
    const empty = await run()['contracts/create']({ title: '空合同', accountId: fx.account.id });
    const data = await refusal(run()['contracts/move']({ id: empty.id, to: 'review' }));
    expect(data).toMatchObject({
      type: 'GateBlocked',
      phase: 'contract',
      from: 'draft',
      to: 'review',
      missing: ['lineItems', 'paymentPlan'],
    });
    const stored = (await fx.core.database.contracts.findOne(empty.id).exec())!.toJSON();
    expect(stored.stage).toBe('draft');
    expect(await eventsOf(fx.core, empty.id)).toHaveLength(1);
  });

  it('blocks signing while the plan does not bill exactly the amount, or without a date', async () => {
    const contract = await draftContract({
      paymentPlan: [{ name: '预付款', amount: cny(3_000_000), dueOn: '2026-02-01' }],
    });
    await run()['contracts/move']({ id: contract.id, to: 'review' });
    expect(await refusal(run()['contracts/move']({ id: contract.id, to: 'signed' }))).toMatchObject(
      {
        type: 'GateBlocked',
        missing: ['paymentPlanBalanced', 'signedOn'],
      },
    );
    expect(await fx.core.database.deliveries.count().exec()).toBe(0);
    expect(await fx.core.database.invoices.count().exec()).toBe(0);
  });

  it('signing creates the delivery and one scheduled invoice per milestone, each with its event', async () => {
    const contract = await draftContract();
    await run()['contracts/move']({ id: contract.id, to: 'review' });
    fx.clock.advance(1000);
    const signed = await run()['contracts/move']({
      id: contract.id,
      to: 'signed',
      signedOn: '2026-01-20',
    });
    expect(signed).toMatchObject({ stage: 'signed', signedOn: '2026-01-20' });
    expect(signed.invoiceIds).toHaveLength(3);

    const delivery = (await fx.core.database.deliveries.findOne(signed.deliveryId!).exec())!;
    expect(delivery.toJSON()).toMatchObject({
      title: '华为产线改造',
      contractId: contract.id,
      accountId: fx.account.id,
      stage: 'planned',
    });
    const invoices = await fx.core.database.invoices.findByIds(signed.invoiceIds!).exec();
    const schedule = signed.invoiceIds!.map((id) => invoices.get(id)!.toJSON());
    expect(schedule.map((i) => [i.number, i.amount.minor, i.paid, i.dueOn, i.milestone])).toEqual([
      ['HT-2026-001-1', 3_000_000, cny(0), '2026-02-01', '预付款 30%'],
      ['HT-2026-001-2', 6_000_000, cny(0), '2026-04-01', '到货款 60%'],
      ['HT-2026-001-3', 1_000_000, cny(0), '2026-06-01', '验收款 10%'],
    ]);
    expect(schedule.map((i) => i.milestoneId)).toEqual(contract.paymentPlan!.map((m) => m.id));
    expect(schedule.every((i) => i.stage === 'scheduled' && i.accountId === fx.account.id)).toBe(
      true,
    );
    expect(await eventsOf(fx.core, delivery.id)).toEqual([[undefined, 'planned', undefined]]);
    for (const invoice of schedule) {
      expect(await eventsOf(fx.core, invoice.id)).toEqual([[undefined, 'scheduled', undefined]]);
    }
    expect(await eventsOf(fx.core, contract.id)).toEqual([
      [undefined, 'draft', undefined],
      ['draft', 'review', undefined],
      ['review', 'signed', undefined],
    ]);

    // The terms are fixed now, and the contract does not go back to Review.
    expect(
      await refusal(run()['contracts/update']({ id: contract.id, patch: { paymentPlan: [] } })),
    ).toMatchObject({ fields: [{ field: 'paymentPlan', code: 'invalid' }] });
    expect(await refusal(run()['contracts/move']({ id: contract.id, to: 'review' }))).toMatchObject(
      { type: 'TransitionNotAllowed', reason: 'afterSigning' },
    );
    // Notes may still change.
    await run()['contracts/update']({ id: contract.id, patch: { notes: '盖章版已归档' } });
  });

  it('an interrupted signing is finished by the retry, without a second delivery or invoice', async () => {
    const contract = await draftContract();
    const invoices = fx.core.database.invoices;
    const insert = invoices.insert.bind(invoices);
    let calls = 0;
    // The second invoice write fails, as if the process died there.
    invoices.insert = (async (doc: Parameters<typeof insert>[0]) => {
      calls += 1;
      if (calls === 2) throw new Error('disk full');
      return insert(doc);
    }) as typeof invoices.insert;
    const sign = run()['contracts/move'];
    const failed = await sign({ id: contract.id, to: 'signed', signedOn: '2026-01-20' }).catch(
      (e: unknown) => e,
    );
    expect(failed).toBeInstanceOf(Error);
    const half = (await fx.core.database.contracts.findOne(contract.id).exec())!.toJSON();
    expect(half.stage).toBe('draft');
    expect(half.deliveryId).toBeDefined();
    expect(half.invoiceIds).toHaveLength(3);
    expect(await fx.core.database.deliveries.count().exec()).toBe(1);
    expect(await invoices.count().exec()).toBe(1);
    // Terms are locked while the signing is unfinished, so the retry bills the same plan.
    expect(
      await refusal(run()['contracts/update']({ id: contract.id, patch: { lineItems: [] } })),
    ).toMatchObject({ type: 'ValidationError' });

    invoices.insert = insert;
    const signed = await run()['contracts/move']({
      id: contract.id,
      to: 'signed',
      signedOn: '2026-01-20',
    });
    expect(signed).toMatchObject({ stage: 'signed', deliveryId: half.deliveryId });
    expect(signed.invoiceIds).toEqual(half.invoiceIds);
    expect(await fx.core.database.deliveries.count().exec()).toBe(1);
    const all = (await invoices.find().exec()).map((i) => i.number).sort();
    expect(all).toEqual(['HT-2026-001-1', 'HT-2026-001-2', 'HT-2026-001-3']);
    // One creation event per record, none left from the failed write.
    expect(
      await fx.core.database.stageevents.count({ selector: { phase: 'invoice' } }).exec(),
    ).toBe(3);
    expect(
      await fx.core.database.stageevents.count({ selector: { phase: 'delivery' } }).exec(),
    ).toBe(1);
  });

  it('terminates from any open stage with a reason, recorded in the stage event', async () => {
    const contract = await draftContract();
    expect(
      await refusal(run()['contracts/move']({ id: contract.id, to: 'terminated' })),
    ).toMatchObject({ type: 'GateBlocked', missing: ['terminatedReason'] });
    const ended = await run()['contracts/move']({
      id: contract.id,
      to: 'terminated',
      terminatedReason: '客户预算取消',
    });
    expect(ended).toMatchObject({ stage: 'terminated', terminatedReason: '客户预算取消' });
    expect((await eventsOf(fx.core, contract.id)).at(-1)).toEqual([
      'draft',
      'terminated',
      '客户预算取消',
    ]);
  });

  it('completes only once the delivery is accepted and every invoice paid', async () => {
    const contract = await draftContract();
    const signed = await run()['contracts/move']({
      id: contract.id,
      to: 'executing',
      signedOn: '2026-01-20',
    });
    expect(signed.stage).toBe('executing');
    expect(
      await refusal(run()['contracts/move']({ id: contract.id, to: 'completed' })),
    ).toMatchObject({ missing: ['deliveryAccepted', 'invoicesPaid'] });
    await run()['deliveries/move']({ id: signed.deliveryId!, to: 'delivered' });
    await run()['deliveries/move']({
      id: signed.deliveryId!,
      to: 'accepted',
      acceptedOn: '2026-05-20',
    });
    for (const id of signed.invoiceIds!) {
      // Paid as collections would leave them (issued, paid in full); not this test's subject.
      const doc = (await fx.core.database.invoices.findOne(id).exec())!;
      await writeUnjudged(fx.core.database, 'invoices', [id], () =>
        doc.incrementalPatch({ stage: 'paid', paid: { ...doc.toJSON().amount } }),
      );
    }
    const done = await run()['contracts/move']({ id: contract.id, to: 'completed' });
    expect(done.stage).toBe('completed');
  });
});

describe('board/contracts and contracts/detail', () => {
  it('columns per stage with counts, totals per currency and account names', async () => {
    const board = new LiveResults(fx.core, 'board/contracts', {});
    const a = await draftContract();
    await run()['contracts/create']({
      title: '出口订单',
      accountId: fx.account.id,
      amount: { minor: 500_000, currency: 'USD' },
    });
    await run()['contracts/move']({ id: a.id, to: 'signed', signedOn: '2026-01-20' });
    const result = await board.until(
      (b) => b.columns.find((c) => c.stage === 'signed')?.count === 1,
    );
    expect(result.columns.map((c) => c.stage)).toEqual([
      'draft',
      'review',
      'signed',
      'executing',
      'completed',
      'terminated',
    ]);
    const draft = result.columns[0]!;
    expect(draft).toMatchObject({ count: 1, total: [{ minor: 500_000, currency: 'USD' }] });
    expect(result.columns[2]!.total).toEqual([cny(10_000_000)]);
    expect(result.columns[2]!.cards[0]).toMatchObject({
      title: '华为产线改造',
      accountName: '华为技术',
    });
    board.unsubscribe();

    const detail = new LiveResults(fx.core, 'contracts/detail', { id: a.id });
    const d = await detail.until((r) => r !== null && r.invoices.length === 3);
    expect(d?.delivery?.stage).toBe('planned');
    expect(d?.accountName).toBe('华为技术');
    expect(d?.invoices.map((i) => i.dueOn)).toEqual(['2026-02-01', '2026-04-01', '2026-06-01']);
    detail.unsubscribe();
  });
});
