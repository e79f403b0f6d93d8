import Database from 'better-sqlite3';
import fc from 'fast-check';
import {
  getIndexableStringMonad,
  normalizeMangoQuery,
  prepareQuery,
  type RxDocumentData,
} from 'rxdb';
import { DocumentCodec } from './document-codec';
import { getRxStorageSqlite } from './index';
import { toSqliteOrder } from './table-layout';
import {
  DEAL_SCHEMA,
  dealDocument,
  openDeals,
  tempDirectory,
  type Deal,
  type DealInstance,
} from './test-support';

describe('SQLite storage table layout', () => {
  const directory = tempDirectory();
  let deals: DealInstance | undefined;
  afterEach(async () => {
    await deals?.close();
    deals = undefined;
  });
  afterAll(() => directory.remove());

  it('keeps a collection in one table per schema version, with an indexed column per schema index', async () => {
    const storage = getRxStorageSqlite({ directory: directory.path });
    deals = await openDeals(storage, 'layout');
    const doc = dealDocument({ id: 'd1', stage: 'proposal', amount: 4200 });
    await deals.bulkWrite([{ document: doc }], 'test');

    const db = new Database(`${directory.path}/layout.sqlite`, { readonly: true });
    try {
      const columns = db.prepare(`SELECT name, type FROM pragma_table_info('deals__v0')`).all();
      const indexCount = DEAL_SCHEMA.indexes!.length;
      expect(columns).toEqual([
        { name: 'id', type: 'TEXT' },
        { name: 'doc', type: 'BLOB' },
        { name: 'deleted', type: 'INTEGER' },
        { name: 'lwt', type: 'REAL' },
        { name: 'rev', type: 'TEXT' },
        ...Array.from({ length: indexCount }, (_, i) => ({ name: `i${i}`, type: 'TEXT' })),
      ]);
      const indexed = db
        .prepare(`SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'deals__v0'`)
        .pluck()
        .all();
      for (let i = 0; i < indexCount; i++) expect(indexed).toContain(`deals__v0__i${i}`);
      expect(indexed).toContain('deals__v0__tombstones');

      // Each index column holds exactly RxDB's indexable string, which the query planner's
      // bounds are compared against; lwt keeps RxDB's 0.01 ms steps.
      const row = db.prepare(`SELECT * FROM "deals__v0"`).get() as Record<string, unknown>;
      DEAL_SCHEMA.indexes!.forEach((index, i) => {
        const fields = typeof index === 'string' ? [index] : [...index];
        expect(row[`i${i}`]).toBe(getIndexableStringMonad(DEAL_SCHEMA, fields)(doc));
      });
      expect(row).toMatchObject({ id: 'd1', deleted: 0, lwt: doc._meta.lwt, rev: doc._rev });
      expect(new DocumentCodec(db, 'deals__v0').decode(row.doc as Buffer)).toEqual(doc);
      expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    } finally {
      db.close();
    }
  });

  it('gives a new schema version its own table next to the old one', async () => {
    const storage = getRxStorageSqlite({ directory: directory.path });
    deals = await openDeals(storage, 'versions');
    await deals.bulkWrite([{ document: dealDocument({ id: 'old' }) }], 'test');
    const v1 = await openDeals(storage, 'versions', 'deals', { ...DEAL_SCHEMA, version: 1 });
    try {
      expect(await v1.findDocumentsById(['old'], true)).toEqual([]);
      expect(await deals.findDocumentsById(['old'], true)).toHaveLength(1);
    } finally {
      await v1.close();
    }
  });

  it('rebuilds the index columns of a table written with other indexes', async () => {
    const storage = getRxStorageSqlite({ directory: directory.path });
    const before = {
      ...DEAL_SCHEMA,
      indexes: DEAL_SCHEMA.indexes!.filter((i) => !i.includes('title')),
    };
    deals = await openDeals(storage, 'rebuild', 'deals', before);
    const docs = ['b', 'a', 'c'].map((id) => dealDocument({ id, title: `title ${id}` }));
    await deals.bulkWrite(
      docs.map((document) => ({ document })),
      'test',
    );
    await deals.close();

    deals = await openDeals(storage, 'rebuild');
    const byTitle = prepareQuery<RxDocumentData<Deal>>(
      DEAL_SCHEMA,
      normalizeMangoQuery(DEAL_SCHEMA, {
        selector: { _deleted: { $eq: false }, title: { $gt: 'title a' } },
        sort: [{ title: 'asc' }],
      } as never),
    );
    expect(byTitle.queryPlan.index).toEqual(['_deleted', 'title', 'id']);
    const found = await deals.query(byTitle);
    expect(found.documents.map((d) => d.id)).toEqual(['b', 'c']);
    expect(await deals.findDocumentsById(['a', 'b', 'c'], false)).toEqual([
      docs[1],
      docs[0],
      docs[2],
    ]);
  });

  it('orders mapped index strings in SQLite exactly as JavaScript orders the originals', () => {
    const db = new Database(':memory:');
    db.exec('CREATE TABLE t (position INTEGER, value TEXT)');
    const insert = db.prepare('INSERT INTO t VALUES (?, ?)');
    const text = fc.string({
      unit: fc.constantFrom('a', ' ', '\t', 'é', '中', '\uffff', '😀', '\ue000', '\ud800'),
      maxLength: 6,
    });
    try {
      fc.assert(
        fc.property(fc.array(text, { minLength: 2, maxLength: 12 }), (values) => {
          db.exec('DELETE FROM t');
          values.forEach((value, position) => insert.run(position, toSqliteOrder(value)));
          const inSqlite = db
            .prepare('SELECT position FROM t ORDER BY value, position')
            .pluck()
            .all();
          const inJs = values
            .map((value, position) => ({ value, position }))
            .sort((a, b) =>
              a.value < b.value ? -1 : a.value > b.value ? 1 : a.position - b.position,
            )
            .map((entry) => entry.position);
          expect(inSqlite).toEqual(inJs);
        }),
      );
    } finally {
      db.close();
    }
  });
});
