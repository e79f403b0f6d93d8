import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CrmError } from '../api/errors';
import type { Account, Contact, Opportunity } from '../domain/entities';
import { newId } from '../domain/ids';
import type { CrmCore } from './index';
import { openSalesFixture, REP, type SalesFixture } from './test-support';

let core: CrmCore;
let clock: SalesFixture['clock'];
let account: Account;
let contact: Contact;
beforeEach(async () => {
  ({ core, clock, account, contact } = await openSalesFixture());
});
afterEach(() => core.close());

const run = () => core.service.commands;
const events = async () =>
  (await core.database.stageevents.find({ sort: [{ at: 'asc' }] }).exec()).map((e) => e.toJSON());
const stored = async (id: string) =>
  (await core.database.opportunities.findOne(id).exec())?.toJSON();

/**
 * An opportunity that meets every gate up to Won: the fields, and the approvals of the built-in
 * pipeline's bid (Proposal) and contract (Won) gates, given by the local user (no one signed in).
 */
async function readyDeal(): Promise<Opportunity> {
  const deal = await run()['opportunities/create']({
    title: 'ERP 实施',
    accountId: account.id,
    contactId: contact.id,
    amount: { minor: 100_000_00, currency: 'CNY' },
    expectedClose: '2026-06-30',
  });
  await run()['opportunities/approve']({ id: deal.id, stage: 'proposal' });
  return run()['opportunities/approve']({ id: deal.id, stage: 'won' });
}

describe('opportunities/move', () => {
  it('writes the stage change and exactly one stage event with from, to and who', async () => {
    const deal = await readyDeal();
    const at = clock.advance(3_600_000);
    const moved = await run()['opportunities/move']({ id: deal.id, to: 'proposal' });
    expect(moved).toEqual({
      ...deal,
      stage: 'proposal',
      stageOrder: 2,
      probability: 50,
      stageEnteredAt: at,
      updatedAt: at,
      // Entering Proposal used its approval up; Won's waits for its own move.
      approvals: deal.approvals!.filter((a) => a.stage === 'won'),
    });
    expect(await stored(deal.id)).toEqual(moved);
    const [created, move, ...rest] = await events();
    expect(rest).toEqual([]);
    expect(created).toMatchObject({ recordId: deal.id, to: 'qualify' });
    expect(move).toEqual({
      id: expect.any(String),
      phase: 'opportunity',
      recordId: deal.id,
      from: 'qualify',
      to: 'proposal',
      at,
      by: REP.id,
      byName: REP.name,
      approvals: [{ stage: 'proposal', by: REP.id, byName: REP.name, at: deal.updatedAt }],
    });
  });

  it('keeps stage entry times strictly increasing when the clock stands still', async () => {
    const deal = await readyDeal();
    const first = await run()['opportunities/move']({ id: deal.id, to: 'solution' });
    const second = await run()['opportunities/move']({ id: deal.id, to: 'proposal' });
    expect(first.stageEnteredAt).toBe(deal.stageEnteredAt + 1);
    expect(second.stageEnteredAt).toBe(deal.stageEnteredAt + 2);
    expect((await events()).map((e) => e.at)).toEqual([
      deal.stageEnteredAt,
      first.stageEnteredAt,
      second.stageEnteredAt,
    ]);
  });

  it('saves the lost reason on the deal and the event, and clears it when the deal is reopened', async () => {
    const deal = await readyDeal();
    clock.advance(1000);
    const lost = await run()['opportunities/move']({
      id: deal.id,
      to: 'lost',
      lostReason: '  价格太高  ',
    });
    expect(lost).toMatchObject({
      stage: 'lost',
      stageOrder: 5,
      probability: 0,
      lostReason: '价格太高',
    });
    clock.advance(1000);
    const reopened = await run()['opportunities/move']({ id: deal.id, to: 'qualify' });
    expect(reopened).toMatchObject({ stage: 'qualify', probability: 10 });
    expect('lostReason' in reopened).toBe(false);
    const [, lostEvent, reopenEvent] = await events();
    expect(lostEvent).toMatchObject({ from: 'qualify', to: 'lost', reason: '价格太高' });
    expect(reopenEvent).toMatchObject({ from: 'lost', to: 'qualify' });
    expect(reopenEvent).not.toHaveProperty('reason');
  });

  it('refuses a move the gates block, naming what is missing, and writes nothing at all', async () => {
    const bare = await run()['opportunities/create']({ title: 'CRM', accountId: account.id });
    const before = { deal: await stored(bare.id), events: await events() };
    clock.advance(1000);
    const skip = run()['opportunities/move']({ id: bare.id, to: 'negotiation' });
    await expect(skip).rejects.toBeInstanceOf(CrmError);
    await expect(skip).rejects.toMatchObject({
      data: {
        type: 'GateBlocked',
        phase: 'opportunity',
        from: 'qualify',
        to: 'negotiation',
        missing: ['amount', 'expectedClose', 'contactId'],
      },
    });
    await expect(
      run()['opportunities/move']({ id: bare.id, to: 'lost', lostReason: '   ' }),
    ).rejects.toMatchObject({
      data: { type: 'GateBlocked', missing: ['lostReason'] },
    });
    expect(await stored(bare.id)).toEqual(before.deal);
    expect(await events()).toEqual(before.events);
  });

  it('refuses a transition the rules forbid, with the reason, and writes nothing at all', async () => {
    const deal = await readyDeal();
    await expect(run()['opportunities/move']({ id: deal.id, to: 'won' })).rejects.toMatchObject({
      data: {
        type: 'TransitionNotAllowed',
        from: 'qualify',
        to: 'won',
        reason: 'notAdjacentTerminal',
      },
    });
    await expect(run()['opportunities/move']({ id: deal.id, to: 'qualify' })).rejects.toMatchObject(
      {
        data: { type: 'TransitionNotAllowed', reason: 'sameStage' },
      },
    );
    await run()['opportunities/move']({ id: deal.id, to: 'negotiation' });
    await run()['opportunities/move']({ id: deal.id, to: 'won' });
    const before = { deal: await stored(deal.id), events: await events() };
    await expect(run()['opportunities/move']({ id: deal.id, to: 'qualify' })).rejects.toMatchObject(
      {
        data: { type: 'TransitionNotAllowed', from: 'won', to: 'qualify', reason: 'fromTerminal' },
      },
    );
    expect(await stored(deal.id)).toEqual(before.deal);
    expect(await events()).toEqual(before.events);
    await expect(
      run()['opportunities/move']({ id: newId(), to: 'solution' }),
    ).rejects.toMatchObject({
      data: { type: 'NotFound', entity: 'opportunity' },
    });
  });
});

describe('a move whose opportunity write fails', () => {
  /**
   * A real concurrent writer (as sync will be): an RxDB hook changes the opportunity while the
   * move is between inserting its event and writing the opportunity, so that write conflicts.
   */
  function changeDealDuringEventInsert(dealId: string, times: number): { writes: number } {
    const counter = { writes: 0 };
    core.database.stageevents.preInsert(async () => {
      if (counter.writes >= times) return;
      counter.writes += 1;
      const doc = await core.database.opportunities.findOne(dealId).exec();
      await doc!.incrementalPatch({ description: `changed elsewhere ${counter.writes}` });
    }, false);
    return counter;
  }

  it('withdraws its event and fails when the opportunity keeps changing under it', async () => {
    const deal = await readyDeal();
    const eventsBefore = await events();
    const concurrent = changeDealDuringEventInsert(deal.id, Infinity);
    clock.advance(1000);
    await expect(
      run()['opportunities/move']({ id: deal.id, to: 'proposal' }),
    ).rejects.toMatchObject({ code: 'CONFLICT' });
    expect(concurrent.writes).toBe(3);
    expect(await events()).toEqual(eventsBefore);
    expect(await stored(deal.id)).toMatchObject({
      stage: 'qualify',
      stageEnteredAt: deal.stageEnteredAt,
      description: 'changed elsewhere 3',
    });
  });

  it('withdraws the conflicting attempt and succeeds on the fresh state, leaving one event', async () => {
    const deal = await readyDeal();
    changeDealDuringEventInsert(deal.id, 1);
    const at = clock.advance(1000);
    const moved = await run()['opportunities/move']({ id: deal.id, to: 'proposal' });
    expect(moved).toMatchObject({
      stage: 'proposal',
      stageEnteredAt: at,
      description: 'changed elsewhere 1',
    });
    const moves = (await events()).filter((e) => e.from !== undefined);
    expect(moves).toEqual([expect.objectContaining({ from: 'qualify', to: 'proposal', at })]);
  });
});
