import { addRxPlugin, createRxDatabase, type RxCollection, type RxDatabase } from 'rxdb';
import { RxDBMigrationSchemaPlugin } from 'rxdb/plugins/migration-schema';
import { DEAL_SCHEMA, plainDeal, type Deal } from './deal-fixtures';
import {
  changesSince,
  uniqueDatabaseName,
  type AnyRxStorage,
  type StorageTestContext,
} from './harness';

// Added before any database exists: RxDB builds collection prototypes once per process.
addRxPlugin(RxDBMigrationSchemaPlugin);

type DealDatabase = RxDatabase<{ deals: RxCollection<Deal> }>;

/** The storage under a real RxDatabase: RxDB's wrapper sets revisions and lwt, queries go through RxQuery. */
export function describeThroughRxDatabase(ctx: () => StorageTestContext): void {
  describe('through createRxDatabase', () => {
    const open: DealDatabase[] = [];
    /** Version 1 of the schema upper-cases stages when it migrates version 0 documents. */
    async function openDatabase(
      storage: AnyRxStorage,
      name: string,
      version = 0,
    ): Promise<DealDatabase> {
      const database: DealDatabase = await createRxDatabase({
        name,
        storage,
        multiInstance: false,
      });
      open.push(database);
      const migrationStrategies = {
        1: (old: Deal) => ({ ...old, stage: old.stage.toUpperCase() }),
      };
      await database.addCollections({
        deals: {
          schema: { ...DEAL_SCHEMA, version },
          ...(version > 0 ? { migrationStrategies } : {}),
        },
      });
      return database;
    }
    afterEach(async () => {
      await Promise.all(open.splice(0).map((d) => d.close()));
    });

    it('inserts, queries, patches, removes and persists across a database restart', async () => {
      const name = uniqueDatabaseName();
      const first = await openDatabase(ctx().storage, name);
      await first.deals.bulkInsert([
        plainDeal('a', { title: '华为', amount: 300, won: true }),
        plainDeal('b', { title: 'Acme', amount: -5 }),
        plainDeal('c', { title: 'zeta', amount: 42.42 }),
      ]);
      const c = await first.deals.findOne('c').exec(true);
      await c.incrementalPatch({ amount: 1000, stage: 'won' });
      await (await first.deals.findOne('b').exec(true)).remove();

      const byAmount = await first.deals.find({ sort: [{ amount: 'desc' }] }).exec();
      expect(byAmount.map((d) => d.id)).toEqual(['c', 'a']);
      expect(await first.deals.count({ selector: { won: true } }).exec()).toBe(1);
      await first.close();

      const second = await openDatabase(ctx().reopenStorage(), name);
      const docs = await second.deals.find({ sort: [{ id: 'asc' }] }).exec();
      expect(docs.map((d) => [d.id, d.amount, d.stage])).toEqual([
        ['a', 300, 'qualification'],
        ['c', 1000, 'won'],
      ]);
      expect((await second.deals.findOne('c').exec(true)).revision.startsWith('2-')).toBe(true);
    });

    it('migrates a collection to a new schema version across a restart', async () => {
      const name = uniqueDatabaseName();
      const first = await openDatabase(ctx().storage, name);
      await first.deals.bulkInsert([plainDeal('a', { stage: 'won' }), plainDeal('b')]);
      await (await first.deals.findOne('b').exec(true)).remove();
      await first.close();

      const migrated = await openDatabase(ctx().reopenStorage(), name, 1);
      const docs = await migrated.deals.find().exec();
      expect(docs.map((d) => [d.id, d.stage])).toEqual([['a', 'WON']]);
      await migrated.close();

      const again = await openDatabase(ctx().reopenStorage(), name, 1);
      expect((await again.deals.find().exec()).map((d) => d.stage)).toEqual(['WON']);
      // RxDB removed the version 0 collection once its documents were migrated.
      const oldVersion = await ctx().open({ storage: ctx().reopenStorage(), databaseName: name });
      expect(await changesSince(oldVersion, 10)).toMatchObject({ documents: [] });
    });

    it('database.remove() deletes every collection: the same name opens empty', async () => {
      const name = uniqueDatabaseName();
      const first = await openDatabase(ctx().storage, name);
      await first.deals.insert(plainDeal('a'));
      await first.remove();
      const second = await openDatabase(ctx().reopenStorage(), name);
      expect(await second.deals.count().exec()).toBe(0);
    });

    it('documents of one bulkInsert share one lwt; the feed orders them by id', async () => {
      const database = await openDatabase(ctx().storage, uniqueDatabaseName());
      await database.deals.bulkInsert([plainDeal('y'), plainDeal('x'), plainDeal('z')]);
      const feed = await changesSince(database.deals.storageInstance, 10);
      expect(feed.documents.map((d) => d.id)).toEqual(['x', 'y', 'z']);
      expect(new Set(feed.documents.map((d) => d._meta.lwt)).size).toBe(1);
    });

    it('a second insert of an id fails with RxDB’s CONFLICT error', async () => {
      const database = await openDatabase(ctx().storage, uniqueDatabaseName());
      await database.deals.insert(plainDeal('a'));
      await expect(database.deals.insert(plainDeal('a'))).rejects.toMatchObject({
        code: 'CONFLICT',
      });
    });

    it('a live query follows inserts and updates', async () => {
      const database = await openDatabase(ctx().storage, uniqueDatabaseName());
      const results: string[][] = [];
      const subscription = database.deals
        .find({ selector: { amount: { $gte: 100 } }, sort: [{ amount: 'asc' }] })
        .$.subscribe((docs) => results.push(docs.map((d) => d.id)));
      await database.deals.insert(plainDeal('small', { amount: 1 }));
      await database.deals.insert(plainDeal('big', { amount: 500 }));
      const small = await database.deals.findOne('small').exec(true);
      await small.incrementalPatch({ amount: 200 });
      await vi.waitFor(() => expect(results.at(-1)).toEqual(['small', 'big']));
      subscription.unsubscribe();
    });
  });
}
