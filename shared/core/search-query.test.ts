import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SearchHit } from '../api/search-contract';
import type { Lead } from '../domain/entities';
import type { CrmCore } from './index';
import {
  insertLeadUnjudged,
  LiveResults,
  openSalesFixture,
  type SalesFixture,
} from './test-support';

let core: CrmCore;
let fixture: SalesFixture;
beforeEach(async () => {
  fixture = await openSalesFixture();
  core = fixture.core;
});
afterEach(() => core.close());

const run = () => core.service.commands;
const brief = (hits: SearchHit[]) => hits.map((h) => `${h.kind}:${h.title}:${h.matchedBy.how}`);

const insertLead = (company: string, more: Partial<Lead> = {}) =>
  insertLeadUnjudged(core.database, company, more);

describe('search/quick', () => {
  it('finds accounts, contacts, leads and opportunities by pinyin, best first, with the record', async () => {
    const { account: huawei, contact: li } = fixture;
    const erp = await run()['opportunities/create']({
      title: '华为云迁移',
      accountId: huawei.id,
      contactId: li.id,
      amount: { minor: 50_000_000, currency: 'CNY' },
    });
    await run()['accounts/create']({ name: '中兴通讯' });
    await insertLead('海外华为代理商', { contactName: '韩梅梅', phone: '138-0013-8000' });
    await run()['contacts/create']({ accountId: huawei.id, name: '黄伟', phone: '13912345678' });

    const search = new LiveResults(core, 'search/quick', { text: 'hw' });
    const hits = await search.until((r) => r.length === 4);
    // All by initials from the first character: the shortest name first, a later match last.
    expect(brief(hits)).toEqual([
      'contact:黄伟:initials',
      'account:华为技术:initials',
      'opportunity:华为云迁移:initials',
      'lead:海外华为代理商:initials',
    ]);
    const opportunity = hits[2]!;
    expect(opportunity).toMatchObject({
      id: erp.id,
      subtitle: '华为技术',
      amount: { minor: 50_000_000, currency: 'CNY' },
      matchedBy: { field: 'title', text: '华为云迁移', range: [0, 2] },
    });
    expect(opportunity.kind === 'opportunity' && opportunity.record.contactName).toBe('李雷');
    expect(hits[0]).toMatchObject({ subtitle: '华为技术', record: { phone: '13912345678' } });
    search.unsubscribe();

    const byPhone = new LiveResults(core, 'search/quick', { text: '0013 8000' });
    expect(brief(await byPhone.until(() => true))).toEqual(['lead:海外华为代理商:substring']);
    byPhone.unsubscribe();
    const limited = new LiveResults(core, 'search/quick', { text: 'huawei', limit: 1 });
    expect(brief(await limited.until(() => true))).toEqual(['account:华为技术:pinyin']);
    limited.unsubscribe();
  });

  it('follows renames and archiving while it is open', async () => {
    const { account: huawei, clock } = fixture;
    const search = new LiveResults(core, 'search/quick', { text: 'zxtx' });
    expect(await search.until(() => true)).toEqual([]);

    await run()['accounts/update']({ id: huawei.id, patch: { name: '中兴通讯' } });
    let hits = await search.until((r) => r.length === 1);
    expect(brief(hits)).toEqual(['account:中兴通讯:initials']);

    const lily = await run()['contacts/create']({ accountId: huawei.id, name: '张晓婷' });
    const byName = new LiveResults(core, 'search/quick', { text: 'zxt' });
    hits = await byName.until((r) => r.length === 2);
    // The contact's subtitle is its account's current name.
    expect(hits.find((h) => h.id === lily.id)?.subtitle).toBe('中兴通讯');

    clock.advance(1000);
    await run()['contacts/archive']({ id: lily.id });
    await byName.until((r) => r.length === 1);
    await run()['accounts/archive']({ id: huawei.id });
    expect(await search.until((r) => r.length === 0)).toEqual([]);
    expect(await byName.until((r) => r.length === 0)).toEqual([]);
    expect([...search.errors, ...byName.errors]).toEqual([]);
    search.unsubscribe();
    byName.unsubscribe();
  });

  it('finds nothing for blank text', async () => {
    const blank = new LiveResults(core, 'search/quick', { text: '  ' });
    expect(await blank.until(() => true)).toEqual([]);
    blank.unsubscribe();
  });
});
