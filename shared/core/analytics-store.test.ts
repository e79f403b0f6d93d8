import { afterEach, describe, expect, it } from 'vitest';
import {
  buildScope,
  computeDashboard,
  type AnalyticsFilters,
  type AnalyticsInput,
} from '../analytics';
import { DEFAULT_PIPELINE_ID, defaultPipeline } from '../domain/pipelines';
import { seededRandom } from '../demo/random';
import { analyticsStoreOf, MEASURED_RECORDS, stageModel } from './analytics-store';
import { plain } from './context';
import type { LtcDatabase } from './database';
import type { CrmCore } from './index';
import { manualClock, openTestCore } from './test-support';

const DAY = 86_400_000;
/** What the dashboard reads: stage events, pipelines and the six measured record collections. */
const MEASURED = ['stageevents', 'pipelines', ...MEASURED_RECORDS] as const;
type Measured = (typeof MEASURED)[number];
type Doc = Record<string, unknown> & { id: string };

const cores: CrmCore[] = [];
afterEach(async () => {
  for (const core of cores.splice(0)) await core.close();
});

/** The dashboard's input as it was read before the store: every document of every collection. */
async function fullRead(database: LtcDatabase, now: number): Promise<AnalyticsInput> {
  const read = async <K extends Measured>(name: K) =>
    (await database[name].find().exec()).map((d) => plain(d as never)) as never[];
  const pipelines: Record<string, ReturnType<typeof stageModel>> = {
    [DEFAULT_PIPELINE_ID]: stageModel(defaultPipeline()),
  };
  for (const p of await database.pipelines.find().exec()) pipelines[p.id] = stageModel(p);
  return {
    events: await read('stageevents'),
    leads: await read('leads'),
    opportunities: await read('opportunities'),
    contracts: await read('contracts'),
    deliveries: await read('deliveries'),
    invoices: await read('invoices'),
    payments: await read('payments'),
    pipelines,
    now,
  };
}

/** Periods, owners and pipelines a person picks; one ends in the past, so "as of" is its end. */
async function filtersOf(database: LtcDatabase, now: number): Promise<AnalyticsFilters[]> {
  const owner = (await database.opportunities.findOne().exec())?.ownerId;
  const pipeline = (await database.pipelines.findOne().exec())?.id ?? DEFAULT_PIPELINE_ID;
  const quarter = { from: now - 91 * DAY, to: now + DAY, utcOffsetMinutes: 480 };
  const events = await database.stageevents.find().exec();
  // Switching periods: random ones, one starting at an event's instant (where a journey that
  // ended there is no longer settled, flow.ts), and one in the future (nothing happened yet).
  const random = seededRandom(events.length);
  const randomPeriods = Array.from({ length: 4 }, (): AnalyticsFilters => {
    const from = now - random.int(0, 500) * DAY + random.int(0, DAY);
    const granularity = random.pick(['day', 'week', 'month'] as const);
    return { from, to: from + random.pick([1, 7, 30, 91, 365]) * DAY, granularity };
  });
  const atAnEvent = events.length > 0 ? random.pick(events).at : now - 40 * DAY;
  return [
    ...randomPeriods,
    { from: atAnEvent, to: atAnEvent + 91 * DAY },
    { from: now + 10 * DAY, to: now + 40 * DAY },
    { from: 0, to: now + 1 },
    quarter,
    { from: now - 30 * DAY, to: now + 1, granularity: 'day' },
    { from: now - 400 * DAY, to: now - 200 * DAY, utcOffsetMinutes: -300 },
    { ...quarter, ...(owner ? { ownerId: owner } : {}) },
    { ...quarter, pipelineId: pipeline },
    { from: now - 365 * DAY, to: now + 1, pipelineId: DEFAULT_PIPELINE_ID },
  ];
}

/** The store's dashboard must be the full read's, figure for figure, for every filter. */
async function expectSameAsFullRead(core: CrmCore, now: number): Promise<void> {
  const store = analyticsStoreOf(core.database);
  await store.ready();
  const full = await fullRead(core.database, now);
  // The store keeps its lists in id order as documents are written: the records a full read
  // gives (in whatever order the storage returns them), in id order (UTF-16 code units).
  const kept = store.input(now);
  for (const kind of MEASURED_RECORDS) {
    const ids = (list: readonly { id: string }[] | undefined) => (list ?? []).map((r) => r.id);
    expect(ids(kept[kind]), kind).toEqual(ids(full[kind]).sort());
  }
  for (const filters of await filtersOf(core.database, now)) {
    // The same records measured, each with the same journey (events, in the same order)…
    const kept = buildScope(store.input(now), filters).records;
    const read = buildScope(full, filters).records;
    expect([...kept.keys()]).toEqual([...read.keys()]);
    const ids = (events: readonly { id: string }[]) => events.map((e) => e.id);
    for (const [id, r] of kept) expect(ids(r.events), id).toEqual(ids(read.get(id)!.events));
    // …and so every figure.
    expect(computeDashboard(store.input(now), filters), JSON.stringify(filters)).toStrictEqual(
      computeDashboard(full, filters),
    );
  }
}

async function sampleFirm(leads: number, analyticsStoreStartMs?: number) {
  const clock = manualClock(Date.UTC(2026, 10, 20, 9));
  const core = await openTestCore({
    now: clock.now,
    ...(analyticsStoreStartMs === undefined ? {} : { analyticsStoreStartMs }),
  });
  cores.push(core);
  await core.service.commands['demo/load']({ language: 'zh-CN', leads, seed: 11 });
  return { core, clock };
}

describe('the analytics store', () => {
  it('gives the sample firm the dashboard a full read gives, and follows the commands', async () => {
    const { core, clock } = await sampleFirm(30);
    await expectSameAsFullRead(core, clock.now());

    // The core's own write path: a new deal, a day later lost; another moved on.
    const account = await core.database.accounts.findOne().exec();
    const run = core.service.commands;
    const lost = await run['opportunities/create']({ title: '丢单', accountId: account!.id });
    const moved = await run['opportunities/create']({ title: '推进', accountId: account!.id });
    clock.advance(DAY);
    await run['opportunities/move']({ id: lost.id, to: 'lost', lostReason: '预算取消' });
    await run['opportunities/move']({ id: moved.id, to: 'solution' });
    await expectSameAsFullRead(core, clock.now());
  }, 120_000);

  it('stays equal to a full read through random pulls, edits, moves and deletes, also while it builds', async () => {
    const source = await sampleFirm(25);
    const docs = {} as Record<Measured, Doc[]>;
    for (const name of MEASURED) {
      docs[name] = (await source.core.database[name].find().exec()).map(
        (d) => d.toMutableJSON() as unknown as Doc,
      );
    }
    const now = source.clock.now();
    // RxDB allows so many collections per process: one core at a time.
    cores.splice(cores.indexOf(source.core), 1);
    await source.core.close();
    // Not started by itself: the test starts it in the middle of the writes.
    const core = await openTestCore({ now: () => now, analyticsStoreStartMs: 3_600_000 });
    cores.push(core);
    const db = core.database;
    const random = seededRandom(19);
    const rnd = random.next;
    const pick = random.pick;
    const owners = [...new Set(docs.leads.map((l) => l.ownerId as string))];
    const left = Object.fromEntries(MEASURED.map((n) => [n, [...docs[n]]])) as Record<
      Measured,
      Doc[]
    >;

    /** A page of a sync pull: documents in any order, any collection, new or changed. */
    const pull = async (share: number) => {
      for (const name of MEASURED) {
        const page = left[name].filter(() => rnd() < share);
        left[name] = left[name].filter((d) => !page.includes(d));
        if (page.length > 0) await db[name].bulkUpsert(page as never[]);
      }
    };
    /** Colleagues' edits arriving: owners, amounts, stages and event times change. */
    const edit = async () => {
      const events = await db.stageevents.find().exec();
      for (let i = 0; i < 15 && events.length > 0; i++) {
        const e = pick(events);
        if (rnd() < 0.5)
          await e.incrementalPatch({ at: e.at + Math.round((rnd() - 0.5) * 20 * DAY) });
        else await e.incrementalPatch({ to: pick(['qualify', 'solution', 'won', 'lost', 'new']) });
      }
      for (const name of ['leads', 'opportunities', 'contracts', 'invoices'] as const) {
        const records = await db[name].find().exec();
        for (let i = 0; i < 5 && records.length > 0; i++) {
          await pick(
            records as { incrementalPatch(p: object): Promise<unknown> }[],
          ).incrementalPatch({ ownerId: pick(owners) });
        }
      }
      const deals = await db.opportunities.find().exec();
      for (let i = 0; i < 5 && deals.length > 0; i++) {
        const deal = pick(deals);
        await deal.incrementalPatch({
          stage: pick(['qualify', 'solution', 'won', 'lost']),
          ...(deal.amount ? { amount: { ...deal.amount, minor: deal.amount.minor + 100 } } : {}),
        });
      }
    };
    /** Deleted as sync deletes what a colleague removed (gone, not archived). */
    const remove = async () => {
      for (const name of [
        'stageevents',
        'opportunities',
        'invoices',
        'payments',
        'leads',
      ] as const) {
        const all = await db[name].find().exec();
        const doomed = all.filter(() => rnd() < 0.05).map((d) => d.primary);
        if (doomed.length > 0) await db[name].bulkRemove(doomed);
      }
    };

    await pull(0.3);
    const building = analyticsStoreOf(db).ready();
    await Promise.all([building, pull(0.2), edit()]);
    await expectSameAsFullRead(core, now);
    for (let round = 0; round < 4; round++) {
      await pull(0.4);
      await edit();
      await remove();
      await expectSameAsFullRead(core, now);
    }
    await pull(1);
    await expectSameAsFullRead(core, now);
    expect((await db.stageevents.count().exec()) > 0).toBe(true);
  }, 180_000);
});
