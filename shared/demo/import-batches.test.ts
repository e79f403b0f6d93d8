import { beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { createCrmClient, createDispatcher } from '../api';
import { SAMPLE_IMPORT_BATCH_MAX } from '../api/demo-contract';
import type { CrmCore } from '../core';
import type { LtcDatabase } from '../core/database';
import { manualClock, openTestCore } from '../core/test-support';
import { sampleBatches } from './batches';
import { simulateFirmInMemory, type SimulatedFirm } from './export';

/**
 * demo/import in batches on the real core, on RxDB's memory storage ('unit') and on the project's
 * SQLite storage ('core-sqlite' runs this file too): a firm bigger than one command goes in whole,
 * a refused batch leaves none of its records, a forged oversized command is refused by name, and
 * a load cut off half-way is removed by demo/remove.
 */
const END = Date.UTC(2026, 10, 20, 10, 0, 0);
const BATCH = 120;

let firm: SimulatedFirm;
let batches: SimulatedFirm['collections'][];

beforeAll(async () => {
  firm = await simulateFirmInMemory({ language: 'zh-CN', now: END, leads: 24, seed: 5 });
  batches = sampleBatches(firm, BATCH);
}, 60_000);

async function openTarget(): Promise<CrmCore> {
  const target = await openTestCore({ now: manualClock(END).now });
  onTestFinished(() => target.close());
  return target;
}

async function counts(database: LtcDatabase): Promise<Record<string, number>> {
  const result: Record<string, number> = {};
  for (const name of Object.keys(firm.collections)) {
    result[name] = (
      await database.collections[name as keyof LtcDatabase['collections']].find().exec()
    ).length;
  }
  return result;
}

const sizes = (collections: SimulatedFirm['collections']) =>
  Object.fromEntries(Object.entries(collections).map(([name, docs]) => [name, docs.length]));

/** The error a call through the real dispatcher (as every host's bridge validates) rejects with. */
async function refusal(call: Promise<unknown>): Promise<{ type: string; fields?: unknown }> {
  try {
    await call;
  } catch (error) {
    return (error as { data: { type: string; fields?: unknown } }).data;
  }
  throw new Error('the call was not refused');
}

describe('sample batches', () => {
  it('cuts the firm into batches of at most the size asked, every document once', () => {
    expect(batches.length).toBeGreaterThan(3);
    const total = Object.values(firm.collections).reduce((n, docs) => n + docs.length, 0);
    const batchSizes = batches.map((b) => Object.values(b).reduce((n, d) => n + d.length, 0));
    expect(batchSizes.every((n) => n <= BATCH)).toBe(true);
    expect(batchSizes.reduce((a, b) => a + b, 0)).toBe(total);
    const ids = batches.flatMap((b) => Object.values(b).flatMap((docs) => docs.map((d) => d.id)));
    expect(new Set(ids).size).toBe(total);
  });
});

describe('demo/import in batches (real core)', () => {
  it('imports a firm bigger than one batch whole, through the dispatcher', async () => {
    const target = await openTarget();
    const api = createCrmClient(createDispatcher(target.service));
    let status;
    for (const [index, collections] of batches.entries()) {
      status = await api.invoke('demo/import', { collections, batch: { loadId: 'load-1', index } });
    }
    expect(status).toMatchObject({ present: true, hasRealRecords: false });
    expect(status!.counts.leads).toBe(24);
    expect(await counts(target.database)).toEqual(sizes(firm.collections));
    // The load is done: a second firm (a new batch 0) is refused, the sample is there.
    expect(
      await refusal(
        api.invoke('demo/import', {
          collections: batches[0]!,
          batch: { loadId: 'load-2', index: 0 },
        }),
      ),
    ).toMatchObject({ type: 'ValidationError', fields: [{ field: 'database', code: 'taken' }] });
  }, 60_000);

  it('refuses a bad batch by field and writes nothing of it; the load then goes on', async () => {
    const target = await openTarget();
    const { commands } = target.service;
    await commands['demo/import']({ collections: batches[0]!, batch: { loadId: 'L', index: 0 } });
    const before = await counts(target.database);

    // Batch 1 with a real person's document in its last collection: refused before writing.
    const second = batches[1]!;
    const names = Object.keys(second);
    const last = names[names.length - 1]!;
    const forged = {
      ...second,
      [last]: [
        ...second[last]!,
        { ...second[last]![0]!, id: 'real-1', ownerId: 'user-wang', by: 'user-wang' },
      ],
    };
    await expect(
      commands['demo/import']({ collections: forged, batch: { loadId: 'L', index: 1 } }),
    ).rejects.toMatchObject({
      data: {
        type: 'ValidationError',
        fields: [{ field: `collections.${last}`, code: 'invalid' }],
      },
    });
    expect(await counts(target.database)).toEqual(before);

    // One that the storage's schema refuses (a lead in no known stage) after another collection
    // of the batch was written: that collection's records are taken out again.
    const lead = firm.collections.leads![0]!;
    const invalid = {
      accounts: [{ ...firm.collections.accounts![0]!, id: 'sample-extra-account' }],
      leads: [{ ...lead, id: 'sample-extra-lead', stage: 'nowhere' }],
    };
    await expect(
      commands['demo/import']({ collections: invalid, batch: { loadId: 'L', index: 1 } }),
    ).rejects.toMatchObject({
      data: { type: 'ValidationError', fields: [{ field: 'collections.leads', code: 'invalid' }] },
    });
    expect(await counts(target.database)).toEqual(before);
    expect(await target.database.accounts.findOne('sample-extra-account').exec()).toBeNull();

    // A batch of another load, and one repeating stored ids, are refused by name too.
    await expect(
      commands['demo/import']({ collections: second, batch: { loadId: 'other', index: 1 } }),
    ).rejects.toMatchObject({ data: { fields: [{ field: 'batch.loadId', code: 'invalid' }] } });
    await expect(
      commands['demo/import']({ collections: batches[0]!, batch: { loadId: 'L', index: 1 } }),
    ).rejects.toMatchObject({ data: { fields: [{ code: 'taken' }] } });
    expect(await counts(target.database)).toEqual(before);

    // The load goes on: the earlier batches' sample records do not count against it.
    for (let index = 1; index < batches.length; index++) {
      await commands['demo/import']({
        collections: batches[index]!,
        batch: { loadId: 'L', index },
      });
    }
    expect(await counts(target.database)).toEqual(sizes(firm.collections));
  }, 60_000);

  it('stops a load once real records appear beside it', async () => {
    const target = await openTarget();
    const { commands } = target.service;
    await commands['demo/import']({ collections: batches[0]!, batch: { loadId: 'L', index: 0 } });
    await commands['accounts/create']({ name: '真实客户有限公司' });
    await expect(
      commands['demo/import']({ collections: batches[1]!, batch: { loadId: 'L', index: 1 } }),
    ).rejects.toMatchObject({ data: { fields: [{ field: 'database', code: 'taken' }] } });
  }, 60_000);

  it('refuses a forged oversized command by field, whatever the firm', async () => {
    const target = await openTarget();
    const api = createCrmClient(createDispatcher(target.service));
    const account = firm.collections.accounts![0]!;
    const many = (n: number, prefix: string) =>
      Array.from({ length: n }, (_, i) => ({ ...account, id: `sample-${prefix}-${i}` }));
    // One collection over the cap…
    expect(
      await refusal(
        api.invoke('demo/import', {
          collections: { accounts: many(SAMPLE_IMPORT_BATCH_MAX + 1, 'a') },
        }),
      ),
    ).toMatchObject({ type: 'ValidationError', fields: [{ field: 'collections.accounts' }] });
    // …and two collections each under it, together over it.
    const half = SAMPLE_IMPORT_BATCH_MAX / 2 + 1;
    expect(
      await refusal(
        api.invoke('demo/import', {
          collections: { accounts: many(half, 'b'), contacts: many(half, 'c') },
          batch: { loadId: 'L', index: 0 },
        }),
      ),
    ).toMatchObject({ type: 'ValidationError', fields: [{ field: 'collections' }] });
    expect(await target.database.accounts.find().exec()).toEqual([]);
  }, 60_000);

  it('removes a load cut off half-way, all of it, and then loads again', async () => {
    const target = await openTarget();
    const { commands } = target.service;
    const half = Math.ceil(batches.length / 2);
    for (let index = 0; index < half; index++) {
      await commands['demo/import']({
        collections: batches[index]!,
        batch: { loadId: 'L', index },
      });
    }
    expect((await commands['demo/remove']({})).removed).toBeGreaterThan(half * BATCH - BATCH);
    const empty = Object.fromEntries(Object.keys(firm.collections).map((name) => [name, 0]));
    expect(await counts(target.database)).toEqual(empty);
    // The cut-off load is closed: its next batch is refused, a new load starts cleanly.
    await expect(
      commands['demo/import']({ collections: batches[half]!, batch: { loadId: 'L', index: half } }),
    ).rejects.toMatchObject({ data: { fields: [{ field: 'batch.loadId' }] } });
    for (const [index, collections] of batches.entries()) {
      await commands['demo/import']({ collections, batch: { loadId: 'again', index } });
    }
    expect(await counts(target.database)).toEqual(sizes(firm.collections));
  }, 60_000);
});
