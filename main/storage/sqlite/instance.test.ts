import type {
  EventBulk,
  RxDocumentData,
  RxStorageChangeEvent,
  RxStorageWriteErrorConflict,
} from 'rxdb';
import { normalizeMangoQuery, prepareQuery } from 'rxdb';
import { getRxStorageSqlite } from './index';
import {
  DEAL_SCHEMA,
  dealDocument,
  nextVersion,
  openDeals,
  tempDirectory,
  type Deal,
  type DealInstance,
} from './test-support';

describe('SQLite storage instance', () => {
  const directory = tempDirectory();
  const storage = getRxStorageSqlite({ directory: directory.path });
  const open: DealInstance[] = [];
  let databases = 0;
  async function deals(name = `db${++databases}`) {
    const instance = await openDeals(storage, name);
    open.push(instance);
    return instance;
  }
  afterEach(async () => {
    await Promise.all(open.splice(0).map((instance) => instance.close()));
  });
  afterAll(() => directory.remove());

  function query(selector: object, sort: object[] = [{ id: 'asc' }], extra: object = {}) {
    const mango = normalizeMangoQuery<RxDocumentData<Deal>>(DEAL_SCHEMA, {
      selector: { _deleted: { $eq: false }, ...selector },
      sort,
      ...extra,
    } as never);
    return prepareQuery<RxDocumentData<Deal>>(DEAL_SCHEMA, mango);
  }

  it('keeps documents across close and reopen', async () => {
    const first = await deals('persist');
    const docs = [
      dealDocument({ id: 'a', amount: 5 }),
      dealDocument({ id: 'b', title: '华为 😀' }),
    ];
    await first.bulkWrite(
      docs.map((document) => ({ document })),
      'test',
    );
    await first.close();
    const reopened = await deals('persist');
    expect(await reopened.findDocumentsById(['b', 'a'], false)).toEqual([docs[1], docs[0]]);
  });

  it('emits one event bulk per write, after the commit, with the checkpoint of the last document', async () => {
    const writer = await deals('events');
    const reader = await deals('events');
    const seen: { bulk: EventBulk<RxStorageChangeEvent<Deal>, unknown>; visible: number }[] = [];
    const subscription = reader.changeStream().subscribe((bulk) => {
      // A listener reading through another instance already sees the write.
      const ids = bulk.events.map((event) => event.documentId);
      void reader
        .findDocumentsById(ids, true)
        .then((found) => seen.push({ bulk, visible: found.length }));
    });
    const a = dealDocument({ id: 'a' });
    const b = dealDocument({ id: 'b' });
    await writer.bulkWrite([{ document: a }, { document: b }], 'first-write');
    // Nothing written (a conflict only): no event.
    await writer.bulkWrite([{ document: dealDocument({ id: 'a' }) }], 'conflict');
    await writer.bulkWrite(
      [{ previous: a, document: nextVersion(a, { _deleted: true }) }],
      'delete',
    );
    await new Promise((resolve) => setTimeout(resolve, 10));
    subscription.unsubscribe();

    expect(seen.map((s) => s.bulk.context)).toEqual(['first-write', 'delete']);
    expect(seen[0]!.visible).toBe(2);
    expect(seen[0]!.bulk.events.map((e) => [e.operation, e.documentId])).toEqual([
      ['INSERT', 'a'],
      ['INSERT', 'b'],
    ]);
    expect(seen[0]!.bulk.checkpoint).toEqual({ id: 'b', lwt: b._meta.lwt });
    expect(seen[1]!.bulk.events.map((e) => e.operation)).toEqual(['DELETE']);
  });

  it('reports a conflict with the stored document exactly as findDocumentsById returns it', async () => {
    const instance = await deals();
    const stored = dealDocument({ id: 'c' });
    await instance.bulkWrite([{ document: stored }], 'test');
    const update = nextVersion(stored, { amount: 7 });
    await instance.bulkWrite([{ previous: stored, document: update }], 'test');
    const stale = nextVersion(stored, { amount: 9 });
    const result = await instance.bulkWrite([{ previous: stored, document: stale }], 'test');
    const [inDb] = await instance.findDocumentsById(['c'], true);
    expect(result.error).toHaveLength(1);
    expect(result.error[0]).toMatchObject({ status: 409, documentId: 'c', isError: true });
    expect((result.error[0] as RxStorageWriteErrorConflict<Deal>).documentInDb).toEqual(inDb);
    expect(inDb).toEqual(update);
  });

  it('finds by id in the order asked, with or without tombstones', async () => {
    const instance = await deals();
    const live = dealDocument({ id: 'live' });
    const dead = dealDocument({ id: 'dead' });
    await instance.bulkWrite(
      [{ document: live }, { document: { ...dead, _deleted: true } }],
      'test',
    );
    expect(await instance.findDocumentsById(['dead', 'missing', 'live'], false)).toEqual([live]);
    expect((await instance.findDocumentsById(['dead', 'live'], true)).map((d) => d.id)).toEqual([
      'dead',
      'live',
    ]);
    expect(await instance.findDocumentsById([], true)).toEqual([]);
  });

  it('answers queries from the index range, and in JS where the plan needs it', async () => {
    const instance = await deals();
    const rows = ['qualify', 'proposal', 'negotiate'].flatMap((stage, s) =>
      [3, 1, 2].map((n) => ({
        document: dealDocument({ id: `${stage}-${n}`, stage, amount: n * 100 + s }),
      })),
    );
    await instance.bulkWrite(rows, 'test');
    const ids = async (prepared: ReturnType<typeof query>) =>
      (await instance.query(prepared)).documents.map((d) => d.id);

    const byStage = query({ stage: 'proposal' }, [{ amount: 'asc' }, { id: 'asc' }]);
    expect(
      byStage.queryPlan.selectorSatisfiedByIndex && byStage.queryPlan.sortSatisfiedByIndex,
    ).toBe(true);
    expect(await ids(byStage)).toEqual(['proposal-1', 'proposal-2', 'proposal-3']);
    expect(
      await ids(
        query({ stage: 'proposal' }, [{ amount: 'asc' }, { id: 'asc' }], { skip: 1, limit: 1 }),
      ),
    ).toEqual(['proposal-2']);
    const descending = query({ amount: { $gte: 200 } }, [{ amount: 'desc' }, { id: 'asc' }], {
      limit: 2,
    });
    expect(descending.queryPlan.sortSatisfiedByIndex).toBe(false);
    expect(await ids(descending)).toEqual(['negotiate-3', 'proposal-3']);
    const regex = query({ title: { $regex: '-2$' } }, [{ id: 'asc' }], { limit: 2 });
    expect(regex.queryPlan.selectorSatisfiedByIndex).toBe(false);
    expect(await ids(regex)).toEqual(['negotiate-2', 'proposal-2']);

    expect(await instance.count(byStage)).toEqual({ count: 3, mode: 'fast' });
    expect(await instance.count(query({ title: { $regex: '-2$' } }))).toEqual({
      count: 3,
      mode: 'slow',
    });
  });

  it('lists changes since a checkpoint in (lwt, id) order, tombstones included', async () => {
    const instance = await deals();
    const lwt = 1_700_000_000_000.01;
    const at = (id: string, time: number) => ({ ...dealDocument({ id }), _meta: { lwt: time } });
    await instance.bulkWrite(
      [
        at('b', lwt),
        at('a', lwt),
        at('c', lwt + 0.01),
        { ...at('d', lwt + 1), _deleted: true },
      ].map((document) => ({ document })),
      'test',
    );
    const first = await instance.getChangedDocumentsSince!(3);
    expect(first.documents.map((d) => d.id)).toEqual(['a', 'b', 'c']);
    expect(first.checkpoint).toEqual({ id: 'c', lwt: lwt + 0.01 });
    const rest = await instance.getChangedDocumentsSince!(3, { id: 'a', lwt });
    expect(rest.documents.map((d) => d.id)).toEqual(['b', 'c', 'd']);
    const none = await instance.getChangedDocumentsSince!(3, rest.checkpoint);
    expect(none).toEqual({ documents: [], checkpoint: rest.checkpoint });
  });

  it('cleanup purges old tombstones only', async () => {
    const instance = await deals();
    const old = { ...dealDocument({ id: 'old' }), _deleted: true, _meta: { lwt: 1000 } };
    const recent = { ...dealDocument({ id: 'recent' }), _deleted: true };
    const live = { ...dealDocument({ id: 'live' }), _meta: { lwt: 1000 } };
    await instance.bulkWrite(
      [old, recent, live].map((document) => ({ document })),
      'test',
    );
    expect(await instance.cleanup(60_000)).toBe(true);
    const left = await instance.findDocumentsById(['old', 'recent', 'live'], true);
    expect(left.map((d) => d.id)).toEqual(['recent', 'live']);
  });
});
