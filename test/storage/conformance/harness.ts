import {
  getChangedDocumentsSince,
  normalizeMangoQuery,
  prepareQuery,
  randomToken,
  type BulkWriteRow,
  type MangoQuery,
  type RxDocumentData,
  type RxJsonSchema,
  type RxStorage,
  type RxStorageBulkWriteResponse,
  type RxStorageInstance,
} from 'rxdb';
import { DEAL_STORAGE_SCHEMA, type Deal } from './deal-fixtures';

// Storages differ in their internals and creation-options types; the suite only uses the
// RxStorage interface, so both are `any` here.
/* eslint-disable @typescript-eslint/no-explicit-any */
export type AnyRxStorage = RxStorage<any, any>;
export type StorageInstance<T = Deal> = RxStorageInstance<T, any, any>;
/* eslint-enable @typescript-eslint/no-explicit-any */

export interface StorageUnderTest {
  storage: AnyRxStorage;
  /**
   * A storage over the same data, as a restarted app would open it (for SQLite: a fresh
   * getRxStorageSqlite on the same directory). Without it, `storage` itself is reused.
   */
  reopen?: () => AnyRxStorage;
  cleanup?: () => Promise<void>;
}

export type MakeStorage = () => StorageUnderTest;

let databases = 0;
export function uniqueDatabaseName(): string {
  // The memory storage keeps every database of the process in one map, keyed by name.
  databases += 1;
  return `conformance${databases}${randomToken(6)}`.toLowerCase();
}

interface OpenOptions<T> {
  schema?: RxJsonSchema<RxDocumentData<T>>;
  collectionName?: string;
  databaseName?: string;
  storage?: AnyRxStorage;
}

/**
 * One test's storage: a fresh storage, a fresh database name, and every instance it opened
 * closed afterwards, so a failing test cannot leak an open file into the next one.
 */
export class StorageTestContext {
  readonly databaseName = uniqueDatabaseName();
  readonly storage: AnyRxStorage;
  private readonly opened: StorageInstance<unknown>[] = [];

  constructor(private readonly made: StorageUnderTest) {
    this.storage = made.storage;
  }

  reopenStorage(): AnyRxStorage {
    return this.made.reopen ? this.made.reopen() : this.made.storage;
  }

  async open<T = Deal>(options: OpenOptions<T> = {}): Promise<StorageInstance<T>> {
    const storage = options.storage ?? this.storage;
    const instance = (await storage.createStorageInstance<T>({
      databaseInstanceToken: randomToken(10),
      databaseName: options.databaseName ?? this.databaseName,
      collectionName: options.collectionName ?? 'deals',
      schema: options.schema ?? (DEAL_STORAGE_SCHEMA as RxJsonSchema<RxDocumentData<T>>),
      options: {},
      multiInstance: false,
      devMode: true,
    })) as StorageInstance<T>;
    this.opened.push(instance as StorageInstance<unknown>);
    return instance;
  }

  async dispose(): Promise<void> {
    for (const instance of this.opened) {
      // Tests close some instances themselves; a second close is not what is under test here.
      await instance.close().catch(() => undefined);
    }
    await this.made.cleanup?.();
  }
}

/** Registers the per-test context; call inside a describe block. */
export function useStorageContext(makeStorage: MakeStorage): () => StorageTestContext {
  let context: StorageTestContext | undefined;
  beforeEach(() => {
    context = new StorageTestContext(makeStorage());
  });
  afterEach(async () => {
    await context?.dispose();
    context = undefined;
  });
  return () => {
    if (!context) throw new Error('storage context used outside a test');
    return context;
  };
}

export function insertRows<T>(docs: RxDocumentData<T>[]): BulkWriteRow<T>[] {
  return docs.map((document) => ({ document }));
}

export async function writeOk<T>(
  instance: StorageInstance<T>,
  rows: BulkWriteRow<T>[],
): Promise<void> {
  const result = await instance.bulkWrite(rows, 'conformance-write');
  expect(result.error).toEqual([]);
}

/** The ids and statuses of a write's errors: what a caller branches on. */
export function errorSummary<T>(result: RxStorageBulkWriteResponse<T>): [string, number][] {
  return result.error.map((e) => [e.documentId, e.status]);
}

/** Queries reach a storage with meta fields (`_deleted`) in selectors and sorts. */
export type StorageQuery<T = Deal> = MangoQuery<RxDocumentData<T>>;

/** Prepares a query exactly as RxDB does before it reaches the storage. */
export function prepare<T>(schema: RxJsonSchema<RxDocumentData<T>>, query: StorageQuery<T>) {
  // RxDB's own signature leaves the meta fields out of MangoQuery<T>; RxCollection adds them.
  return prepareQuery(schema, normalizeMangoQuery(schema, query as MangoQuery<T>));
}

export async function queryDocs<T>(
  instance: StorageInstance<T>,
  query: StorageQuery<T>,
): Promise<RxDocumentData<T>[]> {
  const result = await instance.query(prepare(instance.schema, query));
  return result.documents;
}

export async function queryIds(instance: StorageInstance, query: StorageQuery) {
  return (await queryDocs(instance, query)).map((d) => d.id);
}

export async function countOf<T>(instance: StorageInstance<T>, query: StorageQuery<T>) {
  return (await instance.count(prepare(instance.schema, query))).count;
}

export async function findById<T>(instance: StorageInstance<T>, id: string, withDeleted = true) {
  const found = await instance.findDocumentsById([id], withDeleted);
  return found[0];
}

export interface ChangeCheckpoint {
  id: string;
  lwt: number;
}

/** One page of RxDB's changes feed, through the instance's own method when it has one. */
export async function changesSince<T>(
  instance: StorageInstance<T>,
  limit: number,
  checkpoint?: ChangeCheckpoint,
): Promise<{ documents: RxDocumentData<T>[]; checkpoint: ChangeCheckpoint }> {
  return getChangedDocumentsSince(instance, limit, checkpoint) as Promise<{
    documents: RxDocumentData<T>[];
    checkpoint: ChangeCheckpoint;
  }>;
}

/** Runs cleanup until the storage says it is done, as RxDB's cleanup plugin does. */
export async function cleanupFully<T>(instance: StorageInstance<T>, minimumDeletedTime: number) {
  for (let round = 0; round < 100; round++) {
    if (await instance.cleanup(minimumDeletedTime)) return;
  }
  throw new Error('cleanup never finished');
}
