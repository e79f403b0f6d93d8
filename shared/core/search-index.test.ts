import { afterEach, describe, expect, it, vi } from 'vitest';
import type { SearchHit } from '../api/search-contract';
import type { Lead } from '../domain/entities';
import { newId } from '../domain/ids';
import type { CrmCore } from './index';
import { searchIndexOf, WARM_UP_QUERIES } from './search-index';
import {
  insertLeadUnjudged,
  LiveResults,
  openSalesFixture,
  type SalesFixture,
} from './test-support';

/**
 * The quick search's index (issue 19): built in the background once the core opens, kept up to
 * date on every write, and never answering from half an index. Runs on memory and on SQLite files
 * (the 'core-sqlite' project).
 */
let core: CrmCore;
let fixture: SalesFixture;
/** The build starts only when a search asks, unless a test says otherwise. */
async function open(searchIndexStartMs = 60_000): Promise<void> {
  fixture = await openSalesFixture({ searchIndexStartMs });
  core = fixture.core;
}
afterEach(() => core.close());

const run = () => core.service.commands;
const brief = (hits: SearchHit[]) => hits.map((h) => `${h.kind}:${h.title}:${h.matchedBy.how}`);

/** One keystroke: the first result of a fresh search, closed after, as the app bar does. */
async function keystroke(text: string): Promise<string[]> {
  const search = new LiveResults(core, 'search/quick', { text });
  const hits = await search.until(() => true);
  search.unsubscribe();
  expect(search.errors).toEqual([]);
  return brief(hits);
}

/** Accounts straight into the collection: more than one page of the build (100). */
async function manyAccounts(prefix: string, count: number) {
  const accounts = Array.from({ length: count }, (_, i) => ({
    ...fixture.account,
    id: newId(),
    name: `${prefix}${i}`,
  }));
  await core.database.accounts.bulkInsert(accounts);
  return accounts;
}

const insertLead = (company: string, more: Partial<Lead> = {}) =>
  insertLeadUnjudged(core.database, company, more);

describe('search/quick: the index built in the background and kept up to date', () => {
  it('builds the index without being asked', async () => {
    await open(50);
    const index = searchIndexOf(core.database);
    await vi.waitFor(() => expect(index.isReady).toBe(true), { timeout: 5_000, interval: 20 });
    expect(await keystroke('huawei')).toEqual(['account:华为技术:pinyin']);
  });

  it('builds in slices of one page, letting other work run between them', async () => {
    await open();
    await manyAccounts('测试客户', 450);
    let ticks = 0;
    const ticker = setInterval(() => (ticks += 1), 0);
    const index = searchIndexOf(core.database);
    await index.ready();
    clearInterval(ticker);
    // 451 accounts in pages of 200 (3), one page each of contacts, leads and deals, then the
    // warm-up searches, one a slice.
    expect(index.buildStats.slices).toBe(6 + WARM_UP_QUERIES.length);
    expect(ticks).toBeGreaterThanOrEqual(3);
    expect(await keystroke('csk')).toHaveLength(20);
  });

  it('answers a search asked while it builds with every record, and with writes made meanwhile', async () => {
    await open();
    const many = await manyAccounts('长城客户', 450);
    const index = searchIndexOf(core.database);
    const asked = new LiveResults(core, 'search/quick', { text: 'ccke', limit: 50 });
    expect(index.isReady).toBe(false);
    // Once the first page of accounts is read (华为技术, the oldest id, and the first 长城客户),
    // change records on it: only the change streams can tell the index.
    await vi.waitFor(() => expect(index.buildStats.slices).toBeGreaterThan(0), { interval: 1 });
    expect(index.isReady).toBe(false);
    await run()['accounts/update']({ id: fixture.account.id, patch: { name: '中兴通讯' } });
    await (await core.database.accounts.findOne(many[0]!.id).exec())!.remove();
    await run()['accounts/create']({ name: '长城新客户' });
    const hits = await asked.until((r) => r.length === 50);
    expect(hits.every((h) => h.title.startsWith('长城'))).toBe(true);
    expect(hits.some((h) => h.id === many[0]!.id)).toBe(false);
    expect(await keystroke('zxtx')).toEqual(['account:中兴通讯:initials']);
    expect(await keystroke('hwjs')).toEqual([]);
    expect(await keystroke('chengxin')).toEqual(['account:长城新客户:pinyin']);
    expect(await keystroke('长城客户0')).toEqual([]);
    expect(await keystroke('长城客户1')).toContain('account:长城客户1:exact');
    expect(index.isReady).toBe(true);
    asked.unsubscribe();
  });

  it('finds a record made after the build, by its new name once renamed, and not once deleted', async () => {
    await open();
    expect(await keystroke('zxtx')).toEqual([]);
    expect(searchIndexOf(core.database).isReady).toBe(true);

    const zte = await run()['accounts/create']({ name: '中兴通讯', phone: '0755-2677 9999' });
    expect(await keystroke('zxtx')).toEqual(['account:中兴通讯:initials']);
    expect(await keystroke('26779999')).toEqual(['account:中兴通讯:substring']);

    fixture.clock.advance(1000);
    await run()['accounts/update']({ id: zte.id, patch: { name: '比亚迪' } });
    expect(await keystroke('zxtx')).toEqual([]);
    expect(await keystroke('byd')).toEqual(['account:比亚迪:initials']);
    // A contact's subtitle follows its account's new name without the contact being written.
    expect(await keystroke('lilei')).toEqual(['contact:李雷:pinyin']);
    await run()['accounts/update']({ id: fixture.account.id, patch: { name: '腾讯' } });
    const search = new LiveResults(core, 'search/quick', { text: 'lilei' });
    expect((await search.until(() => true))[0]?.subtitle).toBe('腾讯');
    search.unsubscribe();

    // Deleted as sync deletes a record a colleague removed (not archived: gone).
    const doc = await core.database.accounts.findOne(zte.id).exec();
    await doc!.remove();
    expect(await keystroke('byd')).toEqual([]);
  });

  it('ranks records of one name by id, whichever was written first', async () => {
    await open();
    // The build reads pages in written order: the order of equals must not follow it.
    const ids = [newId(), newId(), newId()].sort();
    const names = { ...fixture.account, name: '同名客户' };
    await core.database.accounts.bulkInsert([ids[2], ids[0]].map((id) => ({ ...names, id: id! })));
    const search = new LiveResults(core, 'search/quick', { text: '同名客户' });
    expect((await search.until((r) => r.length === 2)).map((h) => h.id)).toEqual([ids[0], ids[2]]);
    await core.database.accounts.insert({ ...names, id: ids[1]! });
    const hits = await search.until((r) => r.length === 3);
    expect(hits.map((h) => h.id)).toEqual(ids);
    search.unsubscribe();
  });

  it('finds records written by another path than the commands (sync pulls, other tabs)', async () => {
    await open();
    expect(await keystroke('hwdl')).toEqual([]);
    await insertLead('海外华为代理商', { contactName: '韩梅梅' });
    expect(await keystroke('hwdl')).toEqual(['lead:海外华为代理商:initials']);
    expect(await keystroke('hmm')).toEqual(['lead:海外华为代理商:initials']);
  });
});
