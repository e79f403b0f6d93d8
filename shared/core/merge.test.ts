import { describe, expect, it } from 'vitest';
import { CrmError } from '../api/errors';
import type { RecordBase } from '../domain/entities';
import { newId } from '../domain/ids';
import { insertUnjudged, openTestCore, REP, useTestCore } from './test-support';
import { writeUnjudged } from './rulebook';

const fixture = useTestCore();

const run = () => fixture.core.service.commands;
const db = () => fixture.core.database;

async function refusal(promise: Promise<unknown>): Promise<CrmError['data']> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(CrmError);
  return (error as CrmError).data;
}

const base = (): RecordBase => ({
  id: newId(),
  createdAt: fixture.clock.now(),
  updatedAt: fixture.clock.now(),
  ownerId: REP.id,
  ownerName: REP.name,
  archived: false,
});
const CNY = (minor: number) => ({ minor, currency: 'CNY' });
/** A raw write, as an interrupted merge (or another device) would have left it. */
async function patchDoc(name: 'leads' | 'accounts' | 'contacts', id: string, patch: object) {
  const doc = await db()[name].findOne(id).exec();
  await doc?.incrementalPatch(patch);
}

/** Two accounts for one firm, the source with a contact, a deal, a contract … pointing at it. */
async function duplicateAccounts() {
  const target = await run()['accounts/create']({
    name: '华为技术有限公司',
    phone: '0755-2878 0808',
  });
  const source = await run()['accounts/create']({
    name: 'Huawei Technologies Co., Ltd.',
    phone: '400-830-8300',
    website: 'https://www.huawei.com',
    industry: '通信设备',
  });
  const contact = await run()['contacts/create']({ accountId: source.id, name: '李雷' });
  const opportunity = await run()['opportunities/create']({
    title: '园区网络改造',
    accountId: source.id,
    contactId: contact.id,
  });
  const stamp = { stage: 'draft' as const, stageEnteredAt: fixture.clock.now() };
  const contract = {
    ...base(),
    title: '园区网络合同',
    accountId: source.id,
    amount: CNY(100),
    ...stamp,
  };
  await insertUnjudged(db(), 'contracts', contract);
  const delivery = {
    ...base(),
    title: '园区网络交付',
    contractId: contract.id,
    accountId: source.id,
    stage: 'planned' as const,
    stageEnteredAt: fixture.clock.now(),
  };
  await insertUnjudged(db(), 'deliveries', delivery);
  const invoice = {
    ...base(),
    number: 'INV-1',
    contractId: contract.id,
    accountId: source.id,
    stage: 'scheduled' as const,
    stageEnteredAt: fixture.clock.now(),
    amount: CNY(100),
    paid: CNY(0),
    dueOn: '2026-03-01',
  };
  await insertUnjudged(db(), 'invoices', invoice);
  const lead = await run()['leads/create']({ company: '华为' });
  await patchDoc('leads', lead.id, { convertedAccountId: source.id });
  const activity = await run()['activities/create']({
    kind: 'visit',
    subject: '拜访',
    recordType: 'account',
    recordId: source.id,
  });
  fixture.clock.advance(1000);
  return { target, source, contact, opportunity, contract, delivery, invoice, lead, activity };
}

describe('accounts/merge', () => {
  it('re-points every reference, fills the blanks, archives the source marked merged', async () => {
    const d = await duplicateAccounts();
    const preview = await run()['merge/preview']({
      kind: 'account',
      sourceId: d.source.id,
      targetId: d.target.id,
    });
    expect(preview.moves).toEqual({
      contacts: 1,
      leads: 1,
      opportunities: 1,
      contracts: 1,
      deliveries: 1,
      invoices: 1,
      activities: 1,
    });
    const result = await run()['accounts/merge']({ sourceId: d.source.id, targetId: d.target.id });
    expect(result.moves).toEqual(preview.moves);
    expect(result.fills).toEqual(preview.fills);
    // The target keeps its name and phone, and takes the website and industry it lacked.
    expect(result.target).toMatchObject({
      name: '华为技术有限公司',
      phone: '0755-2878 0808',
      website: 'https://www.huawei.com',
      industry: '通信设备',
      archived: false,
    });
    expect(preview.kept).toEqual([
      { field: 'phone', kept: '0755-2878 0808', dropped: '400-830-8300' },
    ]);
    expect(result.source).toMatchObject({ archived: true, mergedInto: d.target.id });
    const read = async (name: 'contacts' | 'opportunities' | 'contracts', id: string) =>
      (await db()[name].findOne(id).exec())?.toJSON();
    expect((await read('contacts', d.contact.id))?.accountId).toBe(d.target.id);
    expect((await read('opportunities', d.opportunity.id))?.accountId).toBe(d.target.id);
    expect((await read('contracts', d.contract.id))?.accountId).toBe(d.target.id);
    expect((await db().deliveries.findOne(d.delivery.id).exec())?.accountId).toBe(d.target.id);
    expect((await db().invoices.findOne(d.invoice.id).exec())?.accountId).toBe(d.target.id);
    expect((await db().leads.findOne(d.lead.id).exec())?.convertedAccountId).toBe(d.target.id);
    expect((await db().activities.findOne(d.activity.id).exec())?.recordId).toBe(d.target.id);
    // The trail the target's dialog shows.
    const trail = await run()['merge/mergedInto']({ kind: 'account', targetId: d.target.id });
    expect(trail.map((m) => m.record.id)).toEqual([d.source.id]);

    // The merged duplicate refuses edits, saying where they belong, and stays as it was.
    const edit = run()['accounts/update']({ id: d.source.id, patch: { phone: '010-1234 5678' } });
    await expect(edit).rejects.toMatchObject({
      data: { type: 'Merged', entity: 'account', id: d.source.id, mergedInto: d.target.id },
    });
    expect((await db().accounts.findOne(d.source.id).exec())?.toJSON()).toEqual(result.source);
  });

  it('is finished by running it again after an interruption, and a rerun changes nothing', async () => {
    const d = await duplicateAccounts();
    // Interrupted after step 2 and part of step 4: stamped, one reference moved, not archived.
    await patchDoc('accounts', d.source.id, { mergedInto: d.target.id });
    await patchDoc('contacts', d.contact.id, { accountId: d.target.id });

    const finished = await run()['accounts/merge']({
      sourceId: d.source.id,
      targetId: d.target.id,
    });
    expect(finished.moves).toEqual({
      leads: 1,
      opportunities: 1,
      contracts: 1,
      deliveries: 1,
      invoices: 1,
      activities: 1,
    });
    expect(finished.source).toMatchObject({ archived: true, mergedInto: d.target.id });

    fixture.clock.advance(1000);
    const again = await run()['accounts/merge']({ sourceId: d.source.id, targetId: d.target.id });
    expect(again.moves).toEqual({});
    expect(again.fills).toEqual([]);
    expect(again.target).toEqual(finished.target);
    expect(again.source).toEqual(finished.source);
  });

  it('refuses a record into itself, into an archived or merged one, and writes nothing', async () => {
    const d = await duplicateAccounts();
    const self = await refusal(
      run()['accounts/merge']({ sourceId: d.source.id, targetId: d.source.id }),
    );
    expect(self).toMatchObject({
      type: 'ValidationError',
      fields: [{ field: 'targetId', code: 'invalid' }],
      message: expect.stringContaining('itself'),
    });
    const archived = await run()['accounts/create']({ name: '华为终端' });
    await run()['accounts/archive']({ id: archived.id });
    const intoArchived = await refusal(
      run()['accounts/merge']({ sourceId: d.source.id, targetId: archived.id }),
    );
    expect(intoArchived).toMatchObject({
      type: 'ValidationError',
      fields: [{ field: 'targetId', code: 'notFound' }],
      message: expect.stringContaining('archived'),
    });
    const missing = await refusal(
      run()['accounts/merge']({ sourceId: d.source.id, targetId: newId() }),
    );
    expect(missing).toMatchObject({ type: 'NotFound', entity: 'account' });
    // Nothing moved, nothing stamped.
    expect((await db().accounts.findOne(d.source.id).exec())?.toJSON()).toEqual(d.source);
    expect((await db().contacts.findOne(d.contact.id).exec())?.accountId).toBe(d.source.id);

    // A source already merged elsewhere cannot be merged again somewhere else.
    await run()['accounts/merge']({ sourceId: d.source.id, targetId: d.target.id });
    const third = await run()['accounts/create']({ name: '华为（深圳）' });
    const elsewhere = await refusal(
      run()['accounts/merge']({ sourceId: d.source.id, targetId: third.id }),
    );
    expect(elsewhere).toMatchObject({ fields: [{ field: 'sourceId', code: 'notFound' }] });
    const intoMerged = await refusal(
      run()['accounts/merge']({ sourceId: third.id, targetId: d.source.id }),
    );
    expect(intoMerged).toMatchObject({ fields: [{ field: 'targetId', code: 'notFound' }] });
  });
});

describe('contacts/merge', () => {
  it('moves deals, contracts and activities to the target and fills its blanks', async () => {
    const account = await run()['accounts/create']({ name: '苏州精工' });
    const target = await run()['contacts/create']({
      accountId: account.id,
      name: '陈静',
      phone: '13912345678',
    });
    const source = await run()['contacts/create']({
      accountId: account.id,
      name: '陈 静',
      title: '采购经理',
      email: 'chen.jing@sz-jinggong.cn',
    });
    const deal = await run()['opportunities/create']({
      title: '数控机床',
      accountId: account.id,
      contactId: source.id,
    });
    const contract = {
      ...base(),
      title: '数控机床合同',
      accountId: account.id,
      contactId: source.id,
      stage: 'draft' as const,
      stageEnteredAt: fixture.clock.now(),
      amount: CNY(5),
    };
    await insertUnjudged(db(), 'contracts', contract);
    const call = await run()['activities/create']({
      kind: 'call',
      subject: '电话',
      recordType: 'contact',
      recordId: source.id,
    });
    fixture.clock.advance(1000);

    const result = await run()['contacts/merge']({ sourceId: source.id, targetId: target.id });
    expect(result.target).toMatchObject({
      name: '陈静',
      phone: '13912345678',
      title: '采购经理',
      email: 'chen.jing@sz-jinggong.cn',
      updatedAt: fixture.clock.now(),
    });
    expect(result.moves).toEqual({ opportunities: 1, contracts: 1, activities: 1 });
    expect((await db().opportunities.findOne(deal.id).exec())?.contactId).toBe(target.id);
    expect((await db().contracts.findOne(contract.id).exec())?.contactId).toBe(target.id);
    expect((await db().activities.findOne(call.id).exec())?.recordId).toBe(target.id);
    expect(result.source).toMatchObject({ archived: true, mergedInto: target.id });
    const again = await run()['contacts/merge']({ sourceId: source.id, targetId: target.id });
    expect(again.moves).toEqual({});
  });

  it('refuses contacts of different accounts (their deals would point across firms)', async () => {
    const a = await run()['accounts/create']({ name: '甲公司' });
    const b = await run()['accounts/create']({ name: '乙公司' });
    const one = await run()['contacts/create']({
      accountId: a.id,
      name: '王伟',
      phone: '13800138000',
    });
    const two = await run()['contacts/create']({
      accountId: b.id,
      name: '王伟',
      phone: '13800138000',
    });
    const error = await refusal(run()['contacts/merge']({ sourceId: one.id, targetId: two.id }));
    expect(error).toMatchObject({ fields: [{ field: 'accountId', code: 'invalid' }] });
    expect((await db().contacts.findOne(one.id).exec())?.mergedInto).toBeUndefined();
  });
});

describe('leads/merge', () => {
  it('fills the target lead, moves activities, archives the source; refuses itself', async () => {
    const target = await run()['leads/create']({
      company: '杭州云帆科技',
      phone: '0571-8888 1234',
    });
    const source = await run()['leads/create']({
      company: '杭州云帆科技有限公司',
      contactName: '周敏',
      email: 'zhou.min@yunfan.cn',
      source: '展会',
    });
    await run()['leads/score']({
      id: source.id,
      scorecard: { budget: 'yes', authority: 'no', need: 'yes', timeline: 'partly' },
    });
    const task = await run()['activities/create']({
      kind: 'task',
      subject: '发资料',
      recordType: 'lead',
      recordId: source.id,
    });
    fixture.clock.advance(1000);
    const result = await run()['leads/merge']({ sourceId: source.id, targetId: target.id });
    expect(result.target).toMatchObject({
      company: '杭州云帆科技',
      phone: '0571-8888 1234',
      contactName: '周敏',
      email: 'zhou.min@yunfan.cn',
      source: '展会',
      scorecard: { budget: 'yes', authority: 'no', need: 'yes', timeline: 'partly' },
    });
    expect(result.source).toMatchObject({ archived: true, mergedInto: target.id });
    expect((await db().activities.findOne(task.id).exec())?.recordId).toBe(target.id);
    const self = await refusal(run()['leads/merge']({ sourceId: target.id, targetId: target.id }));
    expect(self).toMatchObject({ fields: [{ field: 'targetId', code: 'invalid' }] });
    // The merged lead has left the board.
    const board = await new Promise<string[]>((resolve) => {
      const stop = fixture.core.service.queries['board/leads'](
        {},
        (b) => {
          resolve(b.columns.flatMap((c) => c.cards.map((card) => card.id)));
          setTimeout(() => stop());
        },
        () => undefined,
      );
    });
    expect(board).toEqual([target.id]);
  });
});

describe('fillBlanks (Merge from a create dialog)', () => {
  it('writes what was typed into the blanks only, and refuses an archived record', async () => {
    const account = await run()['accounts/create']({ name: '华为技术', phone: '0755-1' });
    const filled = await run()['accounts/fillBlanks']({
      id: account.id,
      values: { phone: '0755-2', website: 'huawei.com', address: '' },
    });
    expect(filled.fills).toEqual([{ field: 'website', value: 'huawei.com' }]);
    expect(filled.target).toMatchObject({ phone: '0755-1', website: 'huawei.com' });
    expect(filled.target).not.toHaveProperty('address');
    await run()['accounts/archive']({ id: account.id });
    const error = await refusal(
      run()['accounts/fillBlanks']({ id: account.id, values: { industry: '通信' } }),
    );
    expect(error).toMatchObject({ fields: [{ field: 'id', code: 'notFound' }] });
  });
});

describe('duplicate look-ups for the account and contact dialogs', () => {
  it('finds accounts by normalised name or phone, contacts by phone, email or name in the account', async () => {
    const huawei = await run()['accounts/create']({
      name: '华为技术有限公司',
      phone: '0755-28780808',
    });
    await run()['accounts/create']({ name: '中兴通讯' });
    const byName = await run()['accounts/findDuplicates']({ name: 'ＨＵＡＷＥＩ' });
    expect(byName).toEqual([]);
    const found = await run()['accounts/findDuplicates']({ name: ' 华为技术 ' });
    expect(found.map((d) => [d.record.id, d.matchedOn])).toEqual([[huawei.id, ['name']]]);
    const byPhone = await run()['accounts/findDuplicates']({ phone: '0755 2878 0808' });
    expect(byPhone.map((d) => d.matchedOn)).toEqual([['phone']]);
    expect(
      await run()['accounts/findDuplicates']({ name: '华为技术', excludeId: huawei.id }),
    ).toEqual([]);

    const li = await run()['contacts/create']({
      accountId: huawei.id,
      name: '李雷',
      email: 'li@huawei.com',
    });
    const sameName = await run()['contacts/findDuplicates']({
      accountId: huawei.id,
      name: '李 雷',
    });
    expect(sameName).toEqual([
      { kind: 'contact', record: li, accountName: huawei.name, matchedOn: ['name'] },
    ]);
    const other = await run()['accounts/create']({ name: '小米' });
    expect(await run()['contacts/findDuplicates']({ accountId: other.id, name: '李雷' })).toEqual(
      [],
    );
    const byEmail = await run()['contacts/findDuplicates']({ email: 'LI@huawei.com' });
    expect(byEmail.map((d) => d.matchedOn)).toEqual([['email']]);
  });
});

describe('who may merge', () => {
  it("refuses a rep a merge that would change a colleague's deal, before writing anything", async () => {
    await fixture.core.close();
    fixture.core = await openTestCore({
      now: fixture.clock.now,
      currentUser: { ...REP, role: 'rep' },
    });
    const target = await run()['accounts/create']({ name: '华为技术' });
    const source = await run()['accounts/create']({ name: '华为技术有限公司', industry: '通信' });
    const colleagues = {
      ...base(),
      ownerId: 'user-li',
      ownerName: '李娜',
      title: '华为园区',
      accountId: source.id,
      pipelineId: 'default',
      stage: 'qualify' as const,
      stageEnteredAt: fixture.clock.now(),
      stageOrder: 0,
      probability: 10,
    };
    await insertUnjudged(db(), 'opportunities', colleagues);
    const error = await refusal(
      run()['accounts/merge']({ sourceId: source.id, targetId: target.id }),
    );
    expect(error).toMatchObject({
      fields: [{ field: 'ownerId', code: 'invalid' }],
      message: expect.stringContaining(colleagues.id),
    });
    expect((await db().accounts.findOne(source.id).exec())?.toJSON()).toEqual(source);
    expect((await db().accounts.findOne(target.id).exec())?.toJSON()).toEqual(target);
    // Their own records alone, a rep merges.
    // The colleague's deal goes (as if they archived it elsewhere and it synced away).
    const colleaguesDoc = await db().opportunities.findOne(colleagues.id).exec();
    await writeUnjudged(db(), 'opportunities', [colleagues.id], async () =>
      colleaguesDoc?.remove(),
    );
    const merged = await run()['accounts/merge']({ sourceId: source.id, targetId: target.id });
    expect(merged.source.mergedInto).toBe(target.id);
  });
});
