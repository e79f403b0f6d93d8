import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { openCrmCore, type CrmCore, type CurrentUser } from '../shared/core';
import { moveDatabaseAside } from './move-aside';
import { PROFILES_FOLDER } from './profile-files';
import { getRxStorageSqlite, SqliteStorageFileError } from './storage/sqlite';

/**
 * Where a profile's data lives: `<userData>/profiles/<profileId>/ltc-desk.sqlite`, one SQLite file
 * per profile holding every collection. A folder per profile (not just a file) so the profile's
 * moved-aside files and, later, its sync state sit beside its database. The profile is the person
 * at this desktop (main/local-user.ts); with sign-in (issue 4) it becomes the signed-in user.
 */
export { PROFILES_FOLDER };
export const PROFILE_DATABASE_NAME = 'ltc-desk';

/** Profile ids are UUIDv7s; anything else in local-user.json must not become a path. */
const SAFE_PROFILE_ID = /^[A-Za-z0-9_-]{1,64}$/;

export function profileFolder(userDataDir: string, profileId: string): string {
  if (!SAFE_PROFILE_ID.test(profileId)) throw new Error(`not a profile id: ${profileId}`);
  return path.join(userDataDir, PROFILES_FOLDER, profileId);
}

export function profileDatabaseFile(userDataDir: string, profileId: string): string {
  return path.join(profileFolder(userDataDir, profileId), `${PROFILE_DATABASE_NAME}.sqlite`);
}

/** The database could not be read; it was kept at `movedTo` and a fresh one was started. */
export interface UnreadableDatabaseMovedAside {
  code: 'unreadableMovedAside';
  filePath: string;
  movedTo: string;
}

/** A newer LTC Desk wrote the database; it is left untouched and not opened. */
export interface DatabaseFromNewerVersion {
  code: 'newerVersion';
  filePath: string;
}

export type StartupProblem = UnreadableDatabaseMovedAside | DatabaseFromNewerVersion;

export type ProfileDatabaseOpening =
  | { opened: true; core: CrmCore; filePath: string; movedAside?: UnreadableDatabaseMovedAside }
  | { opened: false; problem: DatabaseFromNewerVersion };

export interface OpenProfileDatabaseOptions {
  userDataDir: string;
  /** The profile's owner: their id names the profile folder, and they act in the core. */
  currentUser: CurrentUser;
  devMode?: boolean;
  now?: () => number;
  /** When an unreadable file is moved aside (its name's timestamp); tests fix it. */
  clock?: () => Date;
}

/** SQLite's own codes for "not a database" and "damaged", as better-sqlite3 reports them. */
const UNREADABLE_SQLITE_CODES = new Set(['SQLITE_NOTADB', 'SQLITE_CORRUPT']);

type FileVerdict = 'unreadable' | 'newerVersion' | undefined;

/**
 * What an error thrown while opening says about the file. The storage reports a bad header or a
 * newer format as SqliteStorageFileError; damage deeper in the file may surface only when the
 * core first reads a table, as SQLite's own SQLITE_CORRUPT. RxDB may wrap either (`cause`,
 * `parameters.error`), so the chain is followed.
 */
function verdictOf(error: unknown, depth = 0): FileVerdict {
  if (depth > 5 || typeof error !== 'object' || error === null) return undefined;
  if (error instanceof SqliteStorageFileError)
    return error.code === 'newerVersion' ? 'newerVersion' : 'unreadable';
  const { code, cause, parameters } = error as {
    code?: unknown;
    cause?: unknown;
    parameters?: { error?: unknown };
  };
  if (typeof code === 'string' && UNREADABLE_SQLITE_CODES.has(code)) return 'unreadable';
  return verdictOf(cause, depth + 1) ?? verdictOf(parameters?.error, depth + 1);
}

function openCore(options: OpenProfileDatabaseOptions, directory: string): Promise<CrmCore> {
  return openCrmCore({
    storage: getRxStorageSqlite({ directory }),
    databaseName: PROFILE_DATABASE_NAME,
    currentUser: options.currentUser,
    devMode: options.devMode ?? false,
    ...(options.now ? { now: options.now } : {}),
  });
}

/**
 * Opens the profile's database. Data is never destroyed: an unreadable file is renamed aside
 * (with its -wal and -shm) before a fresh database takes its name, and a file from a newer
 * version is not opened at all. Any other failure is thrown: it says nothing about the file.
 */
export async function openProfileDatabase(
  options: OpenProfileDatabaseOptions,
): Promise<ProfileDatabaseOpening> {
  const directory = profileFolder(options.userDataDir, options.currentUser.id);
  const filePath = profileDatabaseFile(options.userDataDir, options.currentUser.id);
  await mkdir(directory, { recursive: true });
  try {
    return { opened: true, core: await openCore(options, directory), filePath };
  } catch (error) {
    const verdict = verdictOf(error);
    if (verdict === 'newerVersion') return { opened: false, problem: { code: verdict, filePath } };
    if (verdict !== 'unreadable') throw error;
  }
  const movedTo = await moveDatabaseAside(filePath, options.clock?.() ?? new Date());
  const core = await openCore(options, directory);
  return {
    opened: true,
    core,
    filePath,
    movedAside: { code: 'unreadableMovedAside', filePath, movedTo },
  };
}
