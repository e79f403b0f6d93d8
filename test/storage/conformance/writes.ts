import type { RxDocumentData } from 'rxdb';
import { BASE_LWT, dealDoc, nextState, type Deal } from './deal-fixtures';
import {
  countOf,
  errorSummary,
  findById,
  insertRows,
  writeOk,
  type StorageTestContext,
} from './harness';

/** The fields a stored document may carry: the schema's own and RxDB's four meta fields. */
const ALLOWED_KEYS = new Set([
  ...Object.keys(dealDoc('x')),
  'note',
  'externalRef',
  '_deleted',
  '_rev',
  '_meta',
  '_attachments',
]);

/** Inserts, updates, conflicts and deletes: RxDB's bulkWrite contract. */
export function describeWrites(ctx: () => StorageTestContext): void {
  describe('bulkWrite', () => {
    it('stores an inserted document exactly as written, meta fields included', async () => {
      const instance = await ctx().open();
      const doc: RxDocumentData<Deal> = {
        ...dealDoc('d1', {
          title: '华为 ERP 升级 — “报价” 😀',
          amount: -1234.56,
          score: 0.1 + 0.2,
          tags: ['a', '', 'ü'],
          lines: [{ product: 'license', qty: 2.5 }],
          address: { city: '深圳', zip: '518000' },
          note: 'line one\nline two\t"quoted"',
          externalRef: 9_007_199_254_740_991,
        }),
        // Plugins keep their own flags next to lwt; RxDB's meta schema allows them.
        _meta: { lwt: BASE_LWT + 0.01, pluginFlag: 'kept' } as RxDocumentData<Deal>['_meta'],
      };
      await writeOk(instance, insertRows([doc]));
      expect(await findById(instance, 'd1')).toEqual(doc);
    });

    it('inserts many documents in one call and reads them back by id', async () => {
      const instance = await ctx().open();
      const docs = Array.from({ length: 2500 }, (_, i) =>
        dealDoc(`bulk-${String(i).padStart(5, '0')}`, { amount: i }),
      );
      await writeOk(instance, insertRows(docs));
      const found = await instance.findDocumentsById(
        docs.map((d) => d.id),
        false,
      );
      expect(found.map((d) => d.id).sort()).toEqual(docs.map((d) => d.id));
      expect(await countOf(instance, { selector: {} })).toBe(2500);
    });

    it('findDocumentsById leaves out ids that do not exist', async () => {
      const instance = await ctx().open();
      await writeOk(instance, insertRows([dealDoc('a'), dealDoc('b')]));
      const found = await instance.findDocumentsById(['b', 'missing', 'a'], false);
      expect(found.map((d) => d.id).sort()).toEqual(['a', 'b']);
      expect(await instance.findDocumentsById([], true)).toEqual([]);
    });

    it('refuses to insert an id that exists with 409 and the stored document', async () => {
      const instance = await ctx().open();
      const stored = dealDoc('a', { title: 'first' });
      await writeOk(instance, insertRows([stored]));
      const again = dealDoc('a', { title: 'second' }, { rev: '1-other' });
      const result = await instance.bulkWrite([{ document: again }], 'insert-twice');
      expect(errorSummary(result)).toEqual([['a', 409]]);
      const error = result.error[0];
      expect(error?.status === 409 && error.documentInDb).toEqual(stored);
      expect(error?.writeRow.document).toEqual(again);
      expect(await findById(instance, 'a')).toEqual(stored);
    });

    it('updates when the previous revision matches', async () => {
      const instance = await ctx().open();
      const stored = dealDoc('a');
      await writeOk(instance, insertRows([stored]));
      const updated = nextState(stored, { title: 'renamed', amount: 7.25 }, BASE_LWT + 1);
      await writeOk(instance, [{ previous: stored, document: updated }]);
      expect(await findById(instance, 'a')).toEqual(updated);
      expect(updated._rev.startsWith('2-')).toBe(true);
    });

    it('refuses an update with a stale revision: 409, documentInDb as findDocumentsById returns it', async () => {
      const instance = await ctx().open();
      const v1 = dealDoc('a');
      await writeOk(instance, insertRows([v1]));
      const v2 = nextState(v1, { title: 'v2' }, BASE_LWT + 1);
      await writeOk(instance, [{ previous: v1, document: v2 }]);

      const stale = nextState(v1, { title: 'stale' }, BASE_LWT + 2);
      const result = await instance.bulkWrite([{ previous: v1, document: stale }], 'stale');
      expect(errorSummary(result)).toEqual([['a', 409]]);
      const error = result.error[0];
      if (error?.status !== 409) throw new Error('expected a conflict');
      const inDb = await findById(instance, 'a');
      expect(error.documentInDb).toEqual(inDb);
      expect(error.documentInDb).toEqual(v2);
      // No storage-internal column may leak into what RxDB's conflict handler sees.
      expect(Object.keys(error.documentInDb).filter((k) => !ALLOWED_KEYS.has(k))).toEqual([]);
      expect(error.isError).toBe(true);
    });

    it('refuses an update without a previous state on an existing document', async () => {
      const instance = await ctx().open();
      await writeOk(instance, insertRows([dealDoc('a')]));
      const blind = dealDoc('a', { title: 'blind' }, { rev: '2-blind' });
      const result = await instance.bulkWrite([{ document: blind }], 'blind');
      expect(errorSummary(result)).toEqual([['a', 409]]);
      expect((await findById(instance, 'a'))?.title).toBe('Deal a');
    });

    it('writes the rows that do not conflict and reports the ones that do', async () => {
      const instance = await ctx().open();
      const a = dealDoc('a');
      const b = dealDoc('b');
      await writeOk(instance, insertRows([a, b]));
      const result = await instance.bulkWrite(
        [
          { previous: a, document: nextState(a, { title: 'a2' }, BASE_LWT + 1) },
          { document: dealDoc('b', { title: 'b again' }) },
          { document: dealDoc('c') },
          { previous: { ...b, _rev: '9-wrong' }, document: nextState(b, {}, BASE_LWT + 1) },
        ],
        'mixed',
      );
      expect(errorSummary(result)).toEqual([
        ['b', 409],
        ['b', 409],
      ]);
      const found = await instance.findDocumentsById(['a', 'b', 'c'], true);
      const titles = Object.fromEntries(found.map((d) => [d.id, d.title]));
      expect(titles).toEqual({ a: 'a2', b: 'Deal b', c: 'Deal c' });
    });

    it('deletes by writing _deleted: true; only withDeleted finds the document', async () => {
      const instance = await ctx().open();
      const a = dealDoc('a');
      await writeOk(instance, insertRows([a, dealDoc('b')]));
      const deleted = nextState(a, { _deleted: true }, BASE_LWT + 1);
      await writeOk(instance, [{ previous: a, document: deleted }]);
      expect(await instance.findDocumentsById(['a', 'b'], false)).toEqual([dealDoc('b')]);
      expect(await instance.findDocumentsById(['a'], true)).toEqual([deleted]);
      expect(await countOf(instance, { selector: { _deleted: { $eq: false } } })).toBe(1);
    });

    it('brings a deleted document back only with the deleted state as previous', async () => {
      const instance = await ctx().open();
      const a = dealDoc('a');
      await writeOk(instance, insertRows([a]));
      const deleted = nextState(a, { _deleted: true }, BASE_LWT + 1);
      await writeOk(instance, [{ previous: a, document: deleted }]);

      const blind = await instance.bulkWrite([{ document: dealDoc('a') }], 'reinsert');
      expect(errorSummary(blind)).toEqual([['a', 409]]);

      const revived = nextState(deleted, { _deleted: false, title: 'back' }, BASE_LWT + 2);
      await writeOk(instance, [{ previous: deleted, document: revived }]);
      expect(await findById(instance, 'a', false)).toEqual(revived);
    });

    it('stores a document that is inserted already deleted (as replication does)', async () => {
      const instance = await ctx().open();
      const tombstone = dealDoc('gone', {}, { deleted: true });
      await writeOk(instance, insertRows([tombstone]));
      expect(await instance.findDocumentsById(['gone'], false)).toEqual([]);
      expect(await findById(instance, 'gone')).toEqual(tombstone);
    });

    it('keeps strings that are not valid UTF-8: lone surrogates, NUL, control characters', async () => {
      const instance = await ctx().open();
      // A lone surrogate is what slicing an emoji in half leaves; JavaScript strings allow it.
      const doc = dealDoc('odd', {
        title: 'cut \uD83D',
        note: 'a\u0000b\tc\u001f',
        stage: '\uDE00',
      });
      await writeOk(instance, insertRows([doc]));
      expect(await findById(instance, 'odd')).toEqual(doc);
    });

    it('finds by 40,000 ids at once (more than SQL allows as bound parameters)', async () => {
      const instance = await ctx().open();
      await writeOk(instance, insertRows([dealDoc('id-39999'), dealDoc('id-7')]));
      const ids = Array.from({ length: 40_000 }, (_, i) => `id-${i}`);
      const found = await instance.findDocumentsById(ids, false);
      expect(found.map((d) => d.id).sort()).toEqual(['id-39999', 'id-7']);
    });

    it('keeps updating the same document through many revisions', async () => {
      const instance = await ctx().open();
      let current = dealDoc('a');
      await writeOk(instance, insertRows([current]));
      for (let i = 1; i <= 20; i++) {
        const next = nextState(current, { amount: i * 1.5, tags: [`t${i}`] }, BASE_LWT + i);
        await writeOk(instance, [{ previous: current, document: next }]);
        current = next;
      }
      expect(await findById(instance, 'a')).toEqual(current);
      expect(current._rev.startsWith('21-')).toBe(true);
    });
  });
}
