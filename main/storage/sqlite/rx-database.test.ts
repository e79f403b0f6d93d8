import { addRxPlugin, createRxDatabase, type RxDatabase } from 'rxdb';
import { RxDBMigrationSchemaPlugin } from 'rxdb/plugins/migration-schema';
import { COLLECTION_SCHEMAS } from '../../../shared/schema';
import { MIGRATION_STRATEGIES } from '../../../shared/schema/migrations';

// The LTC schemas are past version 0, so RxDB needs its migration plugin to open them at all.
addRxPlugin(RxDBMigrationSchemaPlugin);
import type { Opportunity } from '../../../shared/domain/entities';
import { getRxStorageSqlite } from './index';
import { tempDirectory } from './test-support';

/**
 * The LTC collections through RxDB itself. RxDB's free build limits how many collections one
 * process may have open, so the database is closed after each test.
 */
describe('SQLite storage under RxDB with the LTC schemas', () => {
  const directory = tempDirectory();
  let database: RxDatabase | undefined;
  afterEach(async () => {
    await database?.close();
    database = undefined;
  });
  afterAll(() => directory.remove());

  function opportunity(id: string, fields: Partial<Opportunity>): Opportunity {
    return {
      id,
      createdAt: 1,
      updatedAt: 1,
      ownerId: 'user-wang',
      ownerName: '王小明',
      archived: false,
      title: `商机 ${id}`,
      accountId: 'acct-1',
      pipelineId: 'default',
      stage: 'qualify',
      stageEnteredAt: 1000,
      stageOrder: 0,
      probability: 10,
      ...fields,
    };
  }

  it('inserts, queries the board in stage order, updates and deletes', async () => {
    const open = () =>
      createRxDatabase({
        name: 'ltc',
        storage: getRxStorageSqlite({ directory: directory.path }),
        multiInstance: false,
      });
    database = await open();
    await database.addCollections(
      Object.fromEntries(
        Object.entries(COLLECTION_SCHEMAS).map(([name, schema]) => [
          name,
          { schema, migrationStrategies: MIGRATION_STRATEGIES[name] ?? {} },
        ]),
      ),
    );
    const opportunities = database.collections.opportunities!;
    await opportunities.bulkInsert([
      opportunity('o-late', { stage: 'proposal', stageOrder: 2, stageEnteredAt: 3000 }),
      opportunity('o-early', { stage: 'proposal', stageOrder: 2, stageEnteredAt: 2000 }),
      opportunity('o-first', { stageEnteredAt: 5000 }),
      opportunity('o-archived', { archived: true }),
      opportunity('o-other', { pipelineId: 'partners' }),
    ]);
    const board = () =>
      opportunities
        .find({
          selector: { archived: false, pipelineId: 'default' },
          sort: [{ stageOrder: 'asc' }, { stageEnteredAt: 'asc' }],
        })
        .exec()
        .then((docs) => docs.map((doc) => doc.primary));
    expect(await board()).toEqual(['o-first', 'o-early', 'o-late']);

    const late = await opportunities.findOne('o-late').exec();
    await late!.incrementalPatch({ stage: 'negotiation', stageOrder: 3, stageEnteredAt: 4000 });
    const first = await opportunities.findOne('o-first').exec();
    await first!.remove();
    expect(await board()).toEqual(['o-early', 'o-late']);
    expect(await opportunities.count({ selector: { archived: false } }).exec()).toBe(3);

    await database.close();
    database = await open();
    await database.addCollections({
      opportunities: {
        schema: COLLECTION_SCHEMAS.opportunities,
        migrationStrategies: MIGRATION_STRATEGIES.opportunities ?? {},
      },
    });
    const reopened = await database.collections.opportunities!.findOne('o-late').exec();
    expect(reopened?.toJSON()).toMatchObject({ stage: 'negotiation', stageOrder: 3 });
    expect(await database.collections.opportunities!.findOne('o-first').exec()).toBeNull();
  });
});
