import type { EventBulk, RxDocumentData, RxStorageChangeEvent } from 'rxdb';
import { BASE_LWT, dealDoc, nextState, type Deal } from './deal-fixtures';
import {
  findById,
  insertRows,
  writeOk,
  type ChangeCheckpoint,
  type StorageInstance,
  type StorageTestContext,
} from './harness';

type DealEventBulk = EventBulk<RxStorageChangeEvent<RxDocumentData<Deal>>, ChangeCheckpoint>;

/**
 * Records a change stream. Waiting is on the number of bulks (vi.waitFor), never a sleep, so a
 * storage may emit synchronously or a little after bulkWrite resolves.
 */
function recordChanges(instance: StorageInstance) {
  const bulks: DealEventBulk[] = [];
  const subscription = instance.changeStream().subscribe((bulk) => {
    bulks.push(bulk as DealEventBulk);
  });
  return {
    bulks,
    stop: () => subscription.unsubscribe(),
    waitForBulks: (n: number) => vi.waitFor(() => expect(bulks.length).toBe(n)),
  };
}

function operations(bulk: DealEventBulk | undefined) {
  return bulk?.events.map((e) => [e.operation, e.documentId]);
}

export function describeChangeStream(ctx: () => StorageTestContext): void {
  describe('changeStream', () => {
    it('emits one bulk per bulkWrite, INSERT events in write order, with context and checkpoint', async () => {
      const instance = await ctx().open();
      const changes = recordChanges(instance);
      const docs = [
        dealDoc('b', {}, { lwt: BASE_LWT + 1 }),
        dealDoc('a', {}, { lwt: BASE_LWT + 2 }),
      ];
      await instance.bulkWrite(insertRows(docs), 'first-write');
      await changes.waitForBulks(1);
      const bulk = changes.bulks[0];
      expect(operations(bulk)).toEqual([
        ['INSERT', 'b'],
        ['INSERT', 'a'],
      ]);
      expect(bulk?.events.map((e) => e.documentData)).toEqual(docs);
      expect(bulk?.events.every((e) => e.previousDocumentData == null)).toBe(true);
      expect(bulk?.context).toBe('first-write');
      // The checkpoint is the last row written, so the feed can continue right after it.
      expect(bulk?.checkpoint).toEqual({ id: 'a', lwt: BASE_LWT + 2 });
      changes.stop();
    });

    it('reports UPDATE, DELETE and revival as INSERT, with the previous state', async () => {
      const instance = await ctx().open();
      const v1 = dealDoc('a');
      await writeOk(instance, insertRows([v1]));
      const changes = recordChanges(instance);
      const v2 = nextState(v1, { title: 'v2' }, BASE_LWT + 1);
      const v3 = nextState(v2, { _deleted: true }, BASE_LWT + 2);
      const v4 = nextState(v3, { _deleted: false, title: 'v4' }, BASE_LWT + 3);
      await writeOk(instance, [{ previous: v1, document: v2 }]);
      await writeOk(instance, [{ previous: v2, document: v3 }]);
      await writeOk(instance, [{ previous: v3, document: v4 }]);
      await changes.waitForBulks(3);
      const [update, remove, revive] = changes.bulks.map((b) => b.events[0]);
      expect(update).toMatchObject({
        operation: 'UPDATE',
        documentData: v2,
        previousDocumentData: v1,
      });
      expect(remove).toMatchObject({
        operation: 'DELETE',
        documentData: v3,
        previousDocumentData: v2,
      });
      expect(revive).toMatchObject({ operation: 'INSERT', documentData: v4 });
      expect(new Set(changes.bulks.map((b) => b.id)).size).toBe(3);
      changes.stop();
    });

    it('emits nothing for a write whose rows all conflict', async () => {
      const instance = await ctx().open();
      const a = dealDoc('a');
      await writeOk(instance, insertRows([a]));
      const changes = recordChanges(instance);
      const result = await instance.bulkWrite([{ document: dealDoc('a') }], 'conflict');
      expect(result.error).toHaveLength(1);
      // A later write's bulk arrives; had the conflict emitted, it would have come first.
      await writeOk(instance, insertRows([dealDoc('b')]));
      await changes.waitForBulks(1);
      expect(operations(changes.bulks[0])).toEqual([['INSERT', 'b']]);
      changes.stop();
    });

    it('emits only the rows that were written when some conflict', async () => {
      const instance = await ctx().open();
      await writeOk(instance, insertRows([dealDoc('a')]));
      const changes = recordChanges(instance);
      await instance.bulkWrite(
        [
          { document: dealDoc('c', {}, { lwt: BASE_LWT + 5 }) },
          { document: dealDoc('a', {}, { lwt: BASE_LWT + 6 }) },
        ],
        'partial',
      );
      await changes.waitForBulks(1);
      expect(operations(changes.bulks[0])).toEqual([['INSERT', 'c']]);
      expect(changes.bulks[0]?.checkpoint).toEqual({ id: 'c', lwt: BASE_LWT + 5 });
      changes.stop();
    });

    it('emits after the write is committed: a listener reads the new state', async () => {
      const instance = await ctx().open();
      const seen: (string | undefined)[] = [];
      const subscription = instance.changeStream().subscribe((bulk) => {
        void Promise.all(bulk.events.map((e) => findById(instance, e.documentId))).then((docs) =>
          seen.push(...docs.map((d) => d?.title)),
        );
      });
      await writeOk(instance, insertRows([dealDoc('a', { title: 'committed' })]));
      await vi.waitFor(() => expect(seen).toEqual(['committed']));
      subscription.unsubscribe();
    });

    it('stores a document inserted already deleted without an event for it', async () => {
      const instance = await ctx().open();
      const changes = recordChanges(instance);
      await writeOk(instance, insertRows([dealDoc('gone', {}, { deleted: true })]));
      await writeOk(instance, insertRows([dealDoc('b')]));
      await changes.waitForBulks(1);
      expect(operations(changes.bulks[0])).toEqual([['INSERT', 'b']]);
      changes.stop();
    });

    it('a collection does not see writes to another collection of the database', async () => {
      const deals = await ctx().open();
      const archive = await ctx().open({ collectionName: 'archive' });
      const dealChanges = recordChanges(deals);
      const archiveChanges = recordChanges(archive);
      await writeOk(archive, insertRows([dealDoc('x')]));
      await writeOk(deals, insertRows([dealDoc('y')]));
      await dealChanges.waitForBulks(1);
      await archiveChanges.waitForBulks(1);
      expect(operations(dealChanges.bulks[0])).toEqual([['INSERT', 'y']]);
      expect(operations(archiveChanges.bulks[0])).toEqual([['INSERT', 'x']]);
      dealChanges.stop();
      archiveChanges.stop();
    });
  });
}
