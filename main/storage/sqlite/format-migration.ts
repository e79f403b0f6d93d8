import type Database from 'better-sqlite3';
import { DocumentCodec, STRUCTURES_DDL } from './document-codec';
import { SqliteStorageFileError } from './errors';
import { forEachRowInPages, quoteIdentifier } from './table-layout';

/**
 * Storage format 1 to 2: documents written as JSON text in a `json` column become MessagePack
 * in a `doc` column (document-codec.ts says why). One transaction for the whole file, so a crash
 * or power cut mid-way leaves format 1 untouched and the next open starts again; the rest of
 * the row (index columns, lwt, revision) does not change. Runs once, when a profile written by
 * an earlier build is first opened: ~200 ms more for the sample firm's year (4,500 documents).
 */
export function migrateJsonDocuments(
  db: Database.Database,
  tableNames: string[],
  toVersion: number,
): void {
  db.transaction(() => {
    db.exec(STRUCTURES_DDL);
    for (const tableName of tableNames) {
      const table = quoteIdentifier(tableName);
      db.exec(`ALTER TABLE ${table} RENAME COLUMN json TO doc`);
      const codec = new DocumentCodec(db, tableName);
      const update = db.prepare(`UPDATE ${table} SET doc = ? WHERE rowid = ?`);
      forEachRowInPages<string>(db, table, 'doc', (rowid, json) => {
        update.run(codec.encode(parseStored(db, json)), rowid);
      });
    }
    db.pragma(`user_version = ${toVersion}`);
  })();
}

/** A row whose JSON does not parse: the file is damaged; the transaction leaves it as it was. */
function parseStored(db: Database.Database, json: string) {
  try {
    return JSON.parse(json) as Parameters<DocumentCodec['encode']>[0];
  } catch {
    throw new SqliteStorageFileError(
      'notADatabase',
      db.name,
      'the database is damaged (a stored document is not valid JSON)',
    );
  }
}
