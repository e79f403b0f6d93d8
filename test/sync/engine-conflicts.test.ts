import type { TestUser } from '../../server/test-support';
import { newId } from '../../shared/domain/ids';
import type { ConflictEntry, SyncEngine, SyncProblem } from '../../shared/sync/types';
import {
  account,
  pushedDeal,
  statusUntil,
  synced,
  tick,
  moveToSolution,
  useSyncFixture,
} from './support';

const sync = useSyncFixture('sqlite');

const signedIn = (user: TestUser) => sync.signedIn(user);

function current<T>(watch: (listener: (value: T) => void) => () => void): T {
  let value: T | undefined;
  watch((v) => (value = v))();
  return value as T;
}
const conflictsOf = (engine: SyncEngine) =>
  current<ConflictEntry[]>((l) => engine.watchConflicts(l));
const problemsOf = (engine: SyncEngine) => current<SyncProblem[]>((l) => engine.watchProblems(l));

async function master(orgId: string, collection: string, id: string) {
  const docs = await sync.server.store.pull(orgId, collection, 0, 10_000);
  return docs.find((doc) => doc.id === id)?.data;
}

describe('conflicts', () => {
  it('merges field by field, logs the overwritten value, and restores it in one click', async () => {
    const { manager, rep } = await sync.managerAndRep(['李经理', '王小明']);
    const a = await signedIn(rep);
    const b = await signedIn(manager);
    const { opp } = await pushedDeal(a, rep, ['华为技术', 'ERP 升级']);
    await b.engine.syncNow();

    // The rep's laptop is off; the manager renames the deal and changes its amount.
    await a.stopEngine();
    const onB = await b.database.opportunities.findOne(opp.id).exec();
    await onB?.incrementalPatch({
      title: 'ERP 二期',
      amount: { minor: 200_000, currency: 'CNY' },
      updatedAt: tick(),
    });
    await b.engine.syncNow();

    // Meanwhile, offline, the rep renamed it too and moved the card (its stage event first, as
    // the core writes a move).
    const onA = await a.database.opportunities.findOne(opp.id).exec();
    const movedAt = tick();
    await a.database.stageevents.insert({
      id: newId(),
      phase: 'opportunity',
      recordId: opp.id,
      from: 'qualify',
      to: 'solution',
      at: movedAt,
      by: rep.user.id,
      byName: rep.user.name,
    });
    await onA?.incrementalPatch({
      title: 'ERP 升级（加急）',
      stage: 'solution',
      stageEnteredAt: movedAt,
      stageOrder: 1,
      probability: 40,
      updatedAt: movedAt,
    });
    await a.startEngine();
    await statusUntil(a.engine, (s) => synced(s) && s.conflicts === 1);
    await a.engine.syncNow();
    await b.engine.syncNow();

    const merged = {
      ...opp,
      title: 'ERP 二期', // both renamed: the server's (first to arrive) is kept
      amount: { minor: 200_000, currency: 'CNY' }, // only the manager changed it
      stage: 'solution', // only the rep moved the card: the whole stage group is the rep's
      stageEnteredAt: movedAt,
      stageOrder: 1,
      probability: 40,
      updatedAt: movedAt,
    };
    expect((await a.database.opportunities.findOne(opp.id).exec())?.toJSON()).toEqual(merged);
    expect((await b.database.opportunities.findOne(opp.id).exec())?.toJSON()).toEqual(merged);
    expect(await master(rep.user.orgId, 'opportunities', opp.id)).toEqual({
      ...merged,
      _deleted: false,
    });

    const [entry, ...more] = conflictsOf(a.engine);
    expect(more).toEqual([]);
    expect(entry).toMatchObject({
      collection: 'opportunities',
      recordId: opp.id,
      recordLabel: 'ERP 二期',
      field: 'title',
      keptValue: 'ERP 二期',
      overwrittenValue: 'ERP 升级（加急）',
    });
    expect(entry?.resolvedAt).toBeUndefined();
    expect(conflictsOf(b.engine)).toEqual([]);

    await a.engine.restoreConflict(entry?.id ?? '');
    await a.engine.syncNow();
    await b.engine.syncNow();
    expect((await b.database.opportunities.findOne(opp.id).exec())?.title).toBe('ERP 升级（加急）');
    expect(conflictsOf(a.engine)[0]).toMatchObject({ resolution: 'restored' });
    const status = await statusUntil(a.engine, synced);
    expect(status.conflicts).toBe(0);

    // The log survives a restart.
    await a.reopen();
    expect(conflictsOf(a.engine)).toEqual([
      expect.objectContaining({ id: entry?.id, resolution: 'restored' }),
    ]);
  });
});

describe('refused pushes', () => {
  it('keep the local edit as a problem until it is discarded for the server version', async () => {
    const owner = await sync.server.createUser({ role: 'rep', name: '赵' });
    const other = await sync.server.createUser({
      orgId: owner.user.orgId,
      role: 'rep',
      name: '钱',
    });
    const b = await signedIn(owner);
    const acct = account({ id: owner.user.id, name: '赵' }, '中兴通讯');
    await b.database.accounts.insert(acct);
    await b.engine.syncNow();

    const a = await signedIn(other);
    const onA = await a.database.accounts.findOne(acct.id).exec();
    await onA?.incrementalPatch({ name: '中兴（钱的）', updatedAt: tick() });
    // A record created as someone else's: a rep may only create their own.
    const forged = account({ id: owner.user.id, name: '赵' }, '冒名客户');
    await a.database.accounts.insert(forged);
    await a.engine.syncNow();

    const status = await statusUntil(a.engine, (s) => s.problems === 2);
    expect(status.pendingChanges).toBe(0);
    const problems = problemsOf(a.engine);
    expect(problems).toHaveLength(2);
    const edit = problems.find((p) => p.recordId === acct.id);
    const creation = problems.find((p) => p.recordId === forged.id);
    expect(edit).toMatchObject({
      collection: 'accounts',
      code: 'forbidden',
      recordLabel: '中兴（钱的）',
      document: expect.objectContaining({ name: '中兴（钱的）' }),
    });
    expect(creation).toMatchObject({ code: 'forbidden', recordLabel: '冒名客户' });
    // Nothing typed is lost locally, nothing refused reached the sync.server.
    expect((await a.database.accounts.findOne(acct.id).exec())?.name).toBe('中兴（钱的）');
    expect((await master(owner.user.orgId, 'accounts', acct.id))?.name).toBe('中兴通讯');
    expect(await master(owner.user.orgId, 'accounts', forged.id)).toBeUndefined();

    await a.engine.discardProblem(edit?.id ?? '');
    await a.engine.discardProblem(creation?.id ?? '');
    await a.engine.syncNow();
    const after = await statusUntil(a.engine, (s) => synced(s) && s.problems === 0);
    expect(after.pendingChanges).toBe(0);
    expect((await a.database.accounts.findOne(acct.id).exec())?.toJSON()).toEqual(acct);
    expect(await a.database.accounts.findOne(forged.id).exec()).toBeNull();
    expect(await master(owner.user.orgId, 'accounts', forged.id)).toBeUndefined();

    // The discarded record follows the server again: the owner's next edit arrives.
    const onB = await b.database.accounts.findOne(acct.id).exec();
    await onB?.incrementalPatch({ phone: '0755-8888', updatedAt: tick() });
    await b.engine.syncNow();
    await a.engine.syncNow();
    expect((await a.database.accounts.findOne(acct.id).exec())?.phone).toBe('0755-8888');
    expect(problemsOf(a.engine)).toEqual([]);
  });
});

describe('discarding a refused edit', () => {
  it('keeps the moves other people made, which the refused state stood on', async () => {
    const { manager, rep } = await sync.managerAndRep(['孙经理', '周']);
    const m = await signedIn(manager);
    const { opp } = await pushedDeal(m, manager, ['海尔', '冷库改造']);
    const r = await signedIn(rep);
    expect(await r.database.opportunities.findOne(opp.id).exec()).not.toBeNull();

    // The rep renames the manager's deal, which a rep may not do: the server refuses it ...
    const onR = await r.database.opportunities.findOne(opp.id).exec();
    await onR?.incrementalPatch({ title: '冷库改造（周）', updatedAt: tick() });
    await r.engine.syncNow();
    await statusUntil(r.engine, (s) => s.problems === 1);
    // ... and then the manager moves it on, with its stage event, and the rep's device pulls it.
    const { at: movedAt, eventId } = await moveToSolution(m, manager, opp.id);
    await m.engine.syncNow();

    await r.engine.syncNow();
    await statusUntil(r.engine, (s) => synced(s) && s.problems === 1);
    expect((await r.database.stageevents.findOne(eventId).exec())?.id).toBe(eventId);
    const [problem] = problemsOf(r.engine);
    await r.engine.discardProblem(problem?.id ?? '');
    await r.engine.syncNow();

    const server = await master(manager.user.orgId, 'opportunities', opp.id);
    expect(server).toMatchObject({ stage: 'solution', stageEnteredAt: movedAt, title: '冷库改造' });
    expect(await master(manager.user.orgId, 'stageevents', eventId)).toMatchObject({
      _deleted: false,
    });
    expect((await r.database.opportunities.findOne(opp.id).exec())?.toJSON()).toMatchObject({
      stage: 'solution',
      title: '冷库改造',
    });
    // The manager's move is the firm's: discarding the rep's rename does not take it away.
    expect((await r.database.stageevents.findOne(eventId).exec())?.toJSON()).toMatchObject({
      id: eventId,
      byName: '孙经理',
    });
  });
});

describe('discarding a refused move', () => {
  it('takes the move off the device even after a newer server state replaced the record', async () => {
    const { manager, rep } = await sync.managerAndRep(['吴经理', '郑']);
    const m = await signedIn(manager);
    const { opp } = await pushedDeal(m, manager, ['格力', '空调产线']);
    const r = await signedIn(rep);

    // The rep moves the manager's deal (which a rep may not): refused, a sync problem.
    const { eventId: repEvent } = await moveToSolution(r, rep, opp.id);
    await r.engine.syncNow();
    await statusUntil(r.engine, (s) => s.problems === 1);

    // The manager moves it to the same stage; the rep's device pulls that state over its own.
    const { at: movedAt } = await moveToSolution(m, manager, opp.id);
    await m.engine.syncNow();
    await r.engine.syncNow();
    await statusUntil(r.engine, (s) => synced(s) && s.problems === 1);

    const [problem] = problemsOf(r.engine);
    await r.engine.discardProblem(problem?.id ?? '');
    expect((await r.database.opportunities.findOne(opp.id).exec())?.stageEnteredAt).toBe(movedAt);
    // The refused move never reached the firm: its stage event leaves the rep's device too.
    expect(await r.database.stageevents.findOne(repEvent).exec()).toBeNull();
    expect(await master(manager.user.orgId, 'stageevents', repEvent)).toBeUndefined();
  });
});
