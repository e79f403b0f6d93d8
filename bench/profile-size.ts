/**
 * What a closed desktop profile takes on disk, by what holds it: the collections' tables, the
 * replication's meta tables (RxDB's checkpoints and one assumed master state per synced document,
 * `rx-replication-meta-…`), SQLite's indexes and the rest (record shapes, RxDB's own internal
 * store, local documents). Read with SQLite's dbstat table after the WAL is checkpointed into the
 * file, so the figure is the file a person would copy.
 */
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';

export interface ProfileSize {
  /** The SQLite file, bytes. */
  file: number;
  /** Bytes by part (tables and their indexes together). */
  parts: { collections: number; meta: number; other: number };
  /** Bytes per collection table (with its indexes), meta tables under `meta:<collection>`. */
  tables: Map<string, number>;
}

/** The one SQLite file under a profile's userData folder (profiles/<id>/ltc-desk.sqlite). */
export function profileFile(userDataDir: string): string {
  const profiles = join(userDataDir, 'profiles');
  for (const id of readdirSync(profiles)) {
    const file = join(profiles, id, 'ltc-desk.sqlite');
    if (statSync(file, { throwIfNoEntry: false })) return file;
  }
  throw new Error(`no profile database under ${userDataDir}`);
}

export function profileSize(file: string): ProfileSize {
  const db = new Database(file);
  try {
    db.pragma('wal_checkpoint(TRUNCATE)');
    const rows = db
      .prepare(
        `SELECT coalesce(m.tbl_name, s.name) AS owner, SUM(s.pgsize) AS bytes
         FROM dbstat AS s LEFT JOIN sqlite_schema AS m ON m.name = s.name GROUP BY owner`,
      )
      .all() as { owner: string; bytes: number }[];
    const tables = new Map<string, number>();
    const parts = { collections: 0, meta: 0, other: 0 };
    for (const { owner, bytes } of rows) {
      // Collection tables are named after their collection and schema version (table-layout.ts).
      const meta = owner.startsWith('rx-replication-meta-');
      const collection = !meta && /__v\d+$/.test(owner);
      if (meta) parts.meta += bytes;
      else if (collection) parts.collections += bytes;
      else parts.other += bytes;
      tables.set(owner, bytes);
    }
    return { file: statSync(file).size, parts, tables };
  } finally {
    db.close();
  }
}
