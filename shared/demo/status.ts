import type { RxCollection } from 'rxdb';
import { combineLatest, firstValueFrom, map, type Observable } from 'rxjs';
import type { DemoStatus } from '../api/demo-contract';
import type { LtcDatabase } from '../core/database';
import { SAMPLE_ID_PREFIX, sampleSelector } from './marker';

/** The record kinds the status counts (the ones a newcomer sees on the boards). */
const COUNTED = ['leads', 'accounts', 'opportunities', 'contracts', 'invoices'] as const;

/** Record collections a person fills: any real document in one means the database is in use. */
export const RECORD_COLLECTIONS = [
  'accounts',
  'contacts',
  'leads',
  'opportunities',
  'contracts',
  'deliveries',
  'invoices',
  'payments',
  'activities',
] as const;

/** Owners outside the sample range: below 'sample-' or from 'sample.' on. */
const REAL_OWNER = {
  $or: [{ ownerId: { $lt: SAMPLE_ID_PREFIX } }, { ownerId: { $gte: 'sample.' } }],
};

/** Per record collection: whether it holds a real (not sample) record, one findOne each. */
function realRecordProbes(database: LtcDatabase): Observable<boolean>[] {
  // Only owner fields are queried, which every record collection has: typed as one.
  return RECORD_COLLECTIONS.map((name) =>
    (database.collections[name as 'accounts'] as unknown as RxCollection)
      .findOne({ selector: REAL_OWNER })
      .$.pipe(map((doc) => doc !== null)),
  );
}

/**
 * Whether any real record exists, without counting the sample: what a later batch of a sample
 * load checks, cheaply, while the sample grows by thousands of records per batch.
 */
export async function hasRealRecords(database: LtcDatabase): Promise<boolean> {
  const found = await firstValueFrom(combineLatest(realRecordProbes(database)));
  return found.some(Boolean);
}

/**
 * Live status: sample counts per kind and whether any real record exists. The real-record probe
 * is a findOne per collection, so a database of thousands of real cards answers it cheaply.
 */
export function demoStatus$(database: LtcDatabase): Observable<DemoStatus> {
  // Only owner fields are queried, which every record collection has: typed as one.
  const collection = (name: string) =>
    database.collections[name as 'accounts'] as unknown as RxCollection;
  const counts = COUNTED.map((name) =>
    collection(name)
      .find({ selector: sampleSelector('ownerId') })
      .$.pipe(map((docs) => docs.length)),
  );
  return combineLatest([combineLatest(counts), combineLatest(realRecordProbes(database))]).pipe(
    map(([n, r]) => {
      const [leads, accounts, opportunities, contracts, invoices] = n as number[];
      return {
        present: n.some((c) => c > 0),
        hasRealRecords: r.some(Boolean),
        counts: {
          leads: leads!,
          accounts: accounts!,
          opportunities: opportunities!,
          contracts: contracts!,
          invoices: invoices!,
        },
      };
    }),
  );
}

export function currentDemoStatus(database: LtcDatabase): Promise<DemoStatus> {
  return firstValueFrom(demoStatus$(database));
}
