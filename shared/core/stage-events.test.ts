import { afterEach, describe, expect, it } from 'vitest';
import { newId } from '../domain/ids';
import type { CrmCore, CrmCoreOptions } from './index';
import { IN_FLIGHT_DOC, type InFlightEvents } from './stage-events';
import {
  LiveResults,
  manualClock,
  openTestCore,
  REP,
  testStorage,
  uniqueDatabaseName,
} from './test-support';

// RxDB's open-source build allows ~13 open collections per process and a core has 10: a test
// that fails half-way must still close its cores, or the next test cannot open one.
const opened: CrmCore[] = [];
async function open(options: Partial<CrmCoreOptions>): Promise<CrmCore> {
  const core = await openTestCore(options);
  opened.push(core);
  return core;
}
afterEach(async () => {
  await Promise.all(opened.splice(0).map((core) => core.close()));
});

describe('stage event repair on open', () => {
  it('removes events newer than their opportunity’s stage entry, or of no opportunity', async () => {
    const storage = testStorage();
    const databaseName = uniqueDatabaseName('repair');
    const clock = manualClock();
    const first = await open({ storage, databaseName, now: clock.now });
    const account = await first.service.commands['accounts/create']({ name: '华为技术' });
    const deal = await first.service.commands['opportunities/create']({
      title: 'ERP',
      accountId: account.id,
    });
    clock.advance(1000);
    const moved = await first.service.commands['opportunities/move']({
      id: deal.id,
      to: 'solution',
    });
    // What a crash between "insert the event" and "write the opportunity" leaves behind.
    const orphan = {
      id: newId(),
      phase: 'opportunity' as const,
      recordId: deal.id,
      from: 'solution',
      to: 'proposal',
      at: moved.stageEnteredAt + 1,
      by: REP.id,
      byName: REP.name,
    };
    const orphanOfCreate = {
      ...orphan,
      id: newId(),
      recordId: newId(),
      from: undefined,
      to: 'qualify',
    };
    delete orphanOfCreate.from;
    // A crash leaves their ids on the in-flight list, which the write put them on first.
    await first.database.upsertLocal<InFlightEvents>(IN_FLIGHT_DOC, {
      eventIds: [orphan.id, orphanOfCreate.id],
    });
    await first.database.stageevents.bulkInsert([orphan, orphanOfCreate]);
    expect(await first.database.stageevents.count().exec()).toBe(4);
    await first.close();

    const reopened = await open({ storage, databaseName, now: clock.now });
    const left = await reopened.database.stageevents.find({ sort: [{ at: 'asc' }] }).exec();
    expect(left.map((e) => [e.from, e.to])).toEqual([
      [undefined, 'qualify'],
      ['qualify', 'solution'],
    ]);
    expect((await reopened.database.opportunities.findOne(deal.id).exec())?.toJSON()).toEqual(
      moved,
    );
    expect(
      (await reopened.database.getLocal<InFlightEvents>(IN_FLIGHT_DOC))?.toJSON().data,
    ).toEqual({ eventIds: [] });
  });

  it('keeps events this device did not write, such as one pulled before its opportunity', async () => {
    const storage = testStorage();
    const databaseName = uniqueDatabaseName('repair-synced');
    const clock = manualClock();
    const first = await open({ storage, databaseName, now: clock.now });
    const account = await first.service.commands['accounts/create']({ name: '华为技术' });
    const deal = await first.service.commands['opportunities/create']({
      title: 'ERP',
      accountId: account.id,
    });
    // Sync brought a colleague's move of this deal; the deal's own update is still to come.
    const pulled = {
      id: newId(),
      phase: 'opportunity' as const,
      recordId: deal.id,
      from: 'qualify',
      to: 'solution',
      at: deal.stageEnteredAt + 5000,
      by: newId(),
      byName: '李娜',
    };
    // And one for a deal this device has not pulled at all yet.
    const pulledOfUnknown = { ...pulled, id: newId(), recordId: newId() };
    await first.database.stageevents.bulkInsert([pulled, pulledOfUnknown]);
    await first.close();

    const reopened = await open({ storage, databaseName, now: clock.now });
    const ids = (await reopened.database.stageevents.find().exec()).map((e) => e.id);
    expect(ids).toEqual(expect.arrayContaining([pulled.id, pulledOfUnknown.id]));
    expect(ids).toHaveLength(3);
  });

  it('takes a move off the in-flight list once its opportunity is written', async () => {
    const core = await open({});
    const run = core.service.commands;
    const account = await run['accounts/create']({ name: '华为技术' });
    const deal = await run['opportunities/create']({ title: 'ERP', accountId: account.id });
    await run['opportunities/move']({ id: deal.id, to: 'solution' });
    const inFlight = async () =>
      (await core.database.getLocal<InFlightEvents>(IN_FLIGHT_DOC))?.toJSON().data.eventIds;
    expect(await inFlight()).toEqual([]);
  });
});

describe('stageEvents/forRecord', () => {
  it('lists one record’s events in time order, live', async () => {
    const clock = manualClock();
    const core = await open({ now: clock.now });
    const run = core.service.commands;
    const account = await run['accounts/create']({ name: '华为技术' });
    const deal = await run['opportunities/create']({ title: 'ERP', accountId: account.id });
    await run['opportunities/create']({ title: 'Other', accountId: account.id });
    const history = new LiveResults(core, 'stageEvents/forRecord', { recordId: deal.id });
    expect((await history.until((r) => r.length === 1)).map((e) => e.to)).toEqual(['qualify']);
    clock.advance(1000);
    await run['opportunities/move']({ id: deal.id, to: 'solution' });
    clock.advance(1000);
    await run['opportunities/move']({ id: deal.id, to: 'lost', lostReason: '预算取消' });
    const three = await history.until((r) => r.length === 3);
    expect(three.map((e) => [e.from, e.to, e.reason])).toEqual([
      [undefined, 'qualify', undefined],
      ['qualify', 'solution', undefined],
      ['solution', 'lost', '预算取消'],
    ]);
    expect(history.errors).toEqual([]);
    history.unsubscribe();
  });
});
