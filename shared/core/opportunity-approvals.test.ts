import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Account, Contact, Opportunity } from '../domain/entities';
import type { CrmCore } from './index';
import { openSalesFixture, type SalesFixture } from './test-support';

let core: CrmCore;
let clock: SalesFixture['clock'];
let account: Account;
let contact: Contact;
beforeEach(async () => {
  ({ core, clock, account, contact } = await openSalesFixture());
});
afterEach(() => core.close());

const run = () => core.service.commands;
const REP = { id: 'rep-1', name: '王小明', role: 'rep' as const };
const MANAGER = { id: 'mgr-1', name: '李经理', role: 'manager' as const };
const stored = async (id: string) =>
  (await core.database.opportunities.findOne(id).exec())?.toJSON();
const stageEvents = async (recordId: string) =>
  (
    await core.database.stageevents.find({ selector: { recordId }, sort: [{ at: 'asc' }] }).exec()
  ).map((e) => e.toJSON());

/** A deal with every field the built-in Proposal gate asks for. */
function filledDeal(): Promise<Opportunity> {
  return run()['opportunities/create']({
    title: '数据中心',
    accountId: account.id,
    contactId: contact.id,
    amount: { minor: 3_000_000_00, currency: 'CNY' },
    expectedClose: '2026-09-30',
  });
}

describe('gate approvals', () => {
  it('a rep cannot enter Proposal without the bid approval, nor approve it', async () => {
    core.setCurrentUser(REP);
    const deal = await filledDeal();
    const before = { deal: await stored(deal.id), events: await stageEvents(deal.id) };
    await expect(
      run()['opportunities/move']({ id: deal.id, to: 'proposal' }),
    ).rejects.toMatchObject({
      data: { type: 'GateBlocked', missing: [], unchecked: [], approvals: ['proposal'] },
    });
    await expect(
      run()['opportunities/approve']({ id: deal.id, stage: 'proposal' }),
    ).rejects.toMatchObject({
      data: { type: 'Forbidden', action: 'approve' },
    });
    await expect(
      run()['opportunities/rejectApproval']({ id: deal.id, stage: 'proposal', reason: '不' }),
    ).rejects.toMatchObject({ data: { type: 'Forbidden' } });
    expect(await stored(deal.id)).toEqual(before.deal);
    expect(await stageEvents(deal.id)).toEqual(before.events);
  });

  it('rep asks, manager approves, the move records the approval in its stage event', async () => {
    core.setCurrentUser(REP);
    const deal = await filledDeal();
    const askedAt = clock.advance(60_000);
    const asked = await run()['opportunities/requestApproval']({ id: deal.id, stage: 'proposal' });
    expect(asked.approvals).toEqual([
      {
        stage: 'proposal',
        status: 'requested',
        requestedBy: REP.id,
        requestedByName: REP.name,
        requestedAt: askedAt,
      },
    ]);
    // Still blocked while only asked for.
    await expect(
      run()['opportunities/move']({ id: deal.id, to: 'proposal' }),
    ).rejects.toMatchObject({
      data: { type: 'GateBlocked', approvals: ['proposal'] },
    });

    core.setCurrentUser(MANAGER);
    const approvedAt = clock.advance(60_000);
    const approved = await run()['opportunities/approve']({ id: deal.id, stage: 'proposal' });
    expect(approved.approvals).toEqual([
      {
        stage: 'proposal',
        status: 'approved',
        requestedBy: REP.id,
        requestedByName: REP.name,
        requestedAt: askedAt,
        by: MANAGER.id,
        byName: MANAGER.name,
        at: approvedAt,
      },
    ]);

    core.setCurrentUser(REP);
    const movedAt = clock.advance(60_000);
    const moved = await run()['opportunities/move']({ id: deal.id, to: 'proposal' });
    expect(moved.stage).toBe('proposal');
    // Used up by the move: coming back to Proposal later needs a new approval.
    expect(moved).not.toHaveProperty('approvals');
    const event = (await stageEvents(deal.id)).at(-1);
    expect(event).toMatchObject({
      from: 'qualify',
      to: 'proposal',
      at: movedAt,
      by: REP.id,
      approvals: [{ stage: 'proposal', by: MANAGER.id, byName: MANAGER.name, at: approvedAt }],
    });
  });

  it('a refusal keeps the card out and says why; asking again renews the request on it', async () => {
    core.setCurrentUser(REP);
    const deal = await filledDeal();
    await run()['opportunities/requestApproval']({ id: deal.id, stage: 'proposal' });
    core.setCurrentUser(MANAGER);
    const refused = await run()['opportunities/rejectApproval']({
      id: deal.id,
      stage: 'proposal',
      reason: '毛利太低',
    });
    expect(refused.approvals).toEqual([
      expect.objectContaining({
        stage: 'proposal',
        status: 'rejected',
        by: MANAGER.id,
        reason: '毛利太低',
      }),
    ]);
    await expect(
      run()['opportunities/move']({ id: deal.id, to: 'proposal' }),
    ).rejects.toMatchObject({
      data: { type: 'GateBlocked', approvals: ['proposal'] },
    });
    core.setCurrentUser(REP);
    const askedAgainAt = clock.advance(60_000);
    const again = await run()['opportunities/requestApproval']({ id: deal.id, stage: 'proposal' });
    // Only a later decision replaces a refusal (shared/rules/approvals.ts): the rep's new request
    // sits on it, and the card stays out until the manager decides again.
    expect(again.approvals).toEqual([
      expect.objectContaining({
        status: 'rejected',
        reason: '毛利太低',
        requestedBy: REP.id,
        requestedAt: askedAgainAt,
      }),
    ]);
    await expect(
      run()['opportunities/move']({ id: deal.id, to: 'proposal' }),
    ).rejects.toMatchObject({ data: { type: 'GateBlocked', approvals: ['proposal'] } });
    core.setCurrentUser(MANAGER);
    const approved = await run()['opportunities/approve']({ id: deal.id, stage: 'proposal' });
    expect(approved.approvals).toEqual([
      expect.objectContaining({ status: 'approved', by: MANAGER.id, requestedAt: askedAgainAt }),
    ]);
  });

  it('refuses approvals for stages that ask for none', async () => {
    const deal = await filledDeal();
    await expect(
      run()['opportunities/approve']({ id: deal.id, stage: 'solution' }),
    ).rejects.toMatchObject({
      data: { type: 'ValidationError', fields: [{ field: 'stage' }] },
    });
    expect((await stored(deal.id))?.approvals).toBeUndefined();
  });
});

describe('gate checklists', () => {
  it('an unticked item blocks the move; the ticked items are recorded in the stage event', async () => {
    const line = await run()['pipelines/create']({
      name: '软件项目',
      stages: [
        {
          key: 'sLead',
          name: '初步接触',
          probability: 10,
          requiredFields: [],
          checklist: [],
          approvalRequired: false,
        },
        {
          key: 'sPoc',
          name: 'POC 测试',
          probability: 40,
          requiredFields: ['description'],
          checklist: [
            { id: 'cEnv', label: '测试环境已就绪' },
            { id: 'cCase', label: '测试用例已确认' },
          ],
          approvalRequired: false,
        },
      ],
      wonGate: { requiredFields: [], checklist: [], approvalRequired: true },
    });
    const deal = await run()['opportunities/create']({
      title: 'ERP POC',
      accountId: account.id,
      pipelineId: line.id,
      description: '三个工厂',
    });
    const before = await stageEvents(deal.id);
    await expect(
      run()['opportunities/move']({ id: deal.id, to: 'sPoc', checklist: ['cEnv'] }),
    ).rejects.toMatchObject({
      data: {
        type: 'GateBlocked',
        missing: [],
        unchecked: [{ id: 'cCase', label: '测试用例已确认', stage: 'sPoc' }],
        approvals: [],
      },
    });
    expect(await stageEvents(deal.id)).toEqual(before);
    expect((await stored(deal.id))?.stage).toBe('sLead');

    await run()['opportunities/move']({
      id: deal.id,
      to: 'sPoc',
      checklist: ['cEnv', 'cCase', 'junk'],
    });
    expect((await stageEvents(deal.id)).at(-1)).toMatchObject({
      to: 'sPoc',
      checklist: [
        { id: 'cEnv', label: '测试环境已就绪' },
        { id: 'cCase', label: '测试用例已确认' },
      ],
    });
    // Won here needs the contract approval (合同审批), given by the single local user.
    await expect(run()['opportunities/move']({ id: deal.id, to: 'won' })).rejects.toMatchObject({
      data: { type: 'GateBlocked', approvals: ['won'] },
    });
    await run()['opportunities/approve']({ id: deal.id, stage: 'won' });
    const won = await run()['opportunities/move']({ id: deal.id, to: 'won' });
    expect(won).toMatchObject({ stage: 'won', probability: 100, stageOrder: 2 });
    // Winning starts the contract: a Draft linked both ways.
    const contract = await core.database.contracts.findOne(won.contractId!).exec();
    expect(contract?.toJSON()).toMatchObject({ stage: 'draft', opportunityId: deal.id });
  });
});
