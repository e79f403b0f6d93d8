import { fillWithDefaultSettings, now, type RxDocumentData, type RxJsonSchema } from 'rxdb';
import {
  BASE_LWT,
  DEAL_SCHEMA,
  dealDoc,
  dealPortfolio,
  nextState,
  type Deal,
} from './deal-fixtures';
import {
  changesSince,
  cleanupFully,
  countOf,
  errorSummary,
  findById,
  insertRows,
  queryIds,
  uniqueDatabaseName,
  writeOk,
  type StorageInstance,
  type StorageTestContext,
} from './harness';

const DEAL_SCHEMA_V1: RxJsonSchema<RxDocumentData<Deal>> = fillWithDefaultSettings({
  ...DEAL_SCHEMA,
  version: 1,
});

async function allIds(instance: StorageInstance): Promise<string[]> {
  return queryIds(instance, { selector: {}, sort: [{ id: 'asc' }] });
}

export function describeLifecycle(ctx: () => StorageTestContext): void {
  describe('cleanup', () => {
    it('purges only deleted documents older than the threshold', async () => {
      const instance = await ctx().open();
      const old = now() - 60_000;
      await writeOk(
        instance,
        insertRows([
          dealDoc('old-deleted', {}, { lwt: old, deleted: true }),
          dealDoc('old-live', {}, { lwt: old }),
          dealDoc('new-deleted', {}, { lwt: now(), deleted: true }),
        ]),
      );
      await cleanupFully(instance, 30_000);
      const left = await instance.findDocumentsById(
        ['old-deleted', 'old-live', 'new-deleted'],
        true,
      );
      expect(left.map((d) => d.id).sort()).toEqual(['new-deleted', 'old-live']);
      const feed = await changesSince(instance, 10);
      expect(feed.documents.map((d) => d.id)).toEqual(['old-live', 'new-deleted']);
    });

    it('with a threshold of 0 purges every deleted document and nothing else', async () => {
      const instance = await ctx().open();
      await writeOk(instance, insertRows(dealPortfolio()));
      await cleanupFully(instance, 0);
      expect(await findById(instance, 'd08')).toBeUndefined();
      expect(await countOf(instance, { selector: {} })).toBe(7);
    });

    it('a purged id can be inserted again as a new document', async () => {
      const instance = await ctx().open();
      await writeOk(instance, insertRows([dealDoc('a', {}, { lwt: now() - 10, deleted: true })]));
      await cleanupFully(instance, 0);
      await writeOk(instance, insertRows([dealDoc('a', { title: 'fresh' })]));
      expect((await findById(instance, 'a', false))?.title).toBe('fresh');
    });
  });

  describe('close, reopen, remove', () => {
    it('keeps documents, deletes, revisions and the feed across close and reopen', async () => {
      const first = await ctx().open();
      await writeOk(first, insertRows(dealPortfolio()));
      const d01 = await findById(first, 'd01');
      if (!d01) throw new Error('d01 missing');
      const d01v2 = nextState(d01, { title: '华为 ERP 二期' }, BASE_LWT + 50);
      await writeOk(first, [{ previous: d01, document: d01v2 }]);
      const before = await first.findDocumentsById(
        dealPortfolio().map((d) => d.id),
        true,
      );
      const feedBefore = await changesSince(first, 100);
      await first.close();

      const reopened = await ctx().open({ storage: ctx().reopenStorage() });
      const after = await reopened.findDocumentsById(
        dealPortfolio().map((d) => d.id),
        true,
      );
      const byId = (docs: RxDocumentData<Deal>[]) =>
        [...docs].sort((a, b) => (a.id < b.id ? -1 : 1));
      expect(byId(after)).toEqual(byId(before));
      expect(await changesSince(reopened, 100)).toEqual(feedBefore);
      expect(
        await queryIds(reopened, {
          selector: { _deleted: { $eq: false } },
          sort: [{ title: 'asc' }],
        }),
      ).toEqual(['d02', 'd03', 'd07', 'd04', 'd01', 'd05', 'd06']);

      // Conflict detection still works against the persisted revision.
      const stale = await reopened.bulkWrite(
        [{ previous: d01, document: nextState(d01, {}, BASE_LWT + 60) }],
        'stale-after-reopen',
      );
      expect(errorSummary(stale)).toEqual([['d01', 409]]);
    });

    it('remove() deletes the collection: reopening it finds nothing', async () => {
      const deals = await ctx().open();
      const archive = await ctx().open({ collectionName: 'archive' });
      await writeOk(deals, insertRows(dealPortfolio()));
      await writeOk(archive, insertRows([dealDoc('kept')]));
      await deals.remove();

      const again = await ctx().open({ storage: ctx().reopenStorage() });
      expect(await allIds(again)).toEqual([]);
      expect((await changesSince(again, 10)).documents).toEqual([]);
      expect(await allIds(archive)).toEqual(['kept']);
    });

    it('two open instances of one collection see each other’s writes', async () => {
      const a = await ctx().open();
      const b = await ctx().open();
      await writeOk(a, insertRows([dealDoc('from-a')]));
      expect(await allIds(b)).toEqual(['from-a']);
      await b.close();
      await writeOk(a, insertRows([dealDoc('after-b-closed')]));
      expect(await allIds(a)).toEqual(['after-b-closed', 'from-a']);
    });
  });

  describe('isolation', () => {
    it('collections of one database keep separate documents', async () => {
      const deals = await ctx().open();
      const archive = await ctx().open({ collectionName: 'archive' });
      await writeOk(deals, insertRows([dealDoc('same-id', { title: 'deal' })]));
      await writeOk(archive, insertRows([dealDoc('same-id', { title: 'archived' })]));
      expect((await findById(deals, 'same-id'))?.title).toBe('deal');
      expect((await findById(archive, 'same-id'))?.title).toBe('archived');
    });

    it('schema versions of one collection keep separate documents', async () => {
      const v0 = await ctx().open();
      const v1 = await ctx().open({ schema: DEAL_SCHEMA_V1 });
      await writeOk(v0, insertRows([dealDoc('old')]));
      await writeOk(v1, insertRows([dealDoc('new')]));
      expect(await allIds(v0)).toEqual(['old']);
      expect(await allIds(v1)).toEqual(['new']);
    });

    it('databases keep separate documents', async () => {
      const mine = await ctx().open();
      const other = await ctx().open({ databaseName: uniqueDatabaseName() });
      await writeOk(mine, insertRows([dealDoc('mine')]));
      await writeOk(other, insertRows([dealDoc('other')]));
      expect(await allIds(mine)).toEqual(['mine']);
      expect(await allIds(other)).toEqual(['other']);
    });
  });
}
