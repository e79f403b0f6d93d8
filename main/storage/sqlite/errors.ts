/**
 * Why a database file was refused. The file is never written in either case, so the host can
 * move it aside and tell the person what happened without destroying their data.
 */
export type SqliteStorageFileErrorCode = 'notADatabase' | 'newerVersion';

export class SqliteStorageFileError extends Error {
  override readonly name = 'SqliteStorageFileError';

  constructor(
    readonly code: SqliteStorageFileErrorCode,
    readonly filePath: string,
    detail: string,
  ) {
    super(`${filePath}: ${detail}`);
  }
}

/** Attachments would need blob storage and digests; no LTC collection uses them. */
export class SqliteStorageAttachmentsError extends Error {
  override readonly name = 'SqliteStorageAttachmentsError';

  constructor(readonly collectionName: string) {
    super(`LTC Desk's SQLite storage does not support attachments (collection ${collectionName})`);
  }
}
