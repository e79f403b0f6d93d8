import Database from 'better-sqlite3';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import type { RxDocumentData } from 'rxdb';
import { normalizeMangoQuery, prepareQuery } from 'rxdb';
import { getRxStorageSqlite, SQLITE_STORAGE_FORMAT_VERSION, SqliteStorageFileError } from './index';
import { DEAL_SCHEMA, dealDocument, openDeals, tempDirectory, type Deal } from './test-support';

/**
 * test/fixtures/storage-format-1.sqlite.gz was written by the storage as it was before format 2
 * (commit 086791a: documents as JSON text): four deals, one with CJK text, one with emoji, one
 * with a lone surrogate, one deleted. storage-format-1.json holds the same documents.
 */
const FIXTURE = new URL('../../../test/fixtures/storage-format-1', import.meta.url).pathname;
const EXPECTED = JSON.parse(readFileSync(`${FIXTURE}.json`, 'utf8')) as RxDocumentData<Deal>[];

describe('SQLite storage format 1 (JSON text) opened by format 2 (MessagePack)', () => {
  const directory = tempDirectory();
  const storage = getRxStorageSqlite({ directory: directory.path });
  afterAll(() => directory.remove());

  function fixtureFile(name: string): string {
    const filePath = join(directory.path, `${name}.sqlite`);
    writeFileSync(filePath, gunzipSync(readFileSync(`${FIXTURE}.sqlite.gz`)));
    return filePath;
  }

  function byStage(stage: string) {
    const query = normalizeMangoQuery<RxDocumentData<Deal>>(DEAL_SCHEMA, {
      selector: { stage },
      sort: [{ stage: 'asc' }, { amount: 'asc' }],
    });
    return prepareQuery(DEAL_SCHEMA, query);
  }

  it('migrates every document on first open and keeps them usable', async () => {
    const filePath = fixtureFile('upgraded');
    const ids = EXPECTED.map((doc) => doc.id);
    let deals = await openDeals(storage, 'upgraded');
    expect(await deals.findDocumentsById(ids, true)).toEqual(EXPECTED);
    // The index columns were kept: a query on the stage index finds the old rows.
    expect((await deals.query(byStage('won'))).documents).toEqual([EXPECTED[1]]);
    const added = dealDocument({ id: 'd5', title: '新商机', stage: 'won', amount: 9 });
    expect((await deals.bulkWrite([{ document: added }], 'test')).error).toEqual([]);
    await deals.close();

    const db = new Database(filePath, { readonly: true });
    expect(db.pragma('user_version', { simple: true })).toBe(SQLITE_STORAGE_FORMAT_VERSION);
    const kinds = db.prepare('SELECT DISTINCT typeof(doc) FROM deals__v0').pluck().all();
    expect(kinds).toEqual(['blob']);
    db.close();

    deals = await openDeals(storage, 'upgraded');
    expect(await deals.findDocumentsById([...ids, 'd5'], true)).toEqual([...EXPECTED, added]);
    expect((await deals.query(byStage('won'))).documents).toEqual([EXPECTED[1], added]);
    await deals.close();
  });

  it('refuses a format 1 file with a damaged document and leaves the file as it was', async () => {
    const filePath = fixtureFile('damaged-json');
    const db = new Database(filePath);
    db.prepare(`UPDATE deals__v0 SET json = '{"id": "d2", "tit' WHERE id = 'd2'`).run();
    db.close();
    const before = readFileSync(filePath);

    const refusal = await openDeals(storage, 'damaged-json').catch((error: unknown) => error);
    expect(refusal).toBeInstanceOf(SqliteStorageFileError);
    expect(refusal).toMatchObject({ code: 'notADatabase', filePath });
    expect(String(refusal)).toContain('not valid JSON');

    // The migration's transaction rolled back: still format 1, every row as it was.
    const after = new Database(filePath, { readonly: true });
    expect(after.pragma('user_version', { simple: true })).toBe(1);
    const rows = after.prepare('SELECT id, json FROM deals__v0 ORDER BY id').all();
    expect(rows).toHaveLength(4);
    expect(rows[0]).toEqual({ id: 'd1', json: JSON.stringify(EXPECTED[0]) });
    after.close();
    expect(readFileSync(filePath).equals(before)).toBe(true);
  });
});
