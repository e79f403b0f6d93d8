import { addRxPlugin, type RxCollection } from 'rxdb';
import { RxDBDevModePlugin, disableWarnings } from 'rxdb/plugins/dev-mode';
import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import { wrappedValidateAjvStorage } from 'rxdb/plugins/validate-ajv';
import {
  ensureReplicationHasNoErrors,
  runReplicationBaseTestSuite,
  schemas,
  setConfig,
} from 'rxdb/plugins/test-utils';
import { startTestServer, type TestServer, type TestUser } from '../../server/test-support';
import { createSyncHttpClient, type SyncHttpClient } from '../../shared/sync/http-client';
import { replicateCollection } from '../../shared/sync/replication';
import { createSyncStream } from '../../shared/sync/stream';

/**
 * RxDB's own replication test suite, run with the sync client's replication (the function the
 * engine uses) against the real sync server over HTTP on 127.0.0.1, for both of its storage
 * backends. The clients are RxDB's test humans on RxDB's memory storage.
 */
// The suite's databases use ignoreDuplicate, which RxDB allows in dev-mode only.
disableWarnings();
addRxPlugin(RxDBDevModePlugin);
setConfig({
  storage: {
    name: 'memory',
    // Validated like the LTC database (dev-mode insists on a validator).
    getStorage: () => wrappedValidateAjvStorage({ storage: getRxStorageMemory() }),
    getPerformanceStorage: () => ({ storage: getRxStorageMemory(), description: 'memory' }),
    hasPersistence: false,
    hasMultiInstance: false,
    hasAttachments: false,
    hasReplication: true,
  },
});

describe.each(['sqlite', 'postgres'] as const)('RxDB replication suite on %s', (backend) => {
  let server: TestServer;
  /** Each test starts in an organisation of its own: an empty server, as cleanUpServer means. */
  let admin: TestUser;

  beforeAll(async () => {
    server = await startTestServer({ backend, collections: { human: schemas.human } });
  });
  afterAll(async () => {
    await server?.close();
  });

  function client(): SyncHttpClient {
    const token = admin.token;
    return createSyncHttpClient({ serverUrl: server.url, token: () => token });
  }

  // The suite's humans are any collection; the test utils type them loosely.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  function live(collection: RxCollection<any>) {
    const http = client();
    const stream = createSyncStream({ client: http });
    collection.onClose.push(() => stream.close());
    return replicateCollection(collection, {
      client: http,
      stream$: stream.resync$(collection.name),
      identifier: 'suite',
      // The suite's databases are multi-instance; there is one tab here.
      waitForLeadership: false,
    }).state;
  }

  runReplicationBaseTestSuite({
    startReplication: live,
    syncOnce: async (collection) => {
      const { state } = replicateCollection(collection, {
        client: client(),
        identifier: 'suite',
        live: false,
        waitForLeadership: false,
      });
      ensureReplicationHasNoErrors(state);
      await state.awaitInitialReplication();
    },
    getAllServerDocs: async () => {
      const stored = await server.store.pull(admin.user.orgId, 'human', 0, 100_000);
      return stored.map((doc) => doc.data);
    },
    cleanUpServer: async () => {
      admin = await server.createUser({ role: 'admin' });
    },
    softDeletes: true,
    isDeleted: (doc: { _deleted: boolean }) => doc._deleted,
    getPrimaryOfServerDoc: (doc: { passportId: string }) => doc.passportId,
  });
});
