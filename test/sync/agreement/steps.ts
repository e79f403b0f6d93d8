import fc from 'fast-check';
import type { CrmService } from '../../../shared/api/crm-api';
import { CrmError } from '../../../shared/api/errors';
import { isWriteConflict } from '../../../shared/core/context';
import type { LtcDatabase } from '../../../shared/core';
import { stagesPassed } from '../../../shared/domain/gates';
import {
  defaultPipeline,
  pipelineStageKeys,
  type Pipeline,
} from '../../../shared/domain/pipelines';

/**
 * What a person does next on their laptop in the agreement test: real commands through the core,
 * which refuses what the firm's rules forbid (nothing is written then). Targets are picked by
 * number modulo what the device holds when the step runs. Edits only ever set values: clearing
 * a field a colleague's concurrent move needs is a real clash the server rightly refuses, not
 * the agreement this test is about; likewise a manager decides only approvals still asked for.
 */
export type Action =
  | { kind: 'createAccount' }
  | { kind: 'createContact'; account: number }
  | { kind: 'createDeal'; account: number; quoted: boolean }
  | {
      kind: 'editDeal';
      deal: number;
      field: 'title' | 'amount' | 'expectedClose' | 'description' | 'contact';
    }
  | { kind: 'move'; deal: number; to: number }
  | { kind: 'ask'; deal: number; stage: 'proposal' | 'won' }
  | { kind: 'decide'; deal: number; approve: boolean }
  | { kind: 'offline' }
  | { kind: 'online' }
  | { kind: 'sync' };

export interface Step {
  device: number;
  action: Action;
}

const n = fc.nat({ max: 20 });
const actionArb: fc.Arbitrary<Action> = fc.oneof(
  { weight: 2, arbitrary: fc.constant({ kind: 'createAccount' as const }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('createContact' as const), account: n }) },
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constant('createDeal' as const),
      account: n,
      quoted: fc.boolean(),
    }),
  },
  {
    weight: 5,
    arbitrary: fc.record({
      kind: fc.constant('editDeal' as const),
      deal: n,
      field: fc.constantFrom('title', 'amount', 'expectedClose', 'description', 'contact'),
    }),
  },
  { weight: 6, arbitrary: fc.record({ kind: fc.constant('move' as const), deal: n, to: n }) },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('ask' as const),
      deal: n,
      stage: fc.constantFrom('proposal' as const, 'won' as const),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({ kind: fc.constant('decide' as const), deal: n, approve: fc.boolean() }),
  },
  { weight: 2, arbitrary: fc.constant({ kind: 'offline' as const }) },
  { weight: 2, arbitrary: fc.constant({ kind: 'online' as const }) },
  { weight: 3, arbitrary: fc.constant({ kind: 'sync' as const }) },
);

export const stepsArb = (devices: number) =>
  fc.array(fc.record({ device: fc.nat({ max: devices - 1 }), action: actionArb }), {
    minLength: 25,
    maxLength: 60,
  });

async function pick<T>(docs: Promise<T[]>, index: number): Promise<T | undefined> {
  const list = await docs;
  return list.length === 0 ? undefined : list[index % list.length];
}

/** The firm's pipeline as this device knows it (the built-in one until someone saved it). */
async function pipelineOn(database: LtcDatabase): Promise<Pipeline> {
  const doc = await database.pipelines.findOne('default').exec();
  return doc ? (doc.toMutableJSON() as Pipeline) : defaultPipeline();
}

let counter = 0;

/**
 * Runs one person's action through the core. A command the core refuses (a gate not met, a
 * colleague's deal for a rep, a write that lost a race with sync) writes nothing: that is the
 * rulebook working, and there is nothing to push.
 */
export async function act(
  service: CrmService,
  database: LtcDatabase,
  action: Exclude<Action, { kind: 'offline' | 'online' | 'sync' }>,
): Promise<boolean> {
  return attempt(service, database, action);
}

/** Whether the core took the command (false: refused by a rule, or nothing to act on). */
async function attempt(
  service: CrmService,
  database: LtcDatabase,
  action: Exclude<Action, { kind: 'offline' | 'online' | 'sync' }>,
): Promise<boolean> {
  const run = service.commands;
  const value = ++counter;
  const accounts = () => database.accounts.find({ sort: [{ id: 'asc' }] }).exec();
  const deals = () =>
    database.opportunities.find({ selector: { archived: false }, sort: [{ id: 'asc' }] }).exec();
  try {
    switch (action.kind) {
      case 'createAccount':
        await run['accounts/create']({ name: `客户 ${value}` });
        return true;
      case 'createContact': {
        const account = await pick(accounts(), action.account);
        if (!account) return false;
        await run['contacts/create']({ accountId: account.id, name: `联系人 ${value}` });
        return true;
      }
      case 'createDeal': {
        const account = await pick(accounts(), action.account);
        if (!account) return false;
        const contact = await database.contacts
          .findOne({ selector: { accountId: account.id } })
          .exec();
        await run['opportunities/create']({
          title: `商机 ${value}`,
          accountId: account.id,
          ...(action.quoted
            ? {
                amount: { minor: 10_000 + value, currency: 'CNY' },
                expectedClose: '2026-12-31',
                ...(contact ? { contactId: contact.id } : {}),
              }
            : {}),
        });
        return true;
      }
      case 'editDeal': {
        const deal = await pick(deals(), action.deal);
        if (!deal) return false;
        const contact = await database.contacts
          .findOne({ selector: { accountId: deal.accountId } })
          .exec();
        const patch =
          action.field === 'title'
            ? { title: `商机 ${value}` }
            : action.field === 'amount'
              ? { amount: { minor: 20_000 + value, currency: 'CNY' } }
              : action.field === 'expectedClose'
                ? { expectedClose: `2027-0${1 + (value % 9)}-15` }
                : action.field === 'description'
                  ? { description: `说明 ${value}` }
                  : contact
                    ? { contactId: contact.id }
                    : undefined;
        if (!patch) return false;
        await run['opportunities/update']({ id: deal.id, patch });
        return true;
      }
      case 'move': {
        const deal = await pick(deals(), action.deal);
        if (!deal) return false;
        const pipeline = await pipelineOn(database);
        // Half the moves go where a card can go without a manager's approval; the rest anywhere
        // (the gates then refuse many of them, as they would a person).
        const all = pipelineStageKeys(pipeline);
        const free = all.filter((stage) => ['qualify', 'solution', 'lost'].includes(stage));
        const stages = action.to % 2 === 0 ? free : all;
        const to = stages[Math.floor(action.to / 2) % stages.length]!;
        // A person ticks the gate's checklist in the dialog; the core records it in the event.
        const checklist = stagesPassed(pipeline, deal.stage, to).flatMap((s) =>
          s.checklist.map((item) => item.id),
        );
        await run['opportunities/move']({
          id: deal.id,
          to,
          ...(to === 'lost' ? { lostReason: `原因 ${value}` } : {}),
          ...(checklist.length > 0 ? { checklist } : {}),
        });
        return true;
      }
      case 'ask': {
        const deal = await pick(deals(), action.deal);
        if (!deal) return false;
        await run['opportunities/requestApproval']({ id: deal.id, stage: action.stage });
        return true;
      }
      case 'decide': {
        const list = (await deals()).filter((deal) =>
          deal.approvals?.some((a) => a.status === 'requested'),
        );
        const deal = list[action.deal % Math.max(1, list.length)];
        const asked = deal?.approvals?.find((a) => a.status === 'requested');
        if (!deal || !asked) return false;
        if (action.approve) await run['opportunities/approve']({ id: deal.id, stage: asked.stage });
        else
          await run['opportunities/rejectApproval']({
            id: deal.id,
            stage: asked.stage,
            reason: `驳回 ${value}`,
          });
        return true;
      }
    }
  } catch (error) {
    if (process.env.AGREEMENT_TRACE && error instanceof CrmError) {
      console.info('refused by the core:', action.kind, JSON.stringify(error.data).slice(0, 300));
    }
    if (error instanceof CrmError || isWriteConflict(error)) return false;
    throw error;
  }
}
