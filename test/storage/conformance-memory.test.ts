import { fillWithDefaultSettings, randomToken } from 'rxdb';
import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import { describeStorageConformance } from './conformance';
import { DEAL_SCHEMA } from './conformance/deal-fixtures';
import { uniqueDatabaseName } from './conformance/harness';

// The reference: RxDB's own memory storage. It keeps data per database name for the whole
// process, so a fresh getRxStorageMemory() over the same name is a "reopen".
describeStorageConformance('RxDB memory storage (reference)', () => ({
  storage: getRxStorageMemory(),
  reopen: () => getRxStorageMemory(),
}));

describe('RxDB memory storage: attachments', () => {
  // Documents the reference: memory accepts attachments; our SQLite storage refuses them
  // (conformance-sqlite.test.ts).
  it('accepts a schema with attachments', async () => {
    const instance = await getRxStorageMemory().createStorageInstance({
      databaseInstanceToken: randomToken(10),
      databaseName: uniqueDatabaseName(),
      collectionName: 'deals',
      schema: fillWithDefaultSettings({ ...DEAL_SCHEMA, attachments: {} }),
      options: {},
      multiInstance: false,
      devMode: true,
    });
    await instance.remove();
  });
});
