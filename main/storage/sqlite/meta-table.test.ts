import Database from 'better-sqlite3';
import {
  getRxReplicationMetaInstanceSchema,
  normalizeMangoQuery,
  prepareQuery,
  randomToken,
  type RxDocumentData,
  type RxJsonSchema,
  type RxStorageReplicationMeta,
} from 'rxdb';
import { getRxStorageSqlite } from './index';
import { createTableLayout, createTableStatements } from './table-layout';
import { DEAL_SCHEMA, dealDocument, tempDirectory, type Deal } from './test-support';

type Meta = RxStorageReplicationMeta<Deal, unknown>;
const META_SCHEMA = getRxReplicationMetaInstanceSchema<Deal, unknown>(DEAL_SCHEMA, false);
const TABLE = 'rx-replication-meta-deals__v0';

/** An assumed master state, as RxDB's replication writes one per synced document. */
function metaDocument(id: string, lwt: number): RxDocumentData<Meta> {
  return {
    id: `${id}|0`,
    isCheckpoint: '0',
    itemId: id,
    docData: dealDocument({ id }),
    _deleted: false,
    _rev: '1-meta',
    _meta: { lwt },
    _attachments: {},
  } as RxDocumentData<Meta>;
}

function columnIndexes(file: string): string[] {
  const db = new Database(file, { readonly: true });
  try {
    return db
      .prepare(
        `SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = ? AND sql IS NOT NULL`,
      )
      .pluck()
      .all(TABLE) as string[];
  } finally {
    db.close();
  }
}

describe("SQLite storage: a replication's meta table", () => {
  const directory = tempDirectory();
  afterAll(() => directory.remove());

  it('has no SQL index on its index columns (read by id only), and still answers a query by them', async () => {
    const storage = getRxStorageSqlite({ directory: directory.path });
    const meta = await storage.createStorageInstance<Meta>({
      databaseInstanceToken: randomToken(10),
      databaseName: 'meta',
      collectionName: 'rx-replication-meta-deals',
      schema: META_SCHEMA,
      options: {},
      multiInstance: false,
      devMode: false,
    });
    try {
      const docs = ['m3', 'm1', 'm2'].map((id, i) => metaDocument(id, 1000 + i));
      const written = await meta.bulkWrite(
        docs.map((document) => ({ document })),
        'test',
      );
      expect(written.error).toEqual([]);
      expect(await meta.findDocumentsById(['m1|0', 'm2|0'], false)).toHaveLength(2);
      // Sorted by the ['_meta.lwt', id] index column: a scan now, the same answer.
      const query = prepareQuery(
        META_SCHEMA,
        normalizeMangoQuery(META_SCHEMA, { selector: {}, sort: [{ '_meta.lwt': 'desc' }] }),
      );
      const result = await meta.query(query);
      expect(result.documents.map((doc) => doc.itemId)).toEqual(['m2', 'm1', 'm3']);
    } finally {
      await meta.close();
    }
    // The tombstones' partial index stays: cleanup() purges by it.
    expect(columnIndexes(`${directory.path}/meta.sqlite`)).toEqual([`${TABLE}__tombstones`]);
  });

  it('loses the column indexes a file written by an earlier build gave it', async () => {
    const file = `${directory.path}/earlier.sqlite`;
    const layout = createTableLayout(
      META_SCHEMA as unknown as RxJsonSchema<RxDocumentData<unknown>>,
      'rx-replication-meta-deals',
    );
    const storage = getRxStorageSqlite({ directory: directory.path });
    const open = () =>
      storage.createStorageInstance<Meta>({
        databaseInstanceToken: randomToken(10),
        databaseName: 'earlier',
        collectionName: 'rx-replication-meta-deals',
        schema: META_SCHEMA,
        options: {},
        multiInstance: false,
        devMode: false,
      });
    const first = await open();
    await first.bulkWrite([{ document: metaDocument('m1', 1000) }], 'test');
    await first.close();
    // What an earlier build made: the same columns, each with its index.
    const db = new Database(file);
    createTableStatements({ ...layout, indexed: true }).forEach((sql) => db.exec(sql));
    db.close();
    expect(columnIndexes(file)).toHaveLength(layout.columns.length + 1);

    const again = await open();
    try {
      expect(await again.findDocumentsById(['m1|0'], false)).toHaveLength(1);
    } finally {
      await again.close();
    }
    expect(columnIndexes(file)).toEqual([`${TABLE}__tombstones`]);
  });
});
