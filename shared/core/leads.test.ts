import { describe, expect, it } from 'vitest';
import { CrmError } from '../api/errors';
import type { Lead } from '../domain/entities';
import { newId } from '../domain/ids';
import { insertUnjudged, LiveResults, REP, useTestCore } from './test-support';

const fixture = useTestCore();

const run = () => fixture.core.service.commands;
const eventsOf = async (recordId: string) =>
  (
    await fixture.core.database.stageevents
      .find({ selector: { recordId }, sort: [{ at: 'asc' }] })
      .exec()
  ).map((e) => e.toJSON());
const storedLead = async (id: string) =>
  (await fixture.core.database.leads.findOne(id).exec())?.toJSON();

async function refusal(promise: Promise<unknown>): Promise<CrmError['data']> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(CrmError);
  return (error as CrmError).data;
}

const HOT = { budget: 'yes', authority: 'yes', need: 'yes', timeline: 'partly' } as const;

/** A lead captured, scored hot and moved to Qualified. */
async function qualifiedLead(fields: Partial<Lead> = {}): Promise<Lead> {
  const lead = await run()['leads/create']({
    company: '苏州精工机械有限公司',
    contactName: '陈静',
    phone: '+86 139 1234 5678',
    email: 'chen.jing@sz-jinggong.cn',
    source: '展会',
    ...fields,
  });
  fixture.clock.advance(1000);
  await run()['leads/score']({ id: lead.id, scorecard: HOT });
  fixture.clock.advance(1000);
  return run()['leads/move']({ id: lead.id, to: 'qualified' });
}

describe('leads/create', () => {
  it('creates the lead in New with a creation stage event, company alone is enough', async () => {
    const lead = await run()['leads/create']({ company: '杭州云帆科技', phone: '' });
    expect(lead).toMatchObject({ stage: 'new', company: '杭州云帆科技', ownerId: REP.id });
    expect(lead).not.toHaveProperty('phone');
    expect(await eventsOf(lead.id)).toEqual([
      expect.objectContaining({ phase: 'lead', to: 'new', at: lead.stageEnteredAt }),
    ]);
  });

  it('refuses a lead without a company and writes nothing', async () => {
    const data = await refusal(run()['leads/create']({ company: '' }));
    expect(data).toMatchObject({ type: 'ValidationError' });
    expect(await fixture.core.database.leads.count().exec()).toBe(0);
  });
});

describe('leads/move', () => {
  it('follows the lead transition rules and records every move', async () => {
    const lead = await run()['leads/create']({ company: 'A 公司' });
    fixture.clock.advance(1000);
    const contacted = await run()['leads/move']({ id: lead.id, to: 'contacted' });
    expect(contacted.stage).toBe('contacted');
    // Converted is the system's: only conversion puts a lead there.
    expect(await refusal(run()['leads/move']({ id: lead.id, to: 'converted' }))).toMatchObject({
      type: 'TransitionNotAllowed',
      reason: 'systemOnly',
    });
    expect((await eventsOf(lead.id)).map((e) => [e.from, e.to])).toEqual([
      [undefined, 'new'],
      ['new', 'contacted'],
    ]);
  });

  it('needs a reason to disqualify: the lead stays put and the field is named', async () => {
    const lead = await run()['leads/create']({ company: 'B 公司' });
    const data = await refusal(
      run()['leads/move']({ id: lead.id, to: 'disqualified', disqualifiedReason: '  ' }),
    );
    expect(data).toEqual(
      expect.objectContaining({
        type: 'ValidationError',
        fields: [{ field: 'disqualifiedReason', code: 'required' }],
      }),
    );
    expect((await storedLead(lead.id))?.stage).toBe('new');
    expect(await eventsOf(lead.id)).toHaveLength(1);
  });

  it('saves the reason on the lead and the event; reopening to New clears it', async () => {
    const lead = await run()['leads/create']({ company: 'C 公司' });
    fixture.clock.advance(1000);
    const out = await run()['leads/move']({
      id: lead.id,
      to: 'disqualified',
      disqualifiedReason: '没有预算',
    });
    expect(out).toMatchObject({ stage: 'disqualified', disqualifiedReason: '没有预算' });
    expect((await eventsOf(lead.id)).at(-1)).toMatchObject({
      to: 'disqualified',
      reason: '没有预算',
    });
    // A disqualified lead only reopens into New.
    expect(await refusal(run()['leads/move']({ id: lead.id, to: 'qualified' }))).toMatchObject({
      reason: 'fromTerminal',
    });
    const reopened = await run()['leads/move']({ id: lead.id, to: 'new' });
    expect(reopened.stage).toBe('new');
    expect(reopened).not.toHaveProperty('disqualifiedReason');
  });
});

describe('leads/score', () => {
  it('stores the scorecard without moving the lead, and the board shows score and grade', async () => {
    const live = new LiveResults(fixture.core, 'board/leads', {});
    const lead = await run()['leads/create']({ company: 'D 公司' });
    const scored = await run()['leads/score']({ id: lead.id, scorecard: HOT });
    expect(scored).toMatchObject({ stage: 'new', scorecard: HOT });
    const board = await live.until((b) => b.columns[0]?.cards[0]?.grade !== undefined);
    expect(board.columns.map((c) => c.stage)).toEqual([
      'new',
      'contacted',
      'qualified',
      'converted',
      'disqualified',
    ]);
    expect(board.columns[0]).toMatchObject({
      count: 1,
      cards: [{ id: lead.id, score: 7, grade: 'hot' }],
    });
    live.unsubscribe();
  });
});

describe('leads/convert', () => {
  it('creates account, contact and opportunity from the lead, linked both ways, with stage events', async () => {
    const lead = await qualifiedLead();
    const at = fixture.clock.advance(60_000);
    const result = await run()['leads/convert']({
      id: lead.id,
      opportunityTitle: '五轴加工中心',
      amount: { minor: 880_000_00, currency: 'CNY' },
    });
    const { account, contact, opportunity } = result;
    expect(account).toMatchObject({ name: '苏州精工机械有限公司', phone: '+86 139 1234 5678' });
    expect(contact).toMatchObject({
      accountId: account.id,
      name: '陈静',
      phone: '+86 139 1234 5678',
      email: 'chen.jing@sz-jinggong.cn',
    });
    expect(opportunity).toMatchObject({
      title: '五轴加工中心',
      accountId: account.id,
      contactId: contact?.id,
      stage: 'qualify',
      amount: { minor: 880_000_00, currency: 'CNY' },
      stageEnteredAt: at,
    });
    expect(result.lead).toMatchObject({
      stage: 'converted',
      stageEnteredAt: at,
      convertedAccountId: account.id,
      convertedContactId: contact?.id,
      convertedOpportunityId: opportunity.id,
    });
    expect(await storedLead(lead.id)).toEqual(result.lead);
    expect((await fixture.core.database.accounts.findOne(account.id).exec())?.toJSON()).toEqual(
      account,
    );
    expect(
      (await fixture.core.database.opportunities.findOne(opportunity.id).exec())?.toJSON(),
    ).toEqual(opportunity);
    expect((await eventsOf(lead.id)).at(-1)).toMatchObject({
      phase: 'lead',
      from: 'qualified',
      to: 'converted',
      at,
    });
    expect(await eventsOf(opportunity.id)).toEqual([
      expect.objectContaining({ phase: 'opportunity', to: 'qualify', at, by: REP.id }),
    ]);
  });

  it('names the opportunity after the company and makes no contact when the lead names nobody', async () => {
    const lead = await qualifiedLead({ contactName: undefined, company: '无锡华光电子' });
    const { contact, opportunity, lead: converted } = await run()['leads/convert']({ id: lead.id });
    expect(contact).toBeUndefined();
    expect(opportunity.title).toBe('无锡华光电子');
    expect(opportunity).not.toHaveProperty('contactId');
    expect(converted).not.toHaveProperty('convertedContactId');
  });

  it('links to an existing account when asked, creating no second one', async () => {
    const existing = await run()['accounts/create']({ name: '苏州精工机械' });
    const lead = await qualifiedLead();
    const { account, contact } = await run()['leads/convert']({
      id: lead.id,
      accountId: existing.id,
    });
    expect(account).toEqual(existing);
    expect(contact?.accountId).toBe(existing.id);
    expect(await fixture.core.database.accounts.count().exec()).toBe(1);
  });

  it('converts only a Qualified lead, and a refused conversion writes nothing', async () => {
    const lead = await run()['leads/create']({ company: 'E 公司', contactName: '赵六' });
    expect(await refusal(run()['leads/convert']({ id: lead.id }))).toMatchObject({
      type: 'TransitionNotAllowed',
      from: 'new',
      to: 'converted',
    });
    const bad = await qualifiedLead();
    expect(await refusal(run()['leads/convert']({ id: bad.id, accountId: newId() }))).toMatchObject(
      { type: 'ValidationError', fields: [{ field: 'accountId', code: 'notFound' }] },
    );
    expect(await fixture.core.database.accounts.count().exec()).toBe(0);
    expect(await fixture.core.database.contacts.count().exec()).toBe(0);
    expect(await fixture.core.database.opportunities.count().exec()).toBe(0);
    expect(await storedLead(bad.id)).toEqual(bad);
    // Converted is terminal: a second conversion is refused.
    await run()['leads/convert']({ id: bad.id });
    expect(await refusal(run()['leads/convert']({ id: bad.id }))).toMatchObject({
      reason: 'fromTerminal',
    });
    expect(await fixture.core.database.opportunities.count().exec()).toBe(1);
  });

  it('undoes what it wrote when a write fails midway, leaving the lead as it was', async () => {
    const lead = await qualifiedLead();
    const before = await eventsOf(lead.id);
    const opportunities = fixture.core.database.opportunities;
    const insert = opportunities.insert.bind(opportunities);
    // The storage refuses the opportunity after the account and contact were written.
    opportunities.insert = () => Promise.reject(new Error('disk full'));
    try {
      await expect(run()['leads/convert']({ id: lead.id })).rejects.toThrow('disk full');
    } finally {
      opportunities.insert = insert;
    }
    expect(await fixture.core.database.accounts.count().exec()).toBe(0);
    expect(await fixture.core.database.contacts.count().exec()).toBe(0);
    expect(await storedLead(lead.id)).toMatchObject({ stage: 'qualified' });
    expect(await storedLead(lead.id)).not.toHaveProperty('convertedAccountId');
    expect(await eventsOf(lead.id)).toEqual(before);
    expect(
      await fixture.core.database.stageevents.find({ selector: { phase: 'opportunity' } }).exec(),
    ).toEqual([]);
    // And converting again then succeeds in full.
    const { opportunity } = await run()['leads/convert']({ id: lead.id });
    expect(await fixture.core.database.accounts.count().exec()).toBe(1);
    expect(opportunity.accountId).toBe((await storedLead(lead.id))?.convertedAccountId);
  });

  it('finishes a conversion a crash interrupted, reusing what was already written', async () => {
    const lead = await qualifiedLead();
    // The state a crash after step 3's account insert leaves: stamped lead, the account only.
    const accountId = newId();
    const opportunityId = newId();
    await insertUnjudged(fixture.core.database, 'accounts', {
      ...{ id: accountId, createdAt: 1, updatedAt: 1, ownerId: REP.id, ownerName: REP.name },
      archived: false,
      name: lead.company,
    });
    const doc = await fixture.core.database.leads.findOne(lead.id).exec();
    await doc!.incrementalPatch({
      convertedAccountId: accountId,
      convertedOpportunityId: opportunityId,
    });

    const { account, opportunity, contact } = await run()['leads/convert']({ id: lead.id });
    expect(account.id).toBe(accountId);
    expect(opportunity.id).toBe(opportunityId);
    expect(contact?.accountId).toBe(accountId);
    expect(await fixture.core.database.accounts.count().exec()).toBe(1);
    expect(await fixture.core.database.opportunities.count().exec()).toBe(1);
    expect((await storedLead(lead.id))?.stage).toBe('converted');
  });
});

describe('leads/findDuplicates', () => {
  it('finds leads, accounts and contacts by normalised company, phone digits and email', async () => {
    const lead = await run()['leads/create']({
      company: '华为技术有限公司',
      phone: '138-0013-8000',
    });
    const account = await run()['accounts/create']({ name: 'Huawei Technologies Co., Ltd.' });
    const contact = await run()['contacts/create']({
      accountId: account.id,
      name: '李雷',
      email: 'Li.Lei@Huawei.com',
    });
    await run()['leads/create']({ company: '中兴通讯' });

    const byName = await run()['leads/findDuplicates']({ company: ' 华为技术 ' });
    expect(byName.map((d) => [d.kind, d.record.id, d.matchedOn])).toEqual([
      ['lead', lead.id, ['company']],
    ]);
    const byLatinName = await run()['leads/findDuplicates']({ company: 'HUAWEI technologies ltd' });
    expect(byLatinName.map((d) => [d.kind, d.record.id])).toEqual([['account', account.id]]);
    const byPhone = await run()['leads/findDuplicates']({ phone: '+86 13800138000' });
    expect(byPhone.map((d) => [d.kind, d.matchedOn])).toEqual([['lead', ['phone']]]);
    const byEmail = await run()['leads/findDuplicates']({ email: 'li.lei@huawei.com' });
    expect(byEmail).toEqual([
      { kind: 'contact', record: contact, accountName: account.name, matchedOn: ['email'] },
    ]);
    // The lead being edited is no duplicate of itself; nothing to compare finds nothing.
    expect(
      await run()['leads/findDuplicates']({ company: '华为技术', excludeId: lead.id }),
    ).toEqual([]);
    expect(await run()['leads/findDuplicates']({})).toEqual([]);
    expect(await run()['leads/findDuplicates']({ company: '阿里巴巴' })).toEqual([]);
  });
});
