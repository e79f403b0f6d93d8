import { serialize } from 'node:v8';
import fc from 'fast-check';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createCrmClient, type CrmApi, type QueryArgs, type QueryName } from '../shared/api';
import type { CrmCore } from '../shared/core';
import { LiveResults } from '../shared/core/test-support';
import { LEAD_STAGES, OPPORTUNITY_STAGES } from '../shared/domain/phases';
import { IPC_CHANNELS } from './preload/ipc-channels';
import { openBridgeFixture, type BridgeFixture } from './test-support/bridge-fixture';

/**
 * Board updates over IPC carry what changed (issue 19), on the whole path with only Electron
 * faked: the real core on RxDB memory storage, the real dispatcher and bridge, a fake IPC that
 * structured-clones every message, the preload's client and the page's createCrmClient. The
 * page must end up with exactly the board a fresh query gives, whatever happened to the
 * records; and a moved card must cross IPC as a message far smaller than the board.
 */

const TODAY = '2026-01-05';
const BOARDS = {
  'board/opportunities': {},
  'board/leads': {},
  'board/contracts': {},
  'board/deliveries': {},
  'board/invoices': { today: TODAY },
} as const;
type BoardQuery = keyof typeof BOARDS;

let f: BridgeFixture | undefined;
afterEach(async () => {
  await f?.close();
  f = undefined;
});

/** The page's boards as its live queries deliver them, after the client applied any diffs. */
function pageBoards(api: CrmApi) {
  const latest = new Map<BoardQuery, unknown>();
  for (const [query, args] of Object.entries(BOARDS) as [BoardQuery, QueryArgs<BoardQuery>][]) {
    api.subscribe(
      query,
      args as never,
      (board) => latest.set(query, board),
      (error) => latest.set(query, error),
    );
  }
  return latest;
}

/** What a freshly opened query answers now: the board the page must match. */
async function freshBoard<Q extends QueryName>(core: CrmCore, query: Q, args: QueryArgs<Q>) {
  const live = new LiveResults(core, query, args as never);
  const board = await live.until(() => true);
  live.unsubscribe();
  return board;
}

/** Every board the page shows equals a fresh query's (waiting for the update to arrive). */
async function expectSameAsFresh(core: CrmCore, latest: Map<BoardQuery, unknown>) {
  for (const [query, args] of Object.entries(BOARDS) as [BoardQuery, never][]) {
    const fresh = await freshBoard(core, query, args);
    await vi.waitFor(() => expect(latest.get(query)).toEqual(fresh), { timeout: 3000 });
  }
}

async function seedSales(core: CrmCore, deals: number, leads: number) {
  const run = core.service.commands;
  const accounts = [
    await run['accounts/create']({ name: '华为技术' }),
    await run['accounts/create']({ name: '中兴通讯' }),
  ];
  const contact = await run['contacts/create']({ accountId: accounts[0]!.id, name: '李雷' });
  for (let i = 0; i < deals; i++) {
    await run['opportunities/create']({
      title: `商机 ${i}`,
      accountId: accounts[i % 2]!.id,
      contactId: i % 2 ? undefined : contact.id,
      amount: { minor: 10_000_00 * (i + 1), currency: i % 5 ? 'CNY' : 'USD' },
      expectedClose: '2026-06-30',
    });
  }
  for (let i = 0; i < leads; i++) await run['leads/create']({ company: `线索公司 ${i}` });
  return { accounts, contact };
}

describe('board updates over IPC', () => {
  it('send the board whole once, then a moved card as a message far smaller than the board', async () => {
    f = await openBridgeFixture();
    const { core } = f;
    await seedSales(core, 300, 0);
    const { contents, ltc } = f.page();
    const api = createCrmClient(ltc);
    const boards: unknown[] = [];
    api.subscribe('board/opportunities', {}, (board) => boards.push(board));
    await vi.waitFor(() => expect(boards).toHaveLength(1));
    const deal = (await freshBoard(core, 'board/opportunities', {})).columns[0]!.cards[7]!;
    await core.service.commands['opportunities/move']({ id: deal.id, to: 'solution' });
    const fresh = await freshBoard(core, 'board/opportunities', {});
    await vi.waitFor(() => expect(boards.at(-1)).toEqual(fresh));

    const sent = contents.sent.filter((m) => m.channel === IPC_CHANNELS.queryResult);
    const [whole, ...updates] = sent.map((m) => m.args[1] as object);
    expect(whole).toHaveProperty('value');
    expect(updates.length).toBeGreaterThan(0);
    for (const update of updates) {
      expect(update).toHaveProperty('boardDiff');
      expect(serialize(update).length * 50).toBeLessThan(serialize(whole).length);
    }
  });

  it('give the page exactly the boards a fresh query gives, whatever is created, edited, moved or archived', async () => {
    const step = fc.oneof(
      fc.record({ kind: fc.constant('createDeal' as const), amount: fc.nat(1_000_000) }),
      fc.record({
        kind: fc.constant('editDeal' as const),
        pick: fc.nat(),
        title: fc.string({ minLength: 1, maxLength: 8 }),
      }),
      fc.record({
        kind: fc.constant('moveDeal' as const),
        pick: fc.nat(),
        to: fc.constantFrom(...OPPORTUNITY_STAGES),
      }),
      fc.record({ kind: fc.constant('archiveDeal' as const), pick: fc.nat() }),
      fc.record({
        kind: fc.constant('renameAccount' as const),
        pick: fc.nat(1),
        name: fc.string({ minLength: 1, maxLength: 8 }),
      }),
      fc.record({
        kind: fc.constant('createLead' as const),
        company: fc.string({ minLength: 1, maxLength: 8 }),
      }),
      fc.record({
        kind: fc.constant('moveLead' as const),
        pick: fc.nat(),
        to: fc.constantFrom(...LEAD_STAGES),
      }),
      fc.record({ kind: fc.constant('convertLead' as const), pick: fc.nat() }),
      fc.record({
        kind: fc.constant('editLead' as const),
        pick: fc.nat(),
        company: fc.string({ minLength: 1, maxLength: 8 }),
      }),
    );
    let diffs = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 1, maxLength: 12 }), async (steps) => {
        await f?.close();
        f = await openBridgeFixture();
        const { core } = f;
        const run = core.service.commands;
        const { accounts } = await seedSales(core, 8, 6);
        const { contents, ltc } = f.page();
        const latest = pageBoards(createCrmClient(ltc));
        await expectSameAsFresh(core, latest);
        const pick = async <T>(list: Promise<T[]>, n: number) => {
          const all = await list;
          return all.length ? all[n % all.length] : undefined;
        };
        const openDeals = () =>
          core.database.opportunities.find({ selector: { archived: false } }).exec();
        const openLeads = () => core.database.leads.find({ selector: { archived: false } }).exec();
        for (const s of steps) {
          // A refused command (a gate not met, a lost deal without its reason) changes nothing,
          // which the boards must show too.
          await (async () => {
            if (s.kind === 'createDeal') {
              await run['opportunities/create']({
                title: `新商机 ${s.amount}`,
                accountId: accounts[s.amount % 2]!.id,
                amount: { minor: s.amount, currency: 'CNY' },
              });
            } else if (s.kind === 'editDeal') {
              const deal = await pick(openDeals(), s.pick);
              if (deal)
                await run['opportunities/update']({ id: deal.id, patch: { title: s.title } });
            } else if (s.kind === 'moveDeal') {
              const deal = await pick(openDeals(), s.pick);
              if (deal)
                await run['opportunities/move']({ id: deal.id, to: s.to, lostReason: '价格' });
            } else if (s.kind === 'archiveDeal') {
              const deal = await pick(openDeals(), s.pick);
              if (deal) await run['opportunities/archive']({ id: deal.id });
            } else if (s.kind === 'renameAccount') {
              await run['accounts/update']({ id: accounts[s.pick]!.id, patch: { name: s.name } });
            } else if (s.kind === 'createLead') {
              await run['leads/create']({ company: s.company });
            } else if (s.kind === 'moveLead') {
              const lead = await pick(openLeads(), s.pick);
              if (lead)
                await run['leads/move']({ id: lead.id, to: s.to, disqualifiedReason: '无预算' });
            } else if (s.kind === 'editLead') {
              const lead = await pick(openLeads(), s.pick);
              if (lead) await run['leads/update']({ id: lead.id, patch: { company: s.company } });
            } else {
              const lead = await pick(openLeads(), s.pick);
              if (lead) await run['leads/convert']({ id: lead.id });
            }
          })().catch(() => undefined);
          await expectSameAsFresh(core, latest);
        }
        diffs += contents.sent.filter((m) => 'boardDiff' in (m.args[1] as object)).length;
      }),
      { numRuns: 12 },
    );
    // The property above holds trivially if nothing is ever diffed: most updates must have been.
    expect(diffs).toBeGreaterThan(12);
  }, 120_000);
});
