import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createCrmClient } from '../api/client';
import { createDispatcher } from '../api/dispatcher';
import { CrmError, type CrmErrorData } from '../api/errors';
import type { Account, Contact } from '../domain/entities';
import { newId } from '../domain/ids';
import type { CrmCore } from './index';
import { LiveResults, openSalesFixture, REP, type SalesFixture } from './test-support';

let core: CrmCore;
let clock: SalesFixture['clock'];
let account: Account;
let contact: Contact;
beforeEach(async () => {
  ({ core, clock, account, contact } = await openSalesFixture());
});
afterEach(() => core.close());

const run = () => core.service.commands;
const HOUR = 60 * 60 * 1000;
/**
 * 6 January 2026 in Beijing (UTC+8), the day after the fixture's clock: the renderer passes the
 * local day as [start, end), so midnight there is 16:00 UTC the day before.
 */
const DAY = { dayStart: Date.UTC(2026, 0, 5, 16), dayEnd: Date.UTC(2026, 0, 6, 16) };

/** The error a call through the real dispatcher (as the bridge validates) rejects with. */
async function refusal(call: Promise<unknown>): Promise<CrmErrorData> {
  try {
    await call;
  } catch (error) {
    if (error instanceof CrmError) return error.data;
    throw error;
  }
  throw new Error('the call was not refused');
}

const visit = (fields: { subject: string; dueAt?: number; done?: boolean }) =>
  run()['activities/create']({
    kind: 'visit',
    recordType: 'account',
    recordId: account.id,
    ...fields,
  });

describe('activities/create, update, complete', () => {
  it('logs a visit on an account, owned by the current user, not done', async () => {
    const dueAt = DAY.dayStart + 10 * HOUR;
    const created = await visit({ subject: '拜访采购部', dueAt });
    expect(created).toEqual({
      id: expect.any(String),
      createdAt: clock.now(),
      updatedAt: clock.now(),
      ownerId: REP.id,
      ownerName: REP.name,
      archived: false,
      createdBy: REP.id,
      kind: 'visit',
      subject: '拜访采购部',
      recordType: 'account',
      recordId: account.id,
      dueAt,
      done: false,
    });
  });

  it('records the phase of a phase record, and refuses a record that does not exist', async () => {
    const deal = await run()['opportunities/create']({ title: 'ERP 实施', accountId: account.id });
    const call = await run()['activities/create']({
      kind: 'call',
      subject: '确认预算',
      recordType: 'opportunity',
      recordId: deal.id,
    });
    expect(call.recordPhase).toBe('opportunity');
    // An account id is not an opportunity: the type and the id must match.
    const wrongType = await refusal(
      run()['activities/create']({
        kind: 'call',
        subject: '确认预算',
        recordType: 'opportunity',
        recordId: account.id,
      }),
    );
    expect(wrongType).toMatchObject({
      type: 'ValidationError',
      fields: [{ field: 'recordId', code: 'notFound' }],
    });
    expect(await core.database.activities.count().exec()).toBe(1);
  });

  it('names each invalid field at the boundary and writes nothing', async () => {
    const api = createCrmClient(createDispatcher(core.service));
    const error = await refusal(
      api.invoke('activities/create', {
        kind: 'visit',
        subject: '   ',
        recordType: 'account',
        recordId: account.id,
        dueAt: 1.5,
      }),
    );
    expect(error).toMatchObject({
      type: 'ValidationError',
      fields: [
        { field: 'subject', code: 'required' },
        { field: 'dueAt', code: 'invalid' },
      ],
    });
    const patch = await refusal(
      api.invoke('activities/update', { id: newId(), patch: { subject: '', dueAt: -1 } }),
    );
    expect(patch).toMatchObject({
      fields: [
        { field: 'patch.subject', code: 'required' },
        { field: 'patch.dueAt', code: 'invalid' },
      ],
    });
    expect(await core.database.activities.count().exec()).toBe(0);
  });

  it('updates fields, clears the due time with null, and keeps doneAt in step with done', async () => {
    const created = await visit({ subject: '拜访', dueAt: DAY.dayStart + 9 * HOUR });
    clock.advance(1000);
    const moved = await run()['activities/update']({
      id: created.id,
      patch: { subject: '拜访总经理', dueAt: null, notes: '带样品' },
    });
    expect(moved).toMatchObject({ subject: '拜访总经理', notes: '带样品', done: false });
    expect(moved).not.toHaveProperty('dueAt');
    expect(moved.updatedAt).toBe(clock.now());

    const doneAt = clock.advance(1000);
    const done = await run()['activities/complete']({ id: created.id, done: true });
    expect(done).toMatchObject({ done: true, doneAt, updatedAt: doneAt });
    // Completing again changes nothing: the checkbox sends the state it shows.
    clock.advance(1000);
    expect(await run()['activities/complete']({ id: created.id, done: true })).toEqual(done);

    const reopened = await run()['activities/update']({ id: created.id, patch: { done: false } });
    expect(reopened.done).toBe(false);
    expect(reopened).not.toHaveProperty('doneAt');
  });

  it('refuses to complete an activity that does not exist', async () => {
    const error = await refusal(run()['activities/complete']({ id: newId(), done: true }));
    expect(error).toMatchObject({ type: 'NotFound', entity: 'activity' });
  });
});

describe('activities/forRecord', () => {
  it('lists a record’s open activities by due time, undated after, then done ones; live; archived ones leave', async () => {
    const live = new LiveResults(core, 'activities/forRecord', {
      recordType: 'account',
      recordId: account.id,
    });
    await live.until((list) => list.length === 0);
    const later = await visit({ subject: '下午拜访', dueAt: DAY.dayStart + 15 * HOUR });
    const undated = await visit({ subject: '寄资料' });
    const earlier = await visit({ subject: '上午电话', dueAt: DAY.dayStart + 9 * HOUR });
    await run()['activities/complete']({ id: later.id, done: true });
    // Another record's activity is not listed.
    await run()['activities/create']({
      kind: 'note',
      subject: '联系人备注',
      recordType: 'contact',
      recordId: contact.id,
    });
    const subjects = (list: { subject: string }[]) => list.map((a) => a.subject);
    await live.until((list) => list.length === 3 && list[2]!.done);
    expect(subjects(live.latest!)).toEqual(['上午电话', '寄资料', '下午拜访']);

    await run()['activities/archive']({ id: earlier.id });
    expect(subjects(await live.until((list) => list.length === 2))).toEqual(['寄资料', '下午拜访']);
    expect(undated.done).toBe(false);
    live.unsubscribe();
  });
});

describe('activities/myDay', () => {
  it('orders the day: overdue first, then the day by time, then undated to-dos, then done ones', async () => {
    const deal = await run()['opportunities/create']({
      title: 'ERP 实施',
      accountId: account.id,
      contactId: contact.id,
    });
    const onDeal = (subject: string, dueAt?: number) =>
      run()['activities/create']({
        kind: 'meeting',
        subject,
        recordType: 'opportunity',
        recordId: deal.id,
        ...(dueAt === undefined ? {} : { dueAt }),
      });
    await visit({ subject: '下午拜访', dueAt: DAY.dayStart + 15 * HOUR });
    await onDeal('昨天该打的电话', DAY.dayStart - 1);
    await onDeal('零点的会', DAY.dayStart);
    await visit({ subject: '明天零点', dueAt: DAY.dayEnd });
    await visit({ subject: '待办无日期' });
    const checked = await visit({ subject: '上午拜访', dueAt: DAY.dayStart + 9 * HOUR });
    await run()['activities/complete']({ id: checked.id, done: true });
    await run()['activities/create']({
      kind: 'note',
      subject: '纯备注',
      recordType: 'contact',
      recordId: contact.id,
    });
    // Someone else's visit today is on their day, not this rep's.
    core.setCurrentUser({ id: 'user-li', name: '李经理' });
    await visit({ subject: '同事的拜访', dueAt: DAY.dayStart + 10 * HOUR });
    core.setCurrentUser(REP);

    const live = new LiveResults(core, 'activities/myDay', { ...DAY, ownerId: REP.id });
    const day = await live.until(() => true);
    const subjects = (list: { subject: string }[]) => list.map((a) => a.subject);
    expect(subjects(day.overdue)).toEqual(['昨天该打的电话']);
    expect(subjects(day.scheduled)).toEqual(['零点的会', '下午拜访']);
    expect(subjects(day.undated)).toEqual(['待办无日期']);
    expect(subjects(day.done)).toEqual(['上午拜访']);
    // Each item names the record it is about, and carries what opens it.
    expect(day.overdue[0]!.about).toMatchObject({
      type: 'opportunity',
      title: 'ERP 实施',
      card: { id: deal.id, accountName: '华为技术', contactName: '李雷' },
    });
    expect(day.scheduled[1]!.about).toMatchObject({
      type: 'account',
      title: '华为技术',
      account: { id: account.id },
    });

    // The colleague's day, asked for by owner.
    const theirs = new LiveResults(core, 'activities/myDay', { ...DAY, ownerId: 'user-li' });
    expect(subjects((await theirs.until(() => true)).scheduled)).toEqual(['同事的拜访']);
    theirs.unsubscribe();
    live.unsubscribe();
  });

  it('defaults to the current user, updates live, keeps what was checked off today, and drops archived ones', async () => {
    const live = new LiveResults(core, 'activities/myDay', DAY);
    await live.until((day) => day.scheduled.length === 0);
    const overdue = await visit({ subject: '上周的回访', dueAt: DAY.dayStart - 3 * 24 * HOUR });
    await live.until((day) => day.overdue.length === 1);

    // Checked off during the day: it moves to the done section rather than vanishing.
    const doneAt = DAY.dayStart + 11 * HOUR;
    clock.advance(doneAt - clock.now());
    await run()['activities/complete']({ id: overdue.id, done: true });
    const after = await live.until((day) => day.overdue.length === 0);
    expect(after.done.map((a) => a.subject)).toEqual(['上周的回访']);

    // The record's name follows a rename.
    await run()['accounts/update']({ id: account.id, patch: { name: '华为技术有限公司' } });
    await live.until((day) => day.done[0]?.about.title === '华为技术有限公司');

    await run()['activities/archive']({ id: overdue.id });
    await live.until((day) => day.done.length === 0);
    expect(live.errors).toEqual([]);
    live.unsubscribe();
  });

  it('offers whose day to look at: me first, then each other owner once by name; live', async () => {
    const people = new LiveResults(core, 'activities/people', {});
    await people.until((list) => list.length === 1);
    expect(people.latest).toEqual([{ id: REP.id, name: REP.name }]);

    core.setCurrentUser({ id: 'user-fang', name: '王芳' });
    const wangs = await visit({ subject: '王芳的拜访' });
    core.setCurrentUser({ id: 'user-li', name: '李经理' });
    await visit({ subject: '李经理的电话' });
    await visit({ subject: '李经理的第二个电话' });
    core.setCurrentUser(REP);
    await visit({ subject: '我的拜访' });

    const names = (list: { name: string }[]) => list.map((p) => p.name);
    const all = await people.until((list) => list.length === 3);
    // 李 (lǐ) before 王 (wáng), as a Chinese reader sorts them.
    expect(names(all)).toEqual([REP.name, '李经理', '王芳']);

    // Someone whose activities are all archived is no longer offered.
    core.setCurrentUser({ id: 'user-fang', name: '王芳' });
    await run()['activities/archive']({ id: wangs.id });
    core.setCurrentUser(REP);
    expect(names(await people.until((list) => list.length === 2))).toEqual([REP.name, '李经理']);
    expect(people.errors).toEqual([]);
    people.unsubscribe();
  });

  it('refuses a day that ends before it starts, naming dayEnd', async () => {
    const api = createCrmClient(createDispatcher(core.service));
    const errors: CrmErrorData[] = [];
    const stop = api.subscribe(
      'activities/myDay',
      { dayStart: DAY.dayEnd, dayEnd: DAY.dayStart },
      () => undefined,
      (error) => errors.push(error),
    );
    await expect.poll(() => errors.length).toBe(1);
    expect(errors[0]).toMatchObject({
      type: 'ValidationError',
      fields: [{ field: 'dayEnd', code: 'invalid' }],
    });
    stop();
  });
});
