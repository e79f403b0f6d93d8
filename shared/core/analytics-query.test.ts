import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { analyticsQuerySchemas } from '../api/analytics-contract';
import type { Dashboard } from '../analytics';
import { ANALYTICS_THROTTLE_MS } from './analytics-query';
import type { CrmCore } from './index';
import { LiveResults, openSalesFixture, REP, type SalesFixture } from './test-support';

const DAY = 86_400_000;
let core: CrmCore;
let fixture: SalesFixture;
beforeEach(async () => {
  fixture = await openSalesFixture();
  core = fixture.core;
});
afterEach(() => core.close());

const run = () => core.service.commands;
const opportunities = (d: Dashboard) => d.flows.find((f) => f.phase === 'opportunity')!;

describe('analytics/dashboard', () => {
  it('computes the dashboard from the collections and recomputes it as deals move', async () => {
    const from = fixture.clock.now();
    const live = new LiveResults(core, 'analytics/dashboard', { from, to: from + 30 * DAY });
    const first = await live.until(() => true);
    expect(opportunities(first).wip).toMatchObject({ qualify: 0, solution: 0 });

    // ERP: two days in qualify, then solution. CRM: lost after a day.
    const erp = await run()['opportunities/create']({
      title: 'ERP',
      accountId: fixture.account.id,
    });
    const crm = await run()['opportunities/create']({
      title: 'CRM',
      accountId: fixture.account.id,
    });
    fixture.clock.advance(DAY);
    await run()['opportunities/move']({ id: crm.id, to: 'lost', lostReason: '预算取消' });
    fixture.clock.advance(DAY);
    await run()['opportunities/move']({ id: erp.id, to: 'solution' });

    const d = await live.until((r) => opportunities(r).wip.solution === 1);
    const flow = opportunities(d);
    expect(flow.wip).toMatchObject({ qualify: 0, solution: 1, lost: 1 });
    // qualify visits: ERP 2 days (closed), CRM 1 day (closed) → median 1.5 days.
    expect(flow.dwell.find((x) => x.stage === 'qualify')).toMatchObject({
      samples: 2,
      openSamples: 0,
      medianDays: 1.5,
    });
    // qualify → solution: ERP converted, CRM dropped → 1 ÷ 2.
    expect(flow.conversions[0]).toMatchObject({
      from: 'qualify',
      to: 'solution',
      converted: 1,
      dropped: 1,
      rate: 0.5,
    });
    expect(d.sales).toMatchObject({ won: 0, lost: 1, winRate: 0 });
    live.unsubscribe();
  });

  it('recomputes a burst of changes a few times, not once per change, and ends on the last', async () => {
    const from = fixture.clock.now();
    const live = new LiveResults(core, 'analytics/dashboard', { from, to: from + 30 * DAY });
    await live.until(() => true);
    const before = live.results.length;
    const started = Date.now();
    for (let i = 0; i < 40; i++) {
      await run()['opportunities/create']({ title: `批量 ${i}`, accountId: fixture.account.id });
    }
    const elapsed = Date.now() - started;
    const last = await live.until((d) => opportunities(d).wip.qualify === 40);
    // At most one per throttle window during the burst (plus the leading and trailing ones),
    // whatever the speed of the machine; without throttling it would be one per create.
    const during = live.results.indexOf(last) + 1 - before;
    expect(during).toBeLessThanOrEqual(Math.ceil(elapsed / ANALYTICS_THROTTLE_MS) + 2);
    expect(during).toBeLessThan(40);
    live.unsubscribe();
  });

  it('filters by owner', async () => {
    const from = fixture.clock.now();
    await run()['opportunities/create']({ title: 'ERP', accountId: fixture.account.id });
    const mine = new LiveResults(core, 'analytics/dashboard', {
      from,
      to: from + DAY,
      ownerId: REP.id,
    });
    const theirs = new LiveResults(core, 'analytics/dashboard', {
      from,
      to: from + DAY,
      ownerId: 'someone-else',
    });
    expect(
      opportunities(await mine.until((r) => opportunities(r).wip.qualify === 1)).wip.qualify,
    ).toBe(1);
    expect(opportunities(await theirs.until(() => true)).wip.qualify).toBe(0);
    mine.unsubscribe();
    theirs.unsubscribe();
  });

  it('refuses a period that ends before it starts, naming the field', () => {
    const result = analyticsQuerySchemas['analytics/dashboard'].safeParse({ from: 10, to: 5 });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.path).toEqual(['to']);
  });
});
