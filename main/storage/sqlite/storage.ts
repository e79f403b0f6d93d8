import type Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type {
  RxDocumentData,
  RxJsonSchema,
  RxStorage,
  RxStorageInstanceCreationParams,
} from 'rxdb';
import { ensureRxStorageInstanceParamsAreCorrect, RXDB_VERSION } from 'rxdb';
import { Subject } from 'rxjs';
import {
  acquireConnection,
  META,
  releaseConnection,
  type SqliteConnection,
  type TableState,
} from './connection';
import { DocumentCodec } from './document-codec';
import { DOCUMENT_COLUMN, rowValues } from './document-row';
import { SqliteStorageAttachmentsError } from './errors';
import { RxStorageInstanceSqlite } from './instance';
import { prepareTableStatements } from './statements';
import {
  createTableLayout,
  createTableStatements,
  forEachRowInPages,
  quoteIdentifier,
  type TableLayout,
} from './table-layout';
import type {
  SqliteInstanceCreationOptions,
  SqliteStorageInternals,
  SqliteStorageOptions,
} from './types';

export function getRxStorageSqlite(
  options: SqliteStorageOptions,
): RxStorage<SqliteStorageInternals, SqliteInstanceCreationOptions> {
  const synchronous = options.synchronous ?? 'NORMAL';
  // It ends up in a PRAGMA statement: accept the two documented levels only.
  if (synchronous !== 'NORMAL' && synchronous !== 'FULL') {
    throw new Error(`synchronous must be 'NORMAL' or 'FULL', not ${String(synchronous)}`);
  }
  return {
    name: 'ltc-sqlite',
    rxdbVersion: RXDB_VERSION,
    async createStorageInstance<RxDocType>(
      params: RxStorageInstanceCreationParams<RxDocType, SqliteInstanceCreationOptions>,
    ) {
      ensureRxStorageInstanceParamsAreCorrect(params);
      if (params.schema.attachments) throw new SqliteStorageAttachmentsError(params.collectionName);
      mkdirSync(options.directory, { recursive: true });
      const filePath = join(options.directory, `${params.databaseName}.sqlite`);
      const connection = acquireConnection(filePath, synchronous);
      try {
        const schema = params.schema as RxJsonSchema<RxDocumentData<unknown>>;
        const layout = createTableLayout(schema, params.collectionName);
        const table = openTable(connection, layout, params.collectionName, schema.version);
        const internals: SqliteStorageInternals = { filePath, layout, table, connection };
        return new RxStorageInstanceSqlite<RxDocType>(
          params.databaseName,
          params.collectionName,
          params.schema,
          internals,
          params.options,
          connection,
        );
      } catch (error) {
        releaseConnection(connection);
        throw error;
      }
    },
  };
}

/** Creates the collection's table on first use, or rebuilds it if its indexes changed. */
function openTable(
  connection: SqliteConnection,
  layout: TableLayout,
  collectionName: string,
  version: number,
): TableState {
  const open = connection.tables.get(layout.tableName);
  if (open) {
    // Both instances share prepared statements built for one column layout.
    if (open.fingerprint !== layout.fingerprint) {
      throw new Error(
        `collection ${collectionName} (version ${version}) is already open with other indexes`,
      );
    }
    return open;
  }
  const { db } = connection;
  const codec = new DocumentCodec(db, layout.tableName);
  db.transaction(() => {
    const stored = db.prepare(META.get).pluck().get(layout.tableName) as string | undefined;
    if (stored !== undefined && stored !== layout.fingerprint) rebuildTable(db, layout, codec);
    for (const sql of createTableStatements(layout)) db.exec(sql);
    if (stored !== layout.fingerprint) {
      db.prepare(META.put).run(layout.tableName, collectionName, version, layout.fingerprint);
    }
  })();
  const table: TableState = {
    fingerprint: layout.fingerprint,
    statements: prepareTableStatements(db, layout),
    codec,
    changes$: new Subject(),
    removed: false,
  };
  connection.tables.set(layout.tableName, table);
  return table;
}

/**
 * A table written with other indexes (RxDB changed its internal indexes between versions):
 * recompute every index string from the stored documents, in the same transaction.
 */
function rebuildTable(db: Database.Database, layout: TableLayout, codec: DocumentCodec): void {
  const old = quoteIdentifier(`${layout.tableName}__old`);
  db.exec(`ALTER TABLE ${layout.table} RENAME TO ${old}`);
  const indexes = db
    .prepare(
      `SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = ? AND sql IS NOT NULL`,
    )
    .pluck()
    .all(`${layout.tableName}__old`) as string[];
  for (const name of indexes) db.exec(`DROP INDEX ${quoteIdentifier(name)}`);
  for (const sql of createTableStatements(layout)) db.exec(sql);
  const insert = prepareTableStatements(db, layout).insert;
  forEachRowInPages<Buffer>(db, old, DOCUMENT_COLUMN, (_rowid, doc) => {
    insert.run(rowValues(layout, codec, codec.decode(doc)));
  });
  db.exec(`DROP TABLE ${old}`);
}
