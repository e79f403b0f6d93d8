import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRxDatabase, fillWithDefaultSettings, randomToken } from 'rxdb';
import { getRxStorageSqlite } from '../../main/storage/sqlite';
import { describeStorageConformance } from './conformance';
import { DEAL_SCHEMA } from './conformance/deal-fixtures';
import { uniqueDatabaseName } from './conformance/harness';

/** A fresh directory per test; "reopen" is a new storage object on it, as after an app restart. */
function sqliteInTempDirectory() {
  const directory = mkdtempSync(join(tmpdir(), 'ltc-sqlite-conformance-'));
  return {
    directory,
    storage: getRxStorageSqlite({ directory }),
    reopen: () => getRxStorageSqlite({ directory }),
    cleanup: async () => rmSync(directory, { recursive: true, force: true }),
  };
}

describeStorageConformance('LTC SQLite storage', sqliteInTempDirectory);

describe('LTC SQLite storage: beyond the shared suite', () => {
  let made: ReturnType<typeof sqliteInTempDirectory>;
  beforeEach(() => {
    made = sqliteInTempDirectory();
  });
  afterEach(() => made.cleanup());

  const schemaWithAttachments = fillWithDefaultSettings({ ...DEAL_SCHEMA, attachments: {} });

  // RxDB's memory storage accepts attachments; ours refuses them at creation, clearly, rather
  // than storing documents whose attachment data it would silently drop.
  it('refuses a schema with attachments when the instance is created', async () => {
    await expect(
      made.storage.createStorageInstance({
        databaseInstanceToken: randomToken(10),
        databaseName: uniqueDatabaseName(),
        collectionName: 'deals',
        schema: schemaWithAttachments,
        options: {},
        multiInstance: false,
        devMode: true,
      }),
    ).rejects.toThrow(/attachments/);
  });

  it('refuses a collection with attachments through createRxDatabase', async () => {
    const database = await createRxDatabase({
      name: uniqueDatabaseName(),
      storage: made.storage,
      multiInstance: false,
    });
    try {
      await expect(
        database.addCollections({ deals: { schema: { ...DEAL_SCHEMA, attachments: {} } } }),
      ).rejects.toThrow(/attachments/);
    } finally {
      await database.close();
    }
  });
});
