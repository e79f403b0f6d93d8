import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Delivery } from '../domain/entities';
import { refusal } from './contract-test-support';
import { LiveResults, openSalesFixture, type SalesFixture } from './test-support';

let fx: SalesFixture;
beforeEach(async () => {
  fx = await openSalesFixture();
});
afterEach(() => fx.core.close());

const run = () => fx.core.service.commands;

/** A signed contract's delivery, with two milestones planned. */
async function plannedDelivery(): Promise<Delivery> {
  const contract = await run()['contracts/create']({
    title: '华为产线改造',
    number: 'HT-9',
    accountId: fx.account.id,
    amount: { minor: 1_000_000, currency: 'CNY' },
    paymentPlan: [
      { name: '全款', amount: { minor: 1_000_000, currency: 'CNY' }, dueOn: '2026-02-01' },
    ],
  });
  const signed = await run()['contracts/move']({
    id: contract.id,
    to: 'signed',
    signedOn: '2026-01-10',
  });
  fx.clock.advance(1000);
  return run()['deliveries/update']({
    id: signed.deliveryId!,
    patch: {
      plannedOn: '2026-03-01',
      milestones: [{ name: '发货', dueOn: '2026-02-15' }, { name: '安装调试' }],
    },
  });
}

describe('deliveries', () => {
  it('gives new milestones ids and keeps the plan date', async () => {
    const delivery = await plannedDelivery();
    expect(delivery.plannedOn).toBe('2026-03-01');
    expect(delivery.milestones?.map((m) => [m.name, m.id.length])).toEqual([
      ['发货', 36],
      ['安装调试', 36],
    ]);
  });

  it('blocks Delivered and Accepted until every milestone is done, then accepts with a date', async () => {
    const delivery = await plannedDelivery();
    await run()['deliveries/move']({ id: delivery.id, to: 'inProgress' });
    expect(
      await refusal(run()['deliveries/move']({ id: delivery.id, to: 'delivered' })),
    ).toMatchObject({ type: 'GateBlocked', phase: 'delivery', missing: ['milestonesDone'] });
    // Accepted only follows Delivered.
    expect(
      await refusal(
        run()['deliveries/move']({ id: delivery.id, to: 'accepted', acceptedOn: '2026-03-20' }),
      ),
    ).toMatchObject({ type: 'TransitionNotAllowed', reason: 'notAdjacentTerminal' });

    const done = delivery.milestones!.map((m) => ({ ...m, doneOn: '2026-03-05' }));
    await run()['deliveries/update']({ id: delivery.id, patch: { milestones: done } });
    await run()['deliveries/move']({ id: delivery.id, to: 'delivered' });
    // A step cannot be reopened on a delivered delivery.
    expect(
      await refusal(
        run()['deliveries/update']({
          id: delivery.id,
          patch: { milestones: [{ ...done[0]!, doneOn: null }, done[1]!] },
        }),
      ),
    ).toMatchObject({ fields: [{ field: 'milestones.0.doneOn', code: 'required' }] });
    expect(
      await refusal(run()['deliveries/move']({ id: delivery.id, to: 'accepted' })),
    ).toMatchObject({ type: 'GateBlocked', missing: ['acceptedOn'] });
    const accepted = await run()['deliveries/move']({
      id: delivery.id,
      to: 'accepted',
      acceptedOn: '2026-03-20',
    });
    expect(accepted).toMatchObject({ stage: 'accepted', acceptedOn: '2026-03-20' });
    const events = await fx.core.database.stageevents
      .find({ selector: { recordId: delivery.id }, sort: [{ at: 'asc' }] })
      .exec();
    expect(events.map((e) => e.to)).toEqual(['planned', 'inProgress', 'delivered', 'accepted']);
  });

  it('creates a further delivery for a contract, named after it', async () => {
    const first = await plannedDelivery();
    const second = await run()['deliveries/create']({ contractId: first.contractId });
    expect(second).toMatchObject({
      title: '华为产线改造',
      stage: 'planned',
      accountId: fx.account.id,
    });
    expect(await refusal(run()['deliveries/create']({ contractId: fx.account.id }))).toMatchObject({
      fields: [{ field: 'contractId', code: 'notFound' }],
    });
  });

  it('board/deliveries shows the contract number, value, account and progress per stage', async () => {
    const board = new LiveResults(fx.core, 'board/deliveries', {});
    await plannedDelivery();
    const result = await board.until((b) => b.columns[0]!.cards[0]?.milestonesTotal === 2);
    expect(result.columns.map((c) => c.stage)).toEqual([
      'planned',
      'inProgress',
      'delivered',
      'accepted',
    ]);
    expect(result.columns[0]).toMatchObject({
      count: 1,
      total: [{ minor: 1_000_000, currency: 'CNY' }],
    });
    expect(result.columns[0]!.cards[0]).toMatchObject({
      accountName: '华为技术',
      contractNumber: 'HT-9',
      contractTitle: '华为产线改造',
      milestonesDone: 0,
      milestonesTotal: 2,
    });
    board.unsubscribe();
  });
});
