import type { Transaction } from 'better-sqlite3';
import type {
  BulkWriteRow,
  CategorizeBulkWriteRowsOutput,
  EventBulk,
  PreparedQuery,
  RxDocumentData,
  RxJsonSchema,
  RxStorageBulkWriteResponse,
  RxStorageChangeEvent,
  RxStorageCountResult,
  RxStorageDefaultCheckpoint,
  RxStorageInstance,
  RxStorageQueryResult,
} from 'rxdb';
import {
  categorizeBulkWriteRows,
  getStartIndexStringFromLowerBound,
  INDEX_MIN,
  now,
  RX_META_LWT_MINIMUM,
} from 'rxdb';
import type { Observable } from 'rxjs';
import { META, releaseConnection, type SqliteConnection, type TableState } from './connection';
import { DOCUMENT_COLUMN, rowValues } from './document-row';
import { countQuery, runQuery } from './query-runner';
import { toSqliteOrder, type TableLayout } from './table-layout';
import type { SqliteInstanceCreationOptions, SqliteStorageInternals } from './types';

type Checkpoint = RxStorageDefaultCheckpoint;
type ChangeBulk<T> = EventBulk<RxStorageChangeEvent<RxDocumentData<T>>, Checkpoint>;

/** Tombstones purged per cleanup() call, so one call never holds the writer for long. */
const CLEANUP_BATCH = 10_000;

export class RxStorageInstanceSqlite<RxDocType> implements RxStorageInstance<
  RxDocType,
  SqliteStorageInternals,
  SqliteInstanceCreationOptions,
  Checkpoint
> {
  readonly primaryPath: string;
  private closed = false;
  private readonly layout: TableLayout;
  private readonly table: TableState;
  private readonly writeInTransaction: Transaction<
    (rows: BulkWriteRow<RxDocType>[], context: string) => CategorizeBulkWriteRowsOutput<RxDocType>
  >;

  constructor(
    readonly databaseName: string,
    readonly collectionName: string,
    readonly schema: Readonly<RxJsonSchema<RxDocumentData<RxDocType>>>,
    readonly internals: Readonly<SqliteStorageInternals>,
    readonly options: Readonly<SqliteInstanceCreationOptions>,
    private readonly connection: SqliteConnection,
  ) {
    this.layout = internals.layout;
    this.table = internals.table;
    this.primaryPath = this.layout.primaryPath;
    this.writeInTransaction = connection.db.transaction(this.write.bind(this));
  }

  private get target() {
    return {
      schema: this.schema as RxJsonSchema<RxDocumentData<unknown>>,
      layout: this.layout,
      statements: this.table.statements,
      codec: this.table.codec,
    };
  }

  async bulkWrite(
    documentWrites: BulkWriteRow<RxDocType>[],
    context: string,
  ): Promise<RxStorageBulkWriteResponse<RxDocType>> {
    this.ensureUsable();
    let categorized: CategorizeBulkWriteRowsOutput<RxDocType>;
    try {
      categorized = this.writeInTransaction.immediate(documentWrites, context);
    } catch (error) {
      // Rolled back: record structures packed in this transaction were not saved either.
      this.table.codec.reset();
      throw error;
    }
    // After commit: a listener that reads again must see the write.
    const eventBulk = categorized.eventBulk as ChangeBulk<RxDocType>;
    if (eventBulk.events.length > 0 && categorized.newestRow) {
      const last = categorized.newestRow.document;
      eventBulk.checkpoint = {
        id: (last as Record<string, unknown>)[this.primaryPath] as string,
        lwt: last._meta.lwt,
      };
      this.table.changes$.next(eventBulk);
    }
    return { error: categorized.errors };
  }

  /**
   * Read, decide and write in one transaction. IMMEDIATE takes the write lock before the read,
   * so no other connection (another process on the same file) can write in between.
   */
  private write(documentWrites: BulkWriteRow<RxDocType>[], context: string) {
    const { statements, codec } = this.table;
    const layout = this.layout;
    const primaryPath = this.primaryPath;
    const ids = documentWrites.map(
      (row) => (row.document as Record<string, unknown>)[primaryPath] as string,
    );
    const inDb = new Map<string, RxDocumentData<RxDocType>>();
    for (const doc of this.readByIds(ids, true)) {
      inDb.set((doc as Record<string, unknown>)[primaryPath] as string, doc);
    }
    const result = categorizeBulkWriteRows<RxDocType>(
      this,
      primaryPath as never,
      inDb,
      documentWrites,
      context,
    );
    for (const row of result.bulkInsertDocs) {
      statements.insert.run(rowValues(layout, codec, row.document));
    }
    for (const row of result.bulkUpdateDocs) {
      const values = rowValues(layout, codec, row.document);
      values.push(values.shift());
      statements.update.run(values);
    }
    return result;
  }

  async findDocumentsById(
    ids: string[],
    withDeleted: boolean,
  ): Promise<RxDocumentData<RxDocType>[]> {
    this.ensureUsable();
    return this.readByIds(ids, withDeleted);
  }

  /** In the order of `ids`, like RxDB's memory storage (a repeated id repeats its document). */
  private readByIds(ids: string[], withDeleted: boolean): RxDocumentData<RxDocType>[] {
    const { statements, codec } = this.table;
    if (ids.length === 1) {
      const row = statements.byId.get(ids[0]) as [Buffer, number] | undefined;
      return row && (withDeleted || row[1] === 0) ? [codec.decode<RxDocType>(row[0])] : [];
    }
    if (ids.length === 0) return [];
    const statement = withDeleted ? statements.byIds : statements.byIdsNotDeleted;
    const found = codec.decodeConcatenated<RxDocType>(
      statement.get(JSON.stringify(ids)) as Buffer | null,
    );
    const byId = new Map<unknown, RxDocumentData<RxDocType>>();
    for (const doc of found) byId.set((doc as Record<string, unknown>)[this.primaryPath], doc);
    const documents: RxDocumentData<RxDocType>[] = [];
    for (const id of ids) {
      const doc = byId.get(id);
      if (doc) documents.push(doc);
    }
    return documents;
  }

  async query(preparedQuery: PreparedQuery<RxDocType>): Promise<RxStorageQueryResult<RxDocType>> {
    this.ensureUsable();
    return runQuery(this.target, preparedQuery);
  }

  async count(preparedQuery: PreparedQuery<RxDocType>): Promise<RxStorageCountResult> {
    this.ensureUsable();
    return countQuery(this.target, preparedQuery);
  }

  /**
   * Documents written after the checkpoint, in (lwt, primary key) order as RxDB's own fallback
   * query returns them: the SQL range starts at the checkpoint's row on the ['_meta.lwt', id]
   * index; the exact "after" test runs in JS, where strings compare as RxDB compares them.
   */
  async getChangedDocumentsSince(
    limit: number,
    checkpoint?: Checkpoint,
  ): Promise<{ documents: RxDocumentData<RxDocType>[]; checkpoint: Checkpoint }> {
    this.ensureUsable();
    const sinceLwt = checkpoint ? checkpoint.lwt : RX_META_LWT_MINIMUM;
    const sinceId = checkpoint ? checkpoint.id : '';
    const column = this.layout.changesColumn;
    // The range starts at the checkpoint's own row, not at its lwt: a bulk write gives thousands
    // of documents one lwt, and starting each page at the first of them made reading them all
    // quadratic (the sample firm at 50×: pages of 500 took up to half a second).
    const lower = toSqliteOrder(
      getStartIndexStringFromLowerBound(this.schema, column.fields, [
        sinceLwt,
        checkpoint ? sinceId : INDEX_MIN,
      ]),
    );
    const statement = this.table.statements
      .cached(
        'changes',
        () =>
          `SELECT id, lwt, ${DOCUMENT_COLUMN} FROM ${this.layout.table} WHERE ${column.column} >= ? ` +
          `ORDER BY ${column.column}`,
      )
      .raw();
    const documents: RxDocumentData<RxDocType>[] = [];
    if (limit > 0) {
      const { codec } = this.table;
      for (const row of statement.iterate(lower) as IterableIterator<[string, number, Buffer]>) {
        const lwt = row[1];
        if (lwt > sinceLwt || (lwt === sinceLwt && row[0] > sinceId)) {
          if (documents.push(codec.decode<RxDocType>(row[2])) >= limit) break;
        }
      }
    }
    const last = documents[documents.length - 1];
    return {
      documents,
      checkpoint: last
        ? { id: (last as Record<string, unknown>)[this.primaryPath] as string, lwt: last._meta.lwt }
        : (checkpoint ?? { id: '', lwt: 0 }),
    };
  }

  changeStream(): Observable<ChangeBulk<RxDocType>> {
    this.ensureNotRemoved();
    return this.table.changes$.asObservable();
  }

  /** Purges tombstones older than minimumDeletedTime; false while more remain. */
  async cleanup(minimumDeletedTime: number): Promise<boolean> {
    this.ensureUsable();
    const maxDeletionTime = now() - minimumDeletedTime;
    const statement = this.table.statements.cached(
      'cleanup',
      () =>
        `DELETE FROM ${this.layout.table} WHERE rowid IN (SELECT rowid FROM ${this.layout.table} ` +
        `WHERE deleted = 1 AND lwt <= ? LIMIT ${CLEANUP_BATCH})`,
    );
    return statement.run(maxDeletionTime).changes < CLEANUP_BATCH;
  }

  async getAttachmentData(): Promise<Blob> {
    throw new Error(
      `LTC Desk's SQLite storage does not support attachments (collection ${this.collectionName})`,
    );
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    releaseConnection(this.connection);
  }

  async remove(): Promise<void> {
    this.ensureUsable();
    const { db } = this.connection;
    db.transaction(() => {
      db.exec(`DROP TABLE IF EXISTS ${this.layout.table}`);
      db.prepare(META.remove).run(this.layout.tableName);
      db.prepare(META.removeStructures).run(this.layout.tableName);
    })();
    this.table.removed = true;
    this.table.codec.forget();
    this.connection.tables.delete(this.layout.tableName);
    this.connection.removedCollection = true;
    await this.close();
  }

  private ensureOpenOnly(): void {
    if (this.closed) {
      throw new Error(
        `SQLite storage instance is closed (database ${this.databaseName}, collection ${this.collectionName})`,
      );
    }
  }

  private ensureNotRemoved(): void {
    if (this.table.removed) {
      throw new Error(
        `removed already ${this.databaseName} - ${this.collectionName} - ${this.schema.version}`,
      );
    }
  }

  private ensureUsable(): void {
    this.ensureOpenOnly();
    this.ensureNotRemoved();
  }
}
