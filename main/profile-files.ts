/**
 * The names of a profile's files under Electron's userData folder, apart from the code that opens
 * them: main's thread needs them (it keeps the sync token) without loading the core, which lives
 * in its worker_thread (main/core-worker.ts).
 */

/** `<userData>/profiles/<profileId>/`: one folder per profile (main/profile-database.ts). */
export const PROFILES_FOLDER = 'profiles';

/** The sync token's file, beside the profile's database (encrypted with safeStorage). */
export const SYNC_TOKEN_FILE = 'sync-token.bin';
