import { BASE_LWT, dealDoc, nextState } from './deal-fixtures';
import {
  errorSummary,
  findById,
  insertRows,
  queryIds,
  writeOk,
  type StorageTestContext,
} from './harness';

/** Calls that overlap: RxDB does not wait for one storage call before it starts the next. */
export function describeConcurrency(ctx: () => StorageTestContext): void {
  describe('overlapping calls', () => {
    it('of concurrent updates from one previous state, exactly one wins', async () => {
      const instance = await ctx().open();
      const a = dealDoc('a');
      await writeOk(instance, insertRows([a]));
      const results = await Promise.all(
        [1, 2, 3].map((n) =>
          instance.bulkWrite(
            [{ previous: a, document: nextState(a, { amount: n }, BASE_LWT + n) }],
            `w${n}`,
          ),
        ),
      );
      // Writes apply in call order, so the first call wins and the others see its revision.
      expect(results.map((r) => errorSummary(r))).toEqual([[], [['a', 409]], [['a', 409]]]);
      expect((await findById(instance, 'a'))?.amount).toBe(1);
    });

    it('a change listener may write from inside its callback', async () => {
      const instance = await ctx().open();
      const followUps: Promise<unknown>[] = [];
      const order: string[] = [];
      const subscription = instance.changeStream().subscribe((bulk) => {
        order.push(...bulk.events.map((e) => e.documentId));
        if (bulk.events.some((e) => e.documentId === 'lead')) {
          // As replication or a hook might: react to a write with another write.
          followUps.push(instance.bulkWrite(insertRows([dealDoc('follow-up')]), 'follow-up'));
        }
      });
      await writeOk(instance, insertRows([dealDoc('lead')]));
      await vi.waitFor(() => expect(followUps).toHaveLength(1));
      const [followUp] = await Promise.all(followUps);
      expect(followUp).toEqual({ error: [] });
      await vi.waitFor(() => expect(order).toEqual(['lead', 'follow-up']));
      expect(await queryIds(instance, { selector: {}, sort: [{ id: 'asc' }] })).toEqual([
        'follow-up',
        'lead',
      ]);
      subscription.unsubscribe();
    });

    it('a write started before close() is kept', async () => {
      const instance = await ctx().open();
      const write = instance.bulkWrite(insertRows([dealDoc('last-word')]), 'before-close');
      const closing = instance.close();
      expect((await write).error).toEqual([]);
      await closing;
      const reopened = await ctx().open({ storage: ctx().reopenStorage() });
      expect((await findById(reopened, 'last-word'))?.id).toBe('last-word');
    });

    it('closing one collection leaves the others of the database working', async () => {
      const deals = await ctx().open();
      const archive = await ctx().open({ collectionName: 'archive' });
      const notes = await ctx().open({ collectionName: 'notes' });
      await writeOk(deals, insertRows([dealDoc('d')]));
      await deals.close();
      await writeOk(archive, insertRows([dealDoc('a')]));
      await archive.close();
      await writeOk(notes, insertRows([dealDoc('n')]));
      expect(await queryIds(notes, { selector: {}, sort: [{ id: 'asc' }] })).toEqual(['n']);
      const dealsAgain = await ctx().open();
      expect(await queryIds(dealsAgain, { selector: {}, sort: [{ id: 'asc' }] })).toEqual(['d']);
    });

    it('reads that overlap a write see it entirely or not at all', async () => {
      const instance = await ctx().open();
      const docs = Array.from({ length: 500 }, (_, i) => dealDoc(`r${i}`));
      const write = instance.bulkWrite(insertRows(docs), 'big');
      const counts = await Promise.all([
        queryIds(instance, { selector: {}, sort: [{ id: 'asc' }] }).then((ids) => ids.length),
        write.then(() => queryIds(instance, { selector: {}, sort: [{ id: 'asc' }] })),
      ]);
      expect([0, 500]).toContain(counts[0]);
      expect(counts[1]).toHaveLength(500);
    });
  });
}
