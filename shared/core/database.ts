import {
  addRxPlugin,
  createRxDatabase,
  type RxCollection,
  type RxDatabase,
  type RxStorage,
} from 'rxdb';
import { RxDBDevModePlugin, disableWarnings } from 'rxdb/plugins/dev-mode';
import { RxDBLocalDocumentsPlugin } from 'rxdb/plugins/local-documents';
import { RxDBMigrationSchemaPlugin } from 'rxdb/plugins/migration-schema';
import type {
  Account,
  Activity,
  Contact,
  Contract,
  Delivery,
  FieldChange,
  Invoice,
  Lead,
  Opportunity,
  Payment,
  StageEvent,
} from '../domain/entities';
import type { Pipeline } from '../domain/pipelines';
import { COLLECTION_SCHEMAS, type CollectionName } from '../schema/collections';
import { MIGRATION_STRATEGIES } from '../schema/migrations';
import { validatedStorage } from './validated-storage';

/**
 * Collection name → the entity its documents hold. Spelled out rather than inferred from the
 * schemas, so generic code over collection names still sees object types.
 */
export interface LtcDocuments {
  accounts: Account;
  contacts: Contact;
  leads: Lead;
  opportunities: Opportunity;
  contracts: Contract;
  deliveries: Delivery;
  invoices: Invoice;
  payments: Payment;
  activities: Activity;
  stageevents: StageEvent;
  fieldchanges: FieldChange;
  pipelines: Pipeline;
}

export type LtcCollections = { [C in CollectionName]: RxCollection<LtcDocuments[C]> };
export type LtcDatabase = RxDatabase<LtcCollections>;

export interface LtcDatabaseOptions {
  // Any RxStorage will do (memory, Dexie, the project's SQLite); their internals types differ.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  storage: RxStorage<any, any>;
  databaseName: string;
  /** RxDB's dev-mode checks (schemas, queries, frozen documents). Tests use it; hosts do not. */
  devMode?: boolean;
  /** Several tabs or processes on one database; the Electron main process is the only one. */
  multiInstance?: boolean;
  /**
   * Only these collections. For tests that open several client databases in one process: RxDB's
   * free edition allows 13 open collections per process. The core needs them all.
   */
  collections?: readonly CollectionName[];
}

/**
 * Opens the database with every collection. The storage is wrapped in RxDB's ajv validator
 * (validated-storage.ts: all but the replication's own meta documents), so a
 * write that does not match COLLECTION_SCHEMAS fails in the storage layer whatever code path made
 * it (service, sync, a future migration). ajv's formats are active: RxDB's validate-ajv plugin calls
 * ajv-formats on its ajv instance, so `format: 'date'` rejects "2026-02-30" (tested).
 */
export async function openLtcDatabase(options: LtcDatabaseOptions): Promise<LtcDatabase> {
  // Local documents hold the sync engine's own state (account, conflict log, problems, reminder
  // time): stored with the data, so they survive restarts and go when the data is removed, and
  // they do not count against RxDB's limit of collections per process.
  addRxPlugin(RxDBLocalDocumentsPlugin);
  // Data written by an earlier build is migrated to the current schemas on open (schema/migrations.ts).
  addRxPlugin(RxDBMigrationSchemaPlugin);
  if (options.devMode) {
    disableWarnings();
    // addRxPlugin ignores a plugin it has already added; dev-mode stays on for the process.
    addRxPlugin(RxDBDevModePlugin);
  }
  const database = await createRxDatabase<LtcCollections>({
    name: options.databaseName,
    storage: validatedStorage(options.storage),
    multiInstance: options.multiInstance ?? false,
    localDocuments: true,
  });
  try {
    const names = options.collections ?? (Object.keys(COLLECTION_SCHEMAS) as CollectionName[]);
    const collections = Object.fromEntries(
      names.map((name) => [
        name,
        { schema: COLLECTION_SCHEMAS[name], migrationStrategies: MIGRATION_STRATEGIES[name] ?? {} },
      ]),
    );
    await database.addCollections(collections);
  } catch (error) {
    await database.close();
    throw error;
  }
  return database;
}
