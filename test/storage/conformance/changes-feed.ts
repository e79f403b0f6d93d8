import { BASE_LWT, dealDoc, nextState } from './deal-fixtures';
import { changesSince, insertRows, writeOk, type StorageTestContext } from './harness';

const L = BASE_LWT;

/**
 * getChangedDocumentsSince is what replication pulls from: every write, deletes included, ordered
 * by (lwt, primary key), resumable from any checkpoint without gaps or repeats.
 */
export function describeChangesFeed(ctx: () => StorageTestContext): void {
  describe('getChangedDocumentsSince', () => {
    async function feedFixture() {
      const instance = await ctx().open();
      // Written out of order on purpose; b and c share a last-write time.
      await writeOk(
        instance,
        insertRows([
          dealDoc('c', {}, { lwt: L + 1 }),
          dealDoc('a', {}, { lwt: L + 2 }),
          dealDoc('b', {}, { lwt: L + 1 }),
          dealDoc('d', {}, { lwt: L + 0.5, deleted: true }),
        ]),
      );
      return instance;
    }

    it('returns every document, deleted ones too, ordered by lwt then id', async () => {
      const instance = await feedFixture();
      const page = await changesSince(instance, 10);
      expect(page.documents.map((d) => d.id)).toEqual(['d', 'b', 'c', 'a']);
      expect(page.checkpoint).toEqual({ id: 'a', lwt: L + 2 });
    });

    it('pages with limits and checkpoints, without gaps or repeats', async () => {
      const instance = await feedFixture();
      const first = await changesSince(instance, 2);
      expect(first.documents.map((d) => d.id)).toEqual(['d', 'b']);
      expect(first.checkpoint).toEqual({ id: 'b', lwt: L + 1 });
      const second = await changesSince(instance, 2, first.checkpoint);
      expect(second.documents.map((d) => d.id)).toEqual(['c', 'a']);
      const third = await changesSince(instance, 2, second.checkpoint);
      expect(third.documents).toEqual([]);
      expect(third.checkpoint).toEqual(second.checkpoint);
    });

    it('resumes inside a run of equal lwt by primary key', async () => {
      const instance = await feedFixture();
      const page = await changesSince(instance, 10, { id: 'b', lwt: L + 1 });
      expect(page.documents.map((d) => d.id)).toEqual(['c', 'a']);
      const before = await changesSince(instance, 10, { id: 'bb', lwt: L + 0.75 });
      expect(before.documents.map((d) => d.id)).toEqual(['b', 'c', 'a']);
    });

    it('an update moves the document to the end of the feed, once', async () => {
      const instance = await feedFixture();
      const head = await changesSince(instance, 10);
      const b = head.documents.find((d) => d.id === 'b');
      if (!b) throw new Error('b missing');
      const b2 = nextState(b, { title: 'b2' }, L + 3);
      await writeOk(instance, [{ previous: b, document: b2 }]);
      const after = await changesSince(instance, 10, head.checkpoint);
      expect(after.documents).toEqual([b2]);
      const all = await changesSince(instance, 10);
      expect(all.documents.map((d) => d.id)).toEqual(['d', 'c', 'a', 'b']);
    });

    it('keeps the 0.01 ms steps of RxDB clock exactly', async () => {
      const instance = await ctx().open();
      const t = 1_767_600_123_456;
      await writeOk(
        instance,
        insertRows([
          dealDoc('x', {}, { lwt: t + 0.03 }),
          dealDoc('y', {}, { lwt: t + 0.01 }),
          dealDoc('z', {}, { lwt: t + 0.02 }),
        ]),
      );
      const page = await changesSince(instance, 10);
      expect(page.documents.map((d) => [d.id, d._meta.lwt])).toEqual([
        ['y', t + 0.01],
        ['z', t + 0.02],
        ['x', t + 0.03],
      ]);
      const rest = await changesSince(instance, 10, { id: 'y', lwt: t + 0.01 });
      expect(rest.documents.map((d) => d.id)).toEqual(['z', 'x']);
    });

    it('returns nothing for an empty collection and keeps a given checkpoint', async () => {
      const instance = await ctx().open();
      expect((await changesSince(instance, 10)).documents).toEqual([]);
      const checkpoint = { id: 'q', lwt: L };
      expect(await changesSince(instance, 10, checkpoint)).toEqual({ documents: [], checkpoint });
    });

    it('walks a large feed in small pages', async () => {
      const instance = await ctx().open();
      // 300 documents over 30 distinct times: ten share each lwt.
      const docs = Array.from({ length: 300 }, (_, i) =>
        dealDoc(`k${String(299 - i).padStart(3, '0')}`, {}, { lwt: L + (i % 30) * 0.01 }),
      );
      await writeOk(instance, insertRows(docs));
      const walked: string[] = [];
      let page = await changesSince(instance, 7);
      while (page.documents.length > 0) {
        walked.push(...page.documents.map((d) => d.id));
        page = await changesSince(instance, 7, page.checkpoint);
      }
      const expected = [...docs]
        .sort((a, b) => a._meta.lwt - b._meta.lwt || (a.id < b.id ? -1 : 1))
        .map((d) => d.id);
      expect(walked).toEqual(expected);
    });
  });
}
