import { fillWithDefaultSettings, type RxDocumentData, type RxJsonSchema } from 'rxdb';
import { DEAL_SCHEMA, dealDoc, dealPortfolio, type Deal } from './deal-fixtures';
import {
  changesSince,
  countOf,
  findById,
  insertRows,
  queryDocs,
  queryIds,
  writeOk,
  type StorageTestContext,
} from './harness';

/** A stage event keyed by a composite primary key, with SQL keywords as field names. */
interface StageMove {
  key: string;
  order: number;
  group: string;
  select: boolean;
}

const STAGE_MOVE_SCHEMA: RxJsonSchema<RxDocumentData<StageMove>> = fillWithDefaultSettings({
  version: 0,
  primaryKey: { key: 'key', fields: ['group', 'order'], separator: '|' },
  type: 'object',
  properties: {
    key: { type: 'string', maxLength: 60 },
    order: { type: 'number', minimum: 0, maximum: 1000, multipleOf: 1 },
    group: { type: 'string', maxLength: 40 },
    select: { type: 'boolean' },
  },
  required: ['key', 'order', 'group', 'select'],
  indexes: ['order', ['group', 'order'], 'select'],
});

function stageMove(group: string, order: number, select = false): RxDocumentData<StageMove> {
  return {
    key: `${group}|${order}`,
    group,
    order,
    select,
    _deleted: false,
    _rev: '1-conformance',
    _meta: { lwt: 1_767_600_000_000 + order },
    _attachments: {},
  };
}

const withVersion = (version: number) => fillWithDefaultSettings({ ...DEAL_SCHEMA, version });

/** Schemas and names a storage must map without surprises. */
export function describeSchemas(ctx: () => StorageTestContext): void {
  describe('schemas and names', () => {
    it('works with a composite primary key and SQL keywords as field and collection names', async () => {
      const instance = await ctx().open<StageMove>({
        schema: STAGE_MOVE_SCHEMA,
        collectionName: 'select',
      });
      await writeOk(
        instance,
        insertRows([stageMove('won', 3, true), stageMove('lead', 1), stageMove('won', 2)]),
      );
      expect((await findById(instance, 'won|3'))?.select).toBe(true);
      const docs = await queryDocs(instance, {
        selector: { group: { $eq: 'won' }, _deleted: { $eq: false } },
        sort: [{ order: 'desc' }],
      });
      expect(docs.map((d) => d.key)).toEqual(['won|3', 'won|2']);
      expect(await countOf(instance, { selector: { select: { $eq: false } } })).toBe(2);
      const feed = await changesSince(instance, 10);
      expect(feed.documents.map((d) => d.key)).toEqual(['lead|1', 'won|2', 'won|3']);
      expect(feed.checkpoint).toEqual({ id: 'won|3', lwt: 1_767_600_000_003 });
    });

    it('keeps apart names that only differ in where the version number ends', async () => {
      const pairs: [string, RxJsonSchema<RxDocumentData<Deal>>][] = [
        ['deals', withVersion(1)],
        ['deals1', withVersion(0)],
        ['deals', withVersion(11)],
        ['deals1', withVersion(1)],
      ];
      const instances = [];
      for (const [collectionName, schema] of pairs) {
        const instance = await ctx().open({ collectionName, schema });
        await writeOk(instance, insertRows([dealDoc(`${collectionName}-v${schema.version}`)]));
        instances.push(instance);
      }
      for (const [index, [collectionName, schema]] of pairs.entries()) {
        const instance = instances[index];
        if (!instance) throw new Error('instance missing');
        expect(await queryIds(instance, { selector: {}, sort: [{ id: 'asc' }] })).toEqual([
          `${collectionName}-v${schema.version}`,
        ]);
      }
    });

    it('a query that names its index returns what the planner’s choice returns', async () => {
      const instance = await ctx().open();
      await writeOk(instance, insertRows(dealPortfolio()));
      const selector = { _deleted: { $eq: false }, won: { $eq: false }, amount: { $gt: -100 } };
      const sort = [{ amount: 'asc' as const }];
      const free = await queryIds(instance, { selector, sort });
      expect(free).toEqual(['d03', 'd02', 'd07', 'd05']);
      // A named index must be one the storage has: RxDB's filled schema prefixes _deleted.
      for (const index of [['_deleted', 'won', 'amount'], ['_deleted', 'title'], ['_meta.lwt']]) {
        expect(await queryIds(instance, { selector, sort, index })).toEqual(free);
      }
    });
  });
}
