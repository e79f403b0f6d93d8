import { BASE_LWT, dealPortfolio, nextState } from './deal-fixtures';
import {
  findById,
  insertRows,
  queryIds,
  writeOk,
  type StorageQuery,
  type StorageTestContext,
} from './harness';

const LIVE = { _deleted: { $eq: false } } as const;

/**
 * Orders of the seven live deals of dealPortfolio(), by hand. Strings order by UTF-16 code unit;
 * RxDB appends the primary key to every sort, so ties fall back to id ascending.
 */
const ORDER_CASES: [name: string, sort: StorageQuery['sort'], ids: string[]][] = [
  [
    'indexed string ascending',
    [{ title: 'asc' }],
    ['d02', 'd03', 'd07', 'd04', 'd01', 'd05', 'd06'],
  ],
  [
    'indexed string descending',
    [{ title: 'desc' }],
    ['d06', 'd05', 'd01', 'd04', 'd07', 'd03', 'd02'],
  ],
  [
    'indexed decimal ascending',
    [{ amount: 'asc' }],
    ['d06', 'd03', 'd02', 'd04', 'd07', 'd01', 'd05'],
  ],
  [
    'indexed decimal descending',
    [{ amount: 'desc' }],
    ['d05', 'd01', 'd07', 'd04', 'd02', 'd03', 'd06'],
  ],
  [
    'compound index, mixed directions',
    [{ won: 'asc' }, { amount: 'desc' }],
    ['d05', 'd07', 'd02', 'd03', 'd01', 'd04', 'd06'],
  ],
  [
    'boolean descending, then string',
    [{ won: 'desc' }, { title: 'asc' }],
    ['d04', 'd01', 'd06', 'd02', 'd03', 'd07', 'd05'],
  ],
  [
    'boolean with id tie-break',
    [{ won: 'asc' }],
    ['d02', 'd03', 'd05', 'd07', 'd01', 'd04', 'd06'],
  ],
  ['non-indexed decimal', [{ score: 'asc' }], ['d05', 'd01', 'd02', 'd06', 'd03', 'd07', 'd04']],
  [
    'two non-indexed fields',
    [{ stage: 'asc' }, { score: 'desc' }],
    ['d05', 'd01', 'd07', 'd03', 'd02', 'd04', 'd06'],
  ],
  [
    'non-indexed string descending with ties',
    [{ stage: 'desc' }],
    ['d04', 'd06', 'd02', 'd03', 'd07', 'd01', 'd05'],
  ],
  [
    'nested non-indexed field',
    [{ 'address.zip': 'asc' }],
    ['d05', 'd02', 'd03', 'd06', 'd01', 'd07', 'd04'],
  ],
  [
    'nested indexed field descending',
    [{ 'address.city': 'desc' }],
    ['d01', 'd06', 'd03', 'd05', 'd07', 'd04', 'd02'],
  ],
  // Mingo's comparator puts a missing value before any string.
  ['optional field', [{ note: 'asc' }], ['d02', 'd03', 'd05', 'd06', 'd07', 'd01', 'd04']],
];

export function describeSorting(ctx: () => StorageTestContext): void {
  describe('sort, skip, limit', () => {
    async function portfolio() {
      const instance = await ctx().open();
      await writeOk(instance, insertRows(dealPortfolio()));
      return instance;
    }

    it.each(ORDER_CASES)('sorts by %s', async (_name, sort, expected) => {
      const instance = await portfolio();
      expect(await queryIds(instance, { selector: LIVE, sort })).toEqual(expected);
    });

    it('limit takes the first documents in sort order', async () => {
      const instance = await portfolio();
      const ids = await queryIds(instance, { selector: LIVE, sort: [{ amount: 'asc' }], limit: 3 });
      expect(ids).toEqual(['d06', 'd03', 'd02']);
    });

    it('skip and limit together', async () => {
      const instance = await portfolio();
      const query = { selector: LIVE, sort: [{ amount: 'asc' as const }], skip: 2, limit: 3 };
      expect(await queryIds(instance, query)).toEqual(['d02', 'd04', 'd07']);
    });

    it('skip alone, and skip past the end', async () => {
      const instance = await portfolio();
      const sort = [{ amount: 'asc' as const }];
      expect(await queryIds(instance, { selector: LIVE, sort, skip: 5 })).toEqual(['d01', 'd05']);
      expect(await queryIds(instance, { selector: LIVE, sort, skip: 10 })).toEqual([]);
    });

    it('an explicit limit of 0 returns nothing', async () => {
      const instance = await portfolio();
      expect(
        await queryIds(instance, { selector: LIVE, sort: [{ title: 'asc' }], limit: 0 }),
      ).toEqual([]);
    });

    it('skip and limit apply after filtering and re-sorting on a non-indexed sort', async () => {
      const instance = await portfolio();
      expect(
        await queryIds(instance, { selector: LIVE, sort: [{ score: 'asc' }], skip: 1, limit: 2 }),
      ).toEqual(['d01', 'd02']);
      const selector = { ...LIVE, stage: { $in: ['proposal', 'won'] } };
      expect(
        await queryIds(instance, { selector, sort: [{ title: 'desc' }], skip: 1, limit: 2 }),
      ).toEqual(['d04', 'd07']);
    });

    it('pages of skip + limit add up to the whole result', async () => {
      const instance = await portfolio();
      const sort = [{ title: 'asc' as const }];
      const pages: string[] = [];
      for (let skip = 0; skip < 8; skip += 2) {
        pages.push(...(await queryIds(instance, { selector: LIVE, sort, skip, limit: 2 })));
      }
      expect(pages).toEqual(await queryIds(instance, { selector: LIVE, sort }));
    });

    it('keeps index order right when updates change indexed values and deletes remove rows', async () => {
      const instance = await portfolio();
      const d07 = await findById(instance, 'd07');
      const d06 = await findById(instance, 'd06');
      if (!d07 || !d06) throw new Error('portfolio not stored');
      await writeOk(instance, [
        { previous: d07, document: nextState(d07, { amount: -200_000, won: true }, BASE_LWT + 20) },
        { previous: d06, document: nextState(d06, { _deleted: true }, BASE_LWT + 20) },
      ]);
      expect(await queryIds(instance, { selector: LIVE, sort: [{ amount: 'asc' }] })).toEqual([
        'd07',
        'd03',
        'd02',
        'd04',
        'd01',
        'd05',
      ]);
      expect(
        await queryIds(instance, { selector: { ...LIVE, won: true }, sort: [{ amount: 'desc' }] }),
      ).toEqual(['d01', 'd04', 'd07']);
    });
  });
}
