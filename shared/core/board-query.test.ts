import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { OpportunityBoard } from '../api/queries';
import type { Account, Contact } from '../domain/entities';
import { OPPORTUNITY_STAGES, type OpportunityStage } from '../domain/phases';
import type { CrmCore } from './index';
import { LiveResults, openSalesFixture, type SalesFixture } from './test-support';

let core: CrmCore;
let clock: SalesFixture['clock'];
let huawei: Account;
let zte: Account;
let li: Contact;
beforeEach(async () => {
  ({ core, clock, account: huawei, contact: li } = await openSalesFixture());
  zte = await run()['accounts/create']({ name: '中兴通讯' });
});
afterEach(() => core.close());

const run = () => core.service.commands;
const column = (board: OpportunityBoard, stage: OpportunityStage) =>
  board.columns.find((c) => c.stage === stage)!;
const summary = (board: OpportunityBoard, stage: OpportunityStage) => {
  const c = column(board, stage);
  return {
    count: c.count,
    total: c.total,
    weighted: c.weighted,
    titles: c.cards.map((card) => card.title),
  };
};
const cny = (minor: number) => ({ minor, currency: 'CNY' });
const usd = (minor: number) => ({ minor, currency: 'USD' });

describe('board/opportunities', () => {
  it('starts with one empty column per stage, in order, with the stage probability', async () => {
    const board = new LiveResults(core, 'board/opportunities', {});
    const first = await board.until(() => true);
    expect(first.pipelineId).toBe('default');
    expect(
      first.columns.map((c) => [c.stage, c.probability, c.count, c.total, c.weighted, c.cards]),
    ).toEqual([
      ['qualify', 10, 0, [], [], []],
      ['solution', 25, 0, [], [], []],
      ['proposal', 50, 0, [], [], []],
      ['negotiation', 75, 0, [], [], []],
      ['won', 100, 0, [], [], []],
      ['lost', 0, 0, [], [], []],
    ]);
    board.unsubscribe();
  });

  it('pushes a new board after create, move, archive and rename, with per-currency totals', async () => {
    const board = new LiveResults(core, 'board/opportunities', {});
    const ready = { contactId: li.id, expectedClose: '2026-06-30' };
    const erp = await run()['opportunities/create']({
      title: 'ERP',
      accountId: huawei.id,
      amount: cny(1_000_000_00),
      ...ready,
    });
    clock.advance(1000);
    const crm = await run()['opportunities/create']({
      title: 'CRM',
      accountId: zte.id,
      amount: cny(123_45),
    });
    clock.advance(1000);
    const cloud = await run()['opportunities/create']({
      title: 'Cloud',
      accountId: huawei.id,
      amount: usd(500_00),
      ...ready,
    });
    clock.advance(1000);
    await run()['opportunities/create']({ title: 'Audit', accountId: zte.id });

    let latest = await board.until((b) => column(b, 'qualify').count === 4);
    expect(summary(latest, 'qualify')).toEqual({
      count: 4,
      total: [cny(1_000_123_45), usd(500_00)],
      // Each card's weighted amount is rounded to whole fen: 12345 × 10% = 1234.5 → 1235.
      weighted: [cny(100_000_00 + 12_35), usd(50_00)],
      titles: ['ERP', 'CRM', 'Cloud', 'Audit'],
    });
    const erpCard = column(latest, 'qualify').cards[0]!;
    expect(erpCard).toEqual({ ...erp, accountName: '华为技术', contactName: '李雷' });
    expect(column(latest, 'qualify').cards[1]).toMatchObject({ accountName: '中兴通讯' });
    expect(column(latest, 'qualify').cards[1]).not.toHaveProperty('contactName');

    const resultsBeforeMove = board.results.length;
    clock.advance(1000);
    // The built-in Proposal gate asks for the bid approval (投标审批).
    await run()['opportunities/approve']({ id: cloud.id, stage: 'proposal' });
    await run()['opportunities/move']({ id: cloud.id, to: 'proposal' });
    latest = await board.until((b) => column(b, 'proposal').count === 1);
    expect(board.results.length).toBeGreaterThan(resultsBeforeMove);
    expect(summary(latest, 'qualify')).toMatchObject({
      count: 3,
      total: [cny(1_000_123_45)],
      weighted: [cny(100_012_35)],
    });
    expect(summary(latest, 'proposal')).toEqual({
      count: 1,
      total: [usd(500_00)],
      weighted: [usd(250_00)],
      titles: ['Cloud'],
    });

    // Out and back in: a card re-enters at the bottom, ordered by when it entered its stage.
    clock.advance(1000);
    await run()['opportunities/move']({ id: erp.id, to: 'solution' });
    latest = await board.until((b) => column(b, 'solution').count === 1);
    expect(summary(latest, 'solution')).toMatchObject({
      total: [cny(1_000_000_00)],
      weighted: [cny(250_000_00)],
    });
    clock.advance(1000);
    await run()['opportunities/move']({ id: erp.id, to: 'qualify' });
    latest = await board.until((b) => column(b, 'solution').count === 0);
    expect(summary(latest, 'qualify').titles).toEqual(['CRM', 'Audit', 'ERP']);

    await run()['opportunities/archive']({ id: crm.id });
    latest = await board.until((b) => column(b, 'qualify').count === 2);
    expect(summary(latest, 'qualify')).toMatchObject({
      total: [cny(1_000_000_00)],
      weighted: [cny(100_000_00)],
    });

    await run()['accounts/update']({ id: huawei.id, patch: { name: '华为云' } });
    latest = await board.until((b) => column(b, 'proposal').cards[0]?.accountName === '华为云');
    expect(column(latest, 'qualify').cards.map((c) => c.accountName)).toEqual([
      '中兴通讯',
      '华为云',
    ]);

    expect(latest.columns.map((c) => c.stage)).toEqual([...OPPORTUNITY_STAGES]);
    expect(board.errors).toEqual([]);
    board.unsubscribe();
  });

  it('shows only the asked pipeline and stops pushing after unsubscribe', async () => {
    const exportLine = await run()['pipelines/create']({
      name: '出口业务',
      stages: [
        {
          key: 'inquiry',
          name: '询盘',
          probability: 20,
          requiredFields: [],
          checklist: [],
          approvalRequired: false,
        },
      ],
      wonGate: { requiredFields: [], checklist: [], approvalRequired: false },
    });
    const other = new LiveResults(core, 'board/opportunities', { pipelineId: exportLine.id });
    await other.until((b) => b.columns.length === 3);
    const main = new LiveResults(core, 'board/opportunities', {});
    const probe = new LiveResults(core, 'board/opportunities', {});
    await run()['opportunities/create']({ title: 'ERP', accountId: huawei.id });
    await main.until((b) => column(b, 'qualify').count === 1);
    expect(other.latest?.columns.every((c) => c.count === 0)).toBe(true);

    main.unsubscribe();
    const seen = main.results.length;
    await run()['opportunities/create']({ title: 'CRM', accountId: huawei.id });
    await probe.until((b) => column(b, 'qualify').count === 2);
    expect(main.results.length).toBe(seen);
    expect(other.latest?.columns.every((c) => c.count === 0)).toBe(true);
    other.unsubscribe();
    probe.unsubscribe();
  });
});
