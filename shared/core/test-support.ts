import type { RxStorage } from 'rxdb';
import { afterEach, beforeEach } from 'vitest';
import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import type { QueryHandlers } from '../api/crm-api';
import type { QueryName, QueryResult } from '../api/queries';
import type { Account, Contact, Lead } from '../domain/entities';
import { newId } from '../domain/ids';
import {
  openCrmCore,
  type CrmCore,
  type CrmCoreOptions,
  type LtcCollections,
  type LtcDatabase,
} from './index';
import { writeUnjudged } from './rulebook';

/**
 * Test helpers for the core, on RxDB's memory storage unless a test setup file installs another
 * storage (the 'core-sqlite' vitest project runs these same tests on the project's SQLite storage;
 * shared/ cannot import main/, so the storage arrives through this hook). Not imported by product
 * code. Storages keep their data per database name, so every test needs its own.
 */
declare global {
  // Any RxStorage fits; their internals types differ.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  var __ltcTestStorage: (() => RxStorage<any, any>) | undefined;
}

/** The storage the core's tests run on: the installed one, else RxDB's memory storage. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- as above
export function testStorage(): RxStorage<any, any> {
  return globalThis.__ltcTestStorage?.() ?? getRxStorageMemory();
}

let databases = 0;
export function uniqueDatabaseName(prefix = 'test'): string {
  databases += 1;
  return `${prefix}-${Date.now().toString(36)}-${databases}`;
}

export const REP = { id: 'user-wang', name: '王小明' };

/** A clock that only moves when told to, so times in assertions are exact. */
export function manualClock(start = Date.UTC(2026, 0, 5, 9, 0, 0)) {
  let time = start;
  return {
    now: () => time,
    advance(ms: number): number {
      time += ms;
      return time;
    },
  };
}

export function openTestCore(options: Partial<CrmCoreOptions> = {}): Promise<CrmCore> {
  return openCrmCore({
    storage: testStorage(),
    databaseName: uniqueDatabaseName(),
    currentUser: REP,
    devMode: true,
    ...options,
  });
}

export interface SalesFixture {
  core: CrmCore;
  clock: ReturnType<typeof manualClock>;
  /** 华为技术, with one contact. */
  account: Account;
  contact: Contact;
}

/** A core with a manual clock, one account and its contact; the clock then moves on by a second. */
export async function openSalesFixture(
  options: Partial<CrmCoreOptions> = {},
): Promise<SalesFixture> {
  const clock = manualClock();
  const core = await openTestCore({ now: clock.now, ...options });
  const account = await core.service.commands['accounts/create']({ name: '华为技术' });
  const contact = await core.service.commands['contacts/create']({
    accountId: account.id,
    name: '李雷',
  });
  clock.advance(1000);
  return { core, clock, account, contact };
}

/**
 * Records every result of a live query; `until` waits for the first result (already seen or
 * still to come) that satisfies a condition, so tests wait on behaviour, never on a sleep.
 */
export class LiveResults<Q extends QueryName> {
  readonly results: QueryResult<Q>[] = [];
  readonly errors: unknown[] = [];
  private waiters: {
    test: (r: QueryResult<Q>) => boolean;
    resolve: (r: QueryResult<Q>) => void;
  }[] = [];
  readonly unsubscribe: () => void;

  constructor(core: CrmCore, query: Q, args: Parameters<QueryHandlers[Q]>[0]) {
    // Sync's queries are optional on the core's service (a host adds them): unknown first.
    const handler = core.service.queries[
      query as keyof CrmCore['service']['queries']
    ] as unknown as (
      a: typeof args,
      onResult: (r: QueryResult<Q>) => void,
      onError: (e: unknown) => void,
    ) => () => void;
    this.unsubscribe = handler(
      args,
      (result) => {
        this.results.push(result);
        this.waiters = this.waiters.filter((w) => !(w.test(result) && (w.resolve(result), true)));
      },
      (error) => this.errors.push(error),
    );
  }

  get latest(): QueryResult<Q> | undefined {
    return this.results[this.results.length - 1];
  }

  until(test: (result: QueryResult<Q>) => boolean, timeoutMs = 2000): Promise<QueryResult<Q>> {
    const latest = this.latest;
    if (latest !== undefined && test(latest)) return Promise.resolve(latest);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error('no matching live result in time')),
        timeoutMs,
      );
      this.waiters.push({
        test,
        resolve: (r) => {
          clearTimeout(timer);
          resolve(r);
        },
      });
    });
  }
}

/**
 * A fresh core on a manual clock for every test of the file (registers the hooks): read
 * `fixture.core` and `fixture.clock` inside the tests.
 */
export function useTestCore(): { core: CrmCore; clock: ReturnType<typeof manualClock> } {
  const fixture = {} as { core: CrmCore; clock: ReturnType<typeof manualClock> };
  beforeEach(async () => {
    fixture.clock = manualClock();
    fixture.core = await openTestCore({ now: fixture.clock.now });
  });
  afterEach(() => fixture.core.close());
  return fixture;
}

/**
 * Inserts a document as if it had arrived from elsewhere (synced from a colleague, or left by an
 * interrupted write): the rulebook judges what the core writes, not what a test sets up.
 */
export async function insertUnjudged<C extends keyof LtcCollections>(
  database: LtcDatabase,
  collection: C,
  doc: Parameters<LtcCollections[C]['insert']>[0],
): Promise<void> {
  const id = String((doc as { id?: unknown }).id);
  const target = database[collection] as unknown as { insert(d: unknown): Promise<unknown> };
  await writeUnjudged(database, collection, [id], () => target.insert(doc));
}

/** A new lead of REP's written straight to its collection, as a sync pull or another tab does. */
export async function insertLeadUnjudged(
  database: LtcDatabase,
  company: string,
  more: Partial<Lead> = {},
): Promise<Lead> {
  const at = Date.UTC(2026, 0, 5);
  const lead: Lead = {
    id: newId(),
    createdAt: at,
    updatedAt: at,
    ownerId: REP.id,
    ownerName: REP.name,
    archived: false,
    stage: 'new',
    stageEnteredAt: at,
    company,
    ...more,
  };
  await insertUnjudged(database, 'leads', lead);
  return lead;
}
