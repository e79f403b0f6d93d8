/**
 * LTC Desk's RxStorage on SQLite (better-sqlite3), for the Electron main process. One file per
 * RxDB database, one table per collection and schema version.
 */
export { getRxStorageSqlite } from './storage';
export { SQLITE_STORAGE_FORMAT_VERSION, type SqliteSynchronous } from './connection';
export { SqliteStorageAttachmentsError, SqliteStorageFileError } from './errors';
export type { SqliteStorageFileErrorCode } from './errors';
export type {
  SqliteInstanceCreationOptions,
  SqliteStorageInternals,
  SqliteStorageOptions,
} from './types';
