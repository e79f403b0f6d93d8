import { describe, expect, it, onTestFinished } from 'vitest';
import type { LtcDatabase } from '../core/database';
import { manualClock, openTestCore } from '../core/test-support';
import { isSampleDocument } from './marker';

const END = Date.UTC(2026, 10, 20, 10, 0, 0);
const DAY = 86_400_000;

async function loadFirm(leads: number, seed = 7, language: 'zh-CN' | 'en' = 'zh-CN') {
  const clock = manualClock(END);
  const core = await openTestCore({ now: clock.now });
  await core.service.commands['demo/load']({ language, leads, seed });
  return core;
}

async function all(database: LtcDatabase, name: keyof LtcDatabase['collections']) {
  return (await database.collections[name].find().exec()).map(
    (d) => d.toJSON() as unknown as Record<string, unknown>,
  );
}

/** What a firm looks like without its random ids: the same seed must give exactly this again. */
async function fingerprint(database: LtcDatabase) {
  const leads = await all(database, 'leads');
  const opportunities = await all(database, 'opportunities');
  const invoices = await all(database, 'invoices');
  const events = await all(database, 'stageevents');
  const pick = (records: Record<string, unknown>[], keys: string[]) =>
    records.map((r) => keys.map((k) => JSON.stringify(r[k])).join('|')).sort();
  return {
    leads: pick(leads, ['company', 'stage', 'stageEnteredAt', 'ownerId', 'disqualifiedReason']),
    opportunities: pick(opportunities, [
      'title',
      'stage',
      'amount',
      'stageEnteredAt',
      'lostReason',
    ]),
    invoices: pick(invoices, ['number', 'stage', 'amount', 'paid', 'dueOn']),
    events: pick(events, ['phase', 'from', 'to', 'at', 'by']),
  };
}

describe('the sample firm', () => {
  it('is the same firm for the same seed, and another for another seed', async () => {
    // One database at a time: RxDB allows 13 open collections per process.
    const firmOf = async (seed: number) => {
      const core = await loadFirm(30, seed);
      try {
        return await fingerprint(core.database);
      } finally {
        await core.close();
      }
    };
    const fa = await firmOf(11);
    expect(fa.events.length).toBeGreaterThan(50);
    expect(await firmOf(11)).toEqual(fa);
    expect(await firmOf(12)).not.toEqual(fa);
  }, 60_000);

  it('has a year of history that is consistent with its records and looks real', async () => {
    const core = await loadFirm(120);
    onTestFinished(() => core.close());
    const db = core.database;
    const events = await all(db, 'stageevents');
    // Every document is marked as sample data.
    for (const name of [
      'accounts',
      'contacts',
      'leads',
      'opportunities',
      'contracts',
      'deliveries',
      'invoices',
      'payments',
      'activities',
      'stageevents',
      'fieldchanges',
    ] as const) {
      for (const doc of await all(db, name)) expect(isSampleDocument(doc), name).toBe(true);
    }
    // The history spans the year and ends by today.
    const times = events.map((e) => e.at as number);
    expect(Math.max(...times)).toBeLessThanOrEqual(END);
    expect(Math.min(...times)).toBeLessThan(END - 300 * DAY);

    // Each record's stage and stageEnteredAt are its last stage event's.
    for (const name of ['leads', 'opportunities', 'contracts', 'deliveries', 'invoices'] as const) {
      for (const record of await all(db, name)) {
        const mine = events
          .filter((e) => e.recordId === record.id)
          .sort((x, y) => (x.at as number) - (y.at as number));
        expect(mine.length, `${name} ${String(record.id)}`).toBeGreaterThan(0);
        expect(mine[mine.length - 1]!.to).toBe(record.stage);
        expect(mine[mine.length - 1]!.at).toBe(record.stageEnteredAt);
      }
    }

    // Every stage of the lead, opportunity and contract boards holds cards, as in a real firm.
    const stagesOf = async (name: 'leads' | 'opportunities' | 'contracts') =>
      new Set((await all(db, name)).map((r) => r.stage));
    expect([...(await stagesOf('leads'))].sort()).toEqual([
      'contacted',
      'converted',
      'disqualified',
      'new',
      'qualified',
    ]);
    expect(await stagesOf('opportunities')).toEqual(
      new Set(['qualify', 'solution', 'proposal', 'negotiation', 'won', 'lost']),
    );
    for (const stage of ['review', 'executing', 'completed'])
      expect(await stagesOf('contracts')).toContain(stage);

    // Lost deals and disqualified leads carry their reasons.
    for (const o of await all(db, 'opportunities'))
      if (o.stage === 'lost') expect(o.lostReason).toBeTruthy();
    for (const l of await all(db, 'leads'))
      if (l.stage === 'disqualified') expect(l.disqualifiedReason).toBeTruthy();

    // Payments never exceed what was billed; some invoices are part paid, some overdue.
    const payments = await all(db, 'payments');
    const invoices = await all(db, 'invoices');
    for (const invoice of invoices) {
      const amount = (invoice.amount as { minor: number }).minor;
      const paid = payments
        .filter((p) => p.invoiceId === invoice.id)
        .reduce((sum, p) => sum + (p.amount as { minor: number }).minor, 0);
      expect(paid).toBe((invoice.paid as { minor: number }).minor);
      expect(paid).toBeLessThanOrEqual(amount);
    }
    expect(invoices.map((i) => i.stage)).toContain('paid');
    const today = new Date(END).toISOString().slice(0, 10);
    expect(
      invoices.some((i) => i.stage !== 'paid' && i.issuedOn && (i.dueOn as string) < today),
    ).toBe(true);

    // The bottleneck: contracts wait longer in Review than deals in any opportunity stage.
    const dwell = (phase: string, stage: string) => {
      const spans: number[] = [];
      for (const e of events) {
        if (e.phase !== phase || e.to !== stage) continue;
        const next = events.find(
          (x) =>
            x.recordId === e.recordId && x.from === stage && (x.at as number) >= (e.at as number),
        );
        if (next) spans.push((next.at as number) - (e.at as number));
      }
      spans.sort((x, y) => x - y);
      return spans[Math.floor(spans.length / 2)] ?? 0;
    };
    const review = dwell('contract', 'review');
    for (const stage of ['qualify', 'solution', 'proposal', 'negotiation']) {
      expect(review).toBeGreaterThan(dwell('opportunity', stage));
    }
  }, 60_000);

  it('loads only into an empty database, and writes nothing when refused', async () => {
    const core = await openTestCore({ now: manualClock(END).now });
    onTestFinished(() => core.close());
    await core.service.commands['accounts/create']({ name: '真实客户有限公司' });
    await expect(
      core.service.commands['demo/load']({ language: 'en', leads: 5 }),
    ).rejects.toMatchObject({
      data: { type: 'ValidationError', fields: [{ field: 'database', code: 'taken' }] },
    });
    expect(await all(core.database, 'leads')).toEqual([]);
    expect(await all(core.database, 'accounts')).toHaveLength(1);
  });

  it('removes exactly the sample data in one step', async () => {
    const core = await loadFirm(20);
    onTestFinished(() => core.close());
    const { commands } = core.service;
    const sampleOpportunity = (await all(core.database, 'opportunities'))[0]!;
    // Real work done while trying the app: a real deal with its own history…
    const account = await commands['accounts/create']({ name: '真实客户有限公司' });
    const deal = await commands['opportunities/create']({
      title: '真实商机',
      accountId: account.id,
    });
    await commands['opportunities/move']({ id: deal.id, to: 'solution' });
    const note = await commands['activities/create']({
      kind: 'note',
      subject: '真实备注',
      recordType: 'opportunity',
      recordId: deal.id,
    });
    // …and an activity on a sample deal, which would point at nothing once the sample is gone.
    await commands['activities/create']({
      kind: 'call',
      subject: '试用',
      recordType: 'opportunity',
      recordId: sampleOpportunity.id as string,
    });
    const realEvents = (await all(core.database, 'stageevents')).filter(
      (e) => e.recordId === deal.id,
    );
    expect(realEvents).toHaveLength(2);

    const { removed } = await commands['demo/remove']({});
    expect(removed).toBeGreaterThan(100);
    expect((await all(core.database, 'accounts')).map((a) => a.id)).toEqual([account.id]);
    expect((await all(core.database, 'opportunities')).map((o) => o.id)).toEqual([deal.id]);
    expect((await all(core.database, 'activities')).map((a) => a.id)).toEqual([note.id]);
    expect(await all(core.database, 'stageevents')).toEqual(realEvents);
    for (const name of [
      'leads',
      'contacts',
      'contracts',
      'deliveries',
      'invoices',
      'payments',
    ] as const) {
      expect(await all(core.database, name), name).toEqual([]);
    }
  }, 60_000);
});

describe('demo/import', () => {
  it('stores a firm simulated elsewhere, and refuses documents that are not sample data', async () => {
    const source = await loadFirm(6, 2);
    const collections: Record<string, Record<string, unknown>[]> = {};
    for (const name of ['accounts', 'leads', 'stageevents'] as const) {
      collections[name] = await all(source.database, name);
    }
    await source.close();

    const target = await openTestCore({ now: manualClock(END).now });
    onTestFinished(() => target.close());
    const real = { ...collections.accounts![0]!, id: 'real-1', ownerId: 'user-wang' };
    await expect(
      target.service.commands['demo/import']({
        collections: { accounts: [...collections.accounts!, real] },
      }),
    ).rejects.toMatchObject({
      data: { type: 'ValidationError', fields: [{ field: 'collections.accounts' }] },
    });
    expect(await all(target.database, 'accounts')).toEqual([]);

    const status = await target.service.commands['demo/import']({ collections });
    expect(status).toMatchObject({ present: true, hasRealRecords: false });
    expect(status.counts.leads).toBe(6);
    expect(await all(target.database, 'stageevents')).toHaveLength(collections.stageevents!.length);
    // A second load is refused: the sample is already there.
    await expect(target.service.commands['demo/import']({ collections })).rejects.toMatchObject({
      data: { fields: [{ field: 'database', code: 'taken' }] },
    });
  }, 60_000);
});
