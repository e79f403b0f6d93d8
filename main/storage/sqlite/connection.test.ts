import Database from 'better-sqlite3';
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fillWithDefaultSettings } from 'rxdb';
import {
  getRxStorageSqlite,
  SQLITE_STORAGE_FORMAT_VERSION,
  SqliteStorageAttachmentsError,
  SqliteStorageFileError,
} from './index';
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
