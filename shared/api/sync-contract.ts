import { z } from 'zod';
import { VISIBILITY_MODES } from '../rules/visibility';
import type { OrgSettings, Role, SyncUser } from '../sync/protocol';
import type { ConflictEntry, SyncAccount, SyncProblem, SyncStatus } from '../sync/types';
import { FINGERPRINT } from '../security/certificate-pin';
import { withDefaultScheme } from '../security/transport';
import { requiredText } from './fields';

/**
 * The sync part of the CrmApi contract: the same commands and live queries in Electron (the
 * engine runs in main) and in the web build (the engine runs in the page). Kept apart from the
 * core's commands because a different object handles them (shared/api/sync-handlers.ts wraps a
 * SyncEngine), and a host may run without sync (tests, a core opened for one job).
 */

/** "HH:MM", 24-hour: the end-of-day reminder time. */
export const REMINDER_TIME = /^([01]\d|2[0-3]):[0-5]\d$/;

/**
 * Only http(s): a sync server address is never file:, javascript: or anything else. The address
 * as people write it on a sticky note, "192.168.1.10:8787" or "sync.example.cn", means https://
 * (the server serves TLS by default); whether http:// may go out is the transport rule's call.
 */
const serverUrl = z
  .string()
  .trim()
  .min(1)
  .max(2048)
  .transform(withDefaultScheme)
  .pipe(z.url({ protocol: /^https?$/ }));

/** Ids the engine made for its log entries: opaque, but bounded. */
const entryId = z.string().min(1).max(200);

/**
 * The sync server's rules for accounts (server/auth/users.ts, server/auth/passwords.ts), checked
 * here too so the users dialog names the field before anything is sent. The server stays the
 * authority: what it refuses comes back as a ValidationError on the same field.
 */
export const USERNAME_MAX_LENGTH = 64;
export const USER_NAME_MAX_LENGTH = 100;
export const PASSWORD_MIN_LENGTH = 8;
export const PASSWORD_MAX_LENGTH = 256;

/** The server compares usernames without case and refuses spaces and control characters. */
const username = requiredText(USERNAME_MAX_LENGTH).regex(/^[^\s\p{Cc}]+$/u);
const userName = requiredText(USER_NAME_MAX_LENGTH);
const ROLE_VALUES = ['admin', 'manager', 'rep'] as const satisfies readonly Role[];
const role = z.enum(ROLE_VALUES);
/**
 * Not trimmed: a password is exactly what was typed. min(1) first, so an empty one reads as
 * "required" and a short one as "too short".
 */
const newPassword = z.string().min(1).min(PASSWORD_MIN_LENGTH).max(PASSWORD_MAX_LENGTH);
/** A server user id (the server takes at most 64 characters). */
const userId = z.string().min(1).max(64);

export const syncCommandSchemas = {
  'sync/signIn': z.strictObject({
    serverUrl,
    /** Empty is allowed: a server that serves one firm needs none. */
    firmCode: z.string().trim().max(32).optional(),
    username: requiredText(200),
    // Not trimmed: a password is exactly what was typed.
    password: z.string().min(1).max(1024),
    /** The certificate fingerprint the person compared and trusts (trust on first use). */
    trustFingerprint: z.string().regex(FINGERPRINT).optional(),
  }),
  'sync/signOut': z.strictObject({
    /** true removes this profile's local records from this computer as well. */
    removeLocalData: z.boolean(),
    /** true ends the person's sessions on every device (a lost laptop), not only this one. */
    everywhere: z.boolean().optional(),
  }),
  'sync/now': z.strictObject({}),
  'sync/conflicts/restore': z.strictObject({ id: entryId }),
  'sync/conflicts/dismiss': z.strictObject({ id: entryId }),
  'sync/problems/discard': z.strictObject({ id: entryId }),
  'sync/reminder/set': z.strictObject({ at: z.string().regex(REMINDER_TIME) }),
  /** The signed-in admin's organisation's users, by username. */
  'admin/users/list': z.strictObject({}),
  'admin/users/create': z.strictObject({
    username,
    name: userName,
    role,
    password: newPassword,
  }),
  /** Disabling signs the user out everywhere; the last active admin cannot be demoted or disabled. */
  'admin/users/update': z.strictObject({
    id: userId,
    patch: z
      .strictObject({ name: userName, role, disabled: z.boolean(), managerId: userId.nullable() })
      .partial(),
  }),
  /** Who sees what in the organisation (shared/rules/visibility.ts), admins only. */
  'admin/settings/get': z.strictObject({}),
  'admin/settings/update': z.strictObject({ visibility: z.enum(VISIBILITY_MODES) }),
  /** Signs the user out everywhere; they sign in again with the new password. */
  'admin/users/resetPassword': z.strictObject({ id: userId, password: newPassword }),
} as const;

export interface SyncCommandResults {
  'sync/signIn': SyncAccount;
  'sync/signOut': void;
  'sync/now': void;
  'sync/conflicts/restore': void;
  'sync/conflicts/dismiss': void;
  'sync/problems/discard': void;
  'sync/reminder/set': void;
  'admin/users/list': SyncUser[];
  'admin/users/create': SyncUser;
  'admin/users/update': SyncUser;
  'admin/users/resetPassword': void;
  'admin/settings/get': OrgSettings;
  'admin/settings/update': OrgSettings;
}

export const syncQuerySchemas = {
  'sync/status': z.strictObject({}),
  /** Unresolved entries first, then newest first. */
  'sync/conflicts': z.strictObject({}),
  'sync/problems': z.strictObject({}),
} as const;

export interface SyncQueryResults {
  'sync/status': SyncStatus;
  'sync/conflicts': ConflictEntry[];
  'sync/problems': SyncProblem[];
}

export type SyncCommandName = keyof typeof syncCommandSchemas;
export type SyncQueryName = keyof typeof syncQuerySchemas;
