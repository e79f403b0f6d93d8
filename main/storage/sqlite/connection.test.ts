import Database from 'better-sqlite3';
import { randomBytes } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fillWithDefaultSettings } from 'rxdb';
import {
  getRxStorageSqlite,
  SQLITE_STORAGE_FORMAT_VERSION,
  SqliteStorageAttachmentsError,
  SqliteStorageFileError,
} from './index';
import { acquireConnection, releaseConnection } from './connection';
import { DEAL_SCHEMA, dealDocument, openDeals, tempDirectory } from './test-support';

describe('SQLite storage files', () => {
  const directory = tempDirectory();
  const storage = getRxStorageSqlite({ directory: directory.path });
  afterAll(() => directory.remove());

  async function expectRefused(name: string, code: SqliteStorageFileError['code']) {
    const filePath = join(directory.path, `${name}.sqlite`);
    const before = readFileSync(filePath);
    const refusal = await openDeals(storage, name).catch((error: unknown) => error);
    expect(refusal).toBeInstanceOf(SqliteStorageFileError);
    expect(refusal).toMatchObject({ code, filePath });
    // Kept byte for byte, and nothing written next to it.
    expect(readFileSync(filePath).equals(before)).toBe(true);
    expect(existsSync(`${filePath}-wal`)).toBe(false);
  }

  it('refuses a file of random bytes without writing to it', async () => {
    writeFileSync(join(directory.path, 'random.sqlite'), randomBytes(8192));
    await expectRefused('random', 'notADatabase');
  });

  it('refuses a text file without writing to it', async () => {
    writeFileSync(join(directory.path, 'notes.sqlite'), '客户名单\nAcme, 1200\n'.repeat(20));
    await expectRefused('notes', 'notADatabase');
  });

  it('refuses an SQLite file whose pages are damaged', async () => {
    const filePath = join(directory.path, 'damaged.sqlite');
    const db = new Database(filePath);
    db.exec('CREATE TABLE t (x TEXT)');
    db.close();
    const bytes = readFileSync(filePath);
    // Keep the 100-byte header, overwrite the schema page behind it.
    randomBytes(bytes.length - 100).copy(bytes, 100);
    writeFileSync(filePath, bytes);
    await expectRefused('damaged', 'notADatabase');
  });

  it('recovers a file left with a hot rollback journal by a writer killed during its first open', async () => {
    // A writer killed inside its first transaction, before WAL mode was on: the file holds half
    // written pages and `-journal` their originals (a hot journal). A read-only look cannot roll
    // it back (SQLITE_READONLY_ROLLBACK); the file is ours and SQLite recovers it when opened.
    const filePath = join(directory.path, 'hot-journal.sqlite');
    const writer = spawnSync(
      process.execPath,
      [
        '-e',
        `const Database = require('better-sqlite3');
         const db = new Database(${JSON.stringify(filePath)});
         db.pragma('user_version = ${SQLITE_STORAGE_FORMAT_VERSION}');
         db.exec("CREATE TABLE kept (x TEXT); INSERT INTO kept VALUES ('before the crash')");
         db.pragma('cache_size = 1');
         db.exec('BEGIN');
         const insert = db.prepare('INSERT INTO kept VALUES (?)');
         for (let i = 0; i < 2000; i++) insert.run('x'.repeat(2000));
         process.kill(process.pid, 'SIGKILL');`,
      ],
      { cwd: process.cwd() },
    );
    expect(writer.signal).toBe('SIGKILL');
    expect(existsSync(`${filePath}-journal`)).toBe(true);
    const probe = new Database(filePath, { readonly: true });
    expect(() => probe.prepare('SELECT COUNT(*) FROM sqlite_master').get()).toThrow(
      expect.objectContaining({ code: 'SQLITE_READONLY_ROLLBACK' }),
    );
    probe.close();

    const connection = acquireConnection(filePath, 'FULL');
    try {
      // Rolled back to before the killed transaction: the one committed row, nothing half done.
      expect(connection.db.prepare('SELECT x FROM kept').pluck().all()).toEqual([
        'before the crash',
      ]);
      expect(connection.db.pragma('integrity_check', { simple: true })).toBe('ok');
    } finally {
      releaseConnection(connection);
    }
    expect(existsSync(`${filePath}-journal`)).toBe(false);
  });

  it('refuses a file written by a newer storage format without writing to it', async () => {
    const db = new Database(join(directory.path, 'future.sqlite'));
    db.pragma(`user_version = ${SQLITE_STORAGE_FORMAT_VERSION + 1}`);
    db.exec('CREATE TABLE "deals__v0" (id TEXT PRIMARY KEY)');
    db.close();
    await expectRefused('future', 'newerVersion');
  });

  it('stamps a new file with the storage format version', async () => {
    const deals = await openDeals(storage, 'fresh');
    await deals.close();
    const db = new Database(join(directory.path, 'fresh.sqlite'), { readonly: true });
    expect(db.pragma('user_version', { simple: true })).toBe(SQLITE_STORAGE_FORMAT_VERSION);
    db.close();
  });

  it('refuses a schema with attachments, naming the collection', async () => {
    const schema = fillWithDefaultSettings({ ...DEAL_SCHEMA, attachments: {} });
    const refusal = openDeals(storage, 'attachments', 'quotes', schema as typeof DEAL_SCHEMA);
    await expect(refusal).rejects.toThrow(SqliteStorageAttachmentsError);
    await expect(refusal).rejects.toThrow(/does not support attachments \(collection quotes\)/);
  });

  it('shares one connection per file and closes it with the last instance', async () => {
    const first = await openDeals(storage, 'shared', 'deals');
    const second = await openDeals(storage, 'shared', 'contacts');
    const again = await openDeals(storage, 'shared', 'deals');
    const connection = first.internals.connection;
    expect(second.internals.connection).toBe(connection);
    expect(again.internals.connection).toBe(connection);

    await first.bulkWrite([{ document: dealDocument({ id: 'x' }) }], 'test');
    expect(await again.findDocumentsById(['x'], false)).toHaveLength(1);

    await first.close();
    await first.close(); // idempotent: must not release the connection twice
    await again.close();
    expect(connection.db.open).toBe(true);
    await second.close();
    expect(connection.db.open).toBe(false);
  });

  it('remove() drops the collection: a re-created instance is empty, the file goes with the last table', async () => {
    const deals = await openDeals(storage, 'removal');
    const contacts = await openDeals(storage, 'removal', 'contacts');
    await deals.bulkWrite([{ document: dealDocument({ id: 'gone' }) }], 'test');
    await deals.remove();
    const recreated = await openDeals(storage, 'removal');
    expect(await recreated.findDocumentsById(['gone'], true)).toEqual([]);
    await recreated.remove();
    await contacts.remove();
    expect(existsSync(join(directory.path, 'removal.sqlite'))).toBe(false);
  });
});
