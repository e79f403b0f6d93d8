import type { MangoQuerySelector, RxDocumentData } from 'rxdb';
import { dealPortfolio, type Deal } from './deal-fixtures';
import { OPERATOR_CASES } from './operator-cases';
import { countOf, insertRows, queryIds, writeOk, type StorageTestContext } from './harness';

const AMOUNT_BY_ID = new Map(dealPortfolio().map((d) => [d.id, d.amount]));

/** Live documents only, the way RxDB's collections always query a storage. */
function live(
  selector: MangoQuerySelector<RxDocumentData<Deal>>,
): MangoQuerySelector<RxDocumentData<Deal>> {
  return { ...selector, _deleted: { $eq: false } };
}

/**
 * Each operator case runs three ways: sorted by primary key, sorted by an indexed number
 * descending (so the query planner picks a different index and must re-sort), and as a count.
 */
export function describeQueryOperators(ctx: () => StorageTestContext): void {
  describe('query operators', () => {
    it.each(OPERATOR_CASES)('%s', async (_name, selector, expected) => {
      const instance = await ctx().open();
      await writeOk(instance, insertRows(dealPortfolio()));

      expect(await queryIds(instance, { selector: live(selector), sort: [{ id: 'asc' }] })).toEqual(
        expected,
      );

      const byAmountDesc = [...expected].sort(
        (a, b) => (AMOUNT_BY_ID.get(b) ?? 0) - (AMOUNT_BY_ID.get(a) ?? 0),
      );
      expect(
        await queryIds(instance, { selector: live(selector), sort: [{ amount: 'desc' }] }),
      ).toEqual(byAmountDesc);

      expect(await countOf(instance, { selector: live(selector) })).toBe(expected.length);
    });

    it('$in with 40,000 values on an indexed field', async () => {
      const instance = await ctx().open();
      await writeOk(instance, insertRows(dealPortfolio()));
      const titles = Array.from({ length: 40_000 }, (_, i) => `title ${i}`);
      const selector = live({ title: { $in: [...titles, 'zeta', '😀 emoji deal'] } });
      expect(await queryIds(instance, { selector, sort: [{ id: 'asc' }] })).toEqual(['d05', 'd07']);
      expect(await countOf(instance, { selector })).toBe(2);
    });

    it('without a _deleted condition, deleted documents match too (replication reads them)', async () => {
      const instance = await ctx().open();
      await writeOk(instance, insertRows(dealPortfolio()));
      const selector = { title: { $regex: 'acme', $options: 'i' } };
      expect(await queryIds(instance, { selector, sort: [{ id: 'asc' }] })).toEqual([
        'd02',
        'd03',
        'd08',
      ]);
      expect(await countOf(instance, { selector })).toBe(3);
      expect(
        await queryIds(instance, { selector: { _deleted: { $eq: true } }, sort: [{ id: 'asc' }] }),
      ).toEqual(['d08']);
    });
  });
}
