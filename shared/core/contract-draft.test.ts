import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Opportunity } from '../domain/entities';
import { ensureDraftContract } from './contract-draft';
import type { CoreContext } from './context';
import { writeUnjudged } from './rulebook';
import { openSalesFixture, REP, type SalesFixture } from './test-support';

let fx: SalesFixture;
let ctx: CoreContext;
beforeEach(async () => {
  fx = await openSalesFixture();
  ctx = { database: fx.core.database, currentUser: REP, now: fx.clock.now };
});
afterEach(() => fx.core.close());

async function wonDeal(): Promise<Opportunity> {
  const run = fx.core.service.commands;
  const deal = await run['opportunities/create']({
    title: '华为东莞工厂 MES',
    accountId: fx.account.id,
    contactId: fx.contact.id,
    amount: { minor: 120_000_000, currency: 'CNY' },
    expectedClose: '2026-03-31',
  });
  fx.clock.advance(1000);
  // Won as the opportunity board leaves it; its gates and approvals are not this test's subject.
  const doc = (await fx.core.database.opportunities.findOne(deal.id).exec())!;
  const won = await writeUnjudged(fx.core.database, 'opportunities', [deal.id], () =>
    doc.incrementalPatch({ stage: 'won', probability: 100 }),
  );
  return won.toMutableJSON();
}

describe('ensureDraftContract', () => {
  it('makes a Draft contract from the won deal and links both ways', async () => {
    const deal = await wonDeal();
    const contract = await ensureDraftContract(ctx, deal);
    expect(contract).toMatchObject({
      title: '华为东莞工厂 MES',
      accountId: fx.account.id,
      contactId: fx.contact.id,
      opportunityId: deal.id,
      stage: 'draft',
      amount: { minor: 120_000_000, currency: 'CNY' },
      ownerId: deal.ownerId,
    });
    const stored = (await fx.core.database.opportunities.findOne(deal.id).exec())!.toJSON();
    expect(stored.contractId).toBe(contract.id);
    const events = await fx.core.database.stageevents
      .find({ selector: { recordId: contract.id } })
      .exec();
    expect(events.map((e) => e.to)).toEqual(['draft']);
  });

  it('is idempotent: a second call (even with a stale opportunity) returns the same contract', async () => {
    const deal = await wonDeal();
    const first = await ensureDraftContract(ctx, deal);
    const second = await ensureDraftContract(ctx, deal);
    expect(second.id).toBe(first.id);
    expect(await fx.core.database.contracts.count().exec()).toBe(1);
  });

  it('finishes after a crash between the stamp and the insert, under the stamped id', async () => {
    const deal = await wonDeal();
    const stampedId = '01a22585-0000-7000-8000-000000000001';
    const doc = (await fx.core.database.opportunities.findOne(deal.id).exec())!;
    await doc.incrementalPatch({ contractId: stampedId });
    const contract = await ensureDraftContract(ctx, deal);
    expect(contract.id).toBe(stampedId);
    expect(await fx.core.database.contracts.count().exec()).toBe(1);
  });

  it('starts at zero in the default currency for a deal without an amount', async () => {
    const run = fx.core.service.commands;
    const deal = await run['opportunities/create']({ title: '小单', accountId: fx.account.id });
    const contract = await ensureDraftContract(ctx, deal);
    expect(contract.amount).toEqual({ minor: 0, currency: 'CNY' });
    expect(contract).not.toHaveProperty('contactId');
  });
});
