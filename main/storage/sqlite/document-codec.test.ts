import Database from 'better-sqlite3';
import { join } from 'node:path';
import type { RxDocumentData } from 'rxdb';
import { DocumentCodec, STRUCTURES_DDL } from './document-codec';
import { tempDirectory } from './test-support';

type Doc = RxDocumentData<Record<string, unknown>>;

function doc(id: string, fields: Record<string, unknown>): Doc {
  return {
    id,
    ...fields,
    _deleted: false,
    _rev: '1-a',
    _meta: { lwt: 1764400000000.01 },
    _attachments: {},
  } as Doc;
}

/**
 * A file with a documents table, and connections to it. Each connection is opened through a
 * different spelling of the path: the codec keeps one Packr per path and table for the process,
 * so two spellings behave like two processes on one file (each with its own structures).
 */
function fileWithConnections() {
  const directory = tempDirectory();
  const file = join(directory.path, 'codec.sqlite');
  const open: Database.Database[] = [];
  let spellings = 0;
  function connect(): { db: Database.Database; codec: DocumentCodec } {
    // path.join would normalise the spellings away.
    const path = `${directory.path}/${'./'.repeat(spellings++)}codec.sqlite`;
    const db = new Database(path);
    db.pragma('journal_mode = WAL');
    db.exec(STRUCTURES_DDL);
    db.exec('CREATE TABLE IF NOT EXISTS docs (id TEXT PRIMARY KEY, doc BLOB NOT NULL)');
    open.push(db);
    return { db, codec: new DocumentCodec(db, 'docs') };
  }
  function write(db: Database.Database, codec: DocumentCodec, d: Doc): void {
    db.transaction(() => {
      db.prepare('INSERT OR REPLACE INTO docs VALUES (?, ?)').run(d.id, codec.encode(d));
    })();
  }
  function readAll(db: Database.Database, codec: DocumentCodec): Doc[] {
    const rows = db.prepare('SELECT doc FROM docs ORDER BY id').pluck().all() as Buffer[];
    return rows.map((row) => codec.decode<Record<string, unknown>>(row));
  }
  function close(): void {
    for (const db of open) if (db.open) db.close();
    directory.remove();
  }
  return { file, connect, write, readAll, close };
}

describe('DocumentCodec (documents as MessagePack with shared record structures)', () => {
  let files: ReturnType<typeof fileWithConnections>;
  beforeEach(() => {
    files = fileWithConnections();
  });
  afterEach(() => files.close());

  it('round-trips JSON documents exactly, and keeps each shape once in the file', () => {
    const { db, codec } = files.connect();
    const docs = [
      doc('a', { title: '华为 LTC 商机', amount: 1200.5, tags: ['a', 'b'], nested: { x: null } }),
      doc('b', { title: 'Ärger 😊 🏳️‍🌈', amount: -0.25, tags: [], nested: { x: 9007199254740991 } }),
      doc('c', { title: 'x', big: 1.7976931348623157e308, small: 5e-324, flag: true }),
    ];
    for (const d of docs) files.write(db, codec, d);
    expect(files.readAll(db, codec)).toEqual(docs);
    const stored = db.prepare('SELECT structures FROM _ltc_structures').pluck().get() as string;
    expect(JSON.parse(stored)).toContainEqual([
      'id',
      'title',
      'amount',
      'tags',
      'nested',
      '_deleted',
      '_rev',
      '_meta',
      '_attachments',
    ]);
  });

  it('keeps strings UTF-8 cannot carry (lone surrogates) by storing that document as JSON', () => {
    const { db, codec } = files.connect();
    const odd = doc('odd', { title: 'cut \uD83D', note: '\uDE00 end', ok: '�' });
    const fine = doc('fine', { title: 'replacement � is a real character' });
    files.write(db, codec, odd);
    files.write(db, codec, fine);
    expect(files.readAll(db, codec)).toEqual([fine, odd]);
    const all = db.prepare(`SELECT CAST(group_concat(doc, '') AS BLOB) FROM docs`).pluck().get();
    expect(codec.decodeConcatenated(all as Buffer)).toEqual(expect.arrayContaining([odd, fine]));
  });

  it('decodes documents concatenated by SQLite in row order, and NULL as none', () => {
    const { db, codec } = files.connect();
    const docs = Array.from({ length: 500 }, (_, i) =>
      doc(String(i).padStart(4, '0'), i % 3 ? { n: i, s: `${i}号` } : { s: `${i}`, list: [{ i }] }),
    );
    for (const d of docs) files.write(db, codec, d);
    const concatenated = db
      .prepare(
        `SELECT CAST(group_concat(doc, '') AS BLOB) FROM (SELECT doc FROM docs ORDER BY id DESC LIMIT -1)`,
      )
      .pluck()
      .get() as Buffer;
    expect(codec.decodeConcatenated(concatenated)).toEqual([...docs].reverse());
    expect(codec.decodeConcatenated(null)).toEqual([]);
  });

  it('forgets a shape added by a write that rolled back, so no row ever names it', () => {
    const first = files.connect();
    files.write(first.db, first.codec, doc('a', { one: 1 }));
    expect(() =>
      first.db.transaction(() => {
        const row = first.codec.encode(doc('b', { brandNew: 'shape' }));
        first.db.prepare('INSERT INTO docs VALUES (?, ?)').run('b', row);
        throw new Error('the write fails after packing');
      })(),
    ).toThrow('the write fails');
    first.codec.reset();
    files.write(first.db, first.codec, doc('c', { brandNew: 'shape again' }));
    // Another process reads only what the file holds.
    const other = files.connect();
    expect(files.readAll(other.db, other.codec)).toEqual([
      doc('a', { one: 1 }),
      doc('c', { brandNew: 'shape again' }),
    ]);
  });

  it('two processes adding shapes to one file read and write each other’s rows', () => {
    const one = files.connect();
    const two = files.connect();
    files.write(one.db, one.codec, doc('1', { shapeOfOne: 1 }));
    // two has not seen one's structure: saving its own must merge, not overwrite it.
    files.write(two.db, two.codec, doc('2', { shapeOfTwo: 2 }));
    files.write(one.db, one.codec, doc('3', { anotherOfOne: 3 }));
    const expected = [
      doc('1', { shapeOfOne: 1 }),
      doc('2', { shapeOfTwo: 2 }),
      doc('3', { anotherOfOne: 3 }),
    ];
    expect(files.readAll(one.db, one.codec)).toEqual(expected);
    expect(files.readAll(two.db, two.codec)).toEqual(expected);
    const three = files.connect();
    expect(files.readAll(three.db, three.codec)).toEqual(expected);
  });
});
