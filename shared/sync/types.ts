import type { Refusal, RefusalCode } from '../rules/verdict';
import type {
  CreateUserRequest,
  ErrorResponse,
  OrgSettings,
  Role,
  SyncUser,
  UpdateUserRequest,
} from './protocol';

/** The signed-in account, as the desktop remembers it (never the password; the token is kept apart). */
export interface SyncAccount {
  serverUrl: string;
  userId: string;
  username: string;
  name: string;
  role: Role;
  orgId: string;
  orgName: string;
  /** Typed at sign-in with the username (absent on accounts saved before firm codes). */
  firmCode?: string;
}

export type SyncState = 'signedOut' | 'offline' | 'syncing' | 'synced' | 'error';

/** What the status bar shows at all times. */
export interface SyncStatus {
  state: SyncState;
  account?: SyncAccount;
  /** Epoch ms of the last time every collection was in sync with the server. */
  lastSyncedAt?: number;
  /** Local changes not yet on the server (documents). */
  pendingChanges: number;
  /** Refused pushes waiting for the person to fix or discard them. */
  problems: number;
  /** Conflict-log entries not yet reviewed. */
  conflicts: number;
  /** The last transport error, for the tooltip ("server unreachable", "signed out by the server"). */
  lastError?: string;
  /** End-of-day reminder time "HH:MM", and whether it is due now (changes still waiting after it). */
  reminderAt: string;
  reminderDue: boolean;
  /** An administrator allowed plain http:// to other computers on this host (the transport rule). */
  allowPlainHttp?: true;
}

/**
 * One field both sides changed, decided by the fixed rule (the value already on the server is
 * kept) and logged so the person can see what was overwritten and restore it in one click.
 */
export interface ConflictEntry {
  id: string;
  collection: string;
  recordId: string;
  /** Title or name of the record when the conflict happened, for the list. */
  recordLabel: string;
  /** The field, or for fields merged together (a stage and its entry time) the group's first field. */
  field: string;
  /** The value kept (the server's). */
  keptValue: unknown;
  /** The value that lost (this desktop's), restorable. */
  overwrittenValue: unknown;
  /**
   * For fields merged as a group (a stage with its entry time, order, probability, reason): this
   * desktop's values of every field of the group, which restore writes back together. A field
   * missing here was absent. Undefined for a plain field.
   */
  overwrittenFields?: Record<string, unknown>;
  at: number;
  /** Set when the person restored or dismissed the entry. */
  resolvedAt?: number;
  resolution?: 'restored' | 'dismissed';
}

/** A push the server refused; the local edit is kept here until the person fixes or discards it. */
export interface SyncProblem {
  id: string;
  collection: string;
  recordId: string;
  recordLabel: string;
  code: 'invalid' | 'forbidden';
  message: string;
  field?: string;
  /** The rulebook's reason, which the app words (absent for schema errors and old servers). */
  reason?: RefusalCode;
  params?: Refusal['params'];
  /** Every reason, when the server gave more than one. */
  refusals?: Refusal[];
  at: number;
  /** The refused document state, so nothing typed is lost. */
  document: Record<string, unknown>;
  /** The server's state the refused change started from (its stage events are dropped on discard). */
  assumed?: Record<string, unknown>;
}

export interface SignInRequest {
  serverUrl: string;
  /** Left out (or empty) only for a server that serves one firm. */
  firmCode?: string;
  username: string;
  password: string;
  /**
   * The certificate fingerprint the person compared and trusts (the first sign-in to an https://
   * server, or a changed certificate the admin confirmed). Signing in pins it.
   */
  trustFingerprint?: string;
}

/** The certificate a sign-in stopped at: the one presented, and the one trusted before if any. */
export interface CertificateToTrust {
  serverUrl: string;
  presented: string;
  pinned?: string;
}

/** Why a sign-in failed, for a message that names the cause. */
export type SignInFailure =
  | 'wrongCredentials'
  /** The server serves several firms and the sign-in named none. */
  | 'firmCodeRequired'
  | 'rateLimited'
  | 'unreachable'
  | 'notASyncServer'
  /** Plain http:// to another computer: refused before anything is sent. */
  | 'insecureTransport'
  /** First sign-in to this https:// server: its fingerprint is to be compared and trusted. */
  | 'untrustedCertificate'
  /** The server presents another certificate than the one trusted before: refused. */
  | 'certificateChanged';

export class SignInError extends Error {
  constructor(
    readonly reason: SignInFailure,
    message: string,
    /** untrustedCertificate and certificateChanged: what to show for the person to compare. */
    readonly certificate?: CertificateToTrust,
  ) {
    super(message);
    this.name = 'SignInError';
  }
}

/**
 * Why a user-administration call failed, in the terms the users dialog words it by:
 * signedOut (no valid sign-in), unreachable, forbidden (not an admin), notFound (no such user in
 * the organisation), usernameTaken, invalid (a field the server refused; `field` names it),
 * lastAdmin (the change would leave the organisation without an active admin), server (anything
 * else the server answered).
 */
export type UserAdminFailure =
  | 'signedOut'
  | 'unreachable'
  | 'forbidden'
  | 'notFound'
  | 'usernameTaken'
  | 'invalid'
  | 'lastAdmin'
  | 'server';

/** A failed user-administration call, with the server's own code and field when it answered. */
export class UserAdminError extends Error {
  constructor(
    readonly reason: UserAdminFailure,
    message: string,
    /** The request field the server named (username, name, role, disabled, password). */
    readonly field?: string,
    /** The server's error code, when the server answered. */
    readonly code?: ErrorResponse['error']['code'],
    readonly status?: number,
  ) {
    super(message);
    this.name = 'UserAdminError';
  }
}

/** Where a host keeps the bearer token: Electron's safeStorage in main, localStorage in the web build. */
export interface TokenVault {
  load(): Promise<string | undefined>;
  save(token: string): Promise<void>;
  clear(): Promise<void>;
}

/**
 * The sync worker of one profile database (shared/sync/engine.ts implements it; main and the web
 * host each run one). Live whenever the server is reachable, with retries and backoff.
 */
export interface SyncEngine {
  /** Current status now and on every change. Returns unsubscribe. */
  watchStatus(listener: (status: SyncStatus) => void): () => void;
  watchConflicts(listener: (entries: ConflictEntry[]) => void): () => void;
  watchProblems(listener: (problems: SyncProblem[]) => void): () => void;
  signIn(request: SignInRequest): Promise<SyncAccount>;
  /** Stops sync and forgets the token; local data stays unless removeLocalData. */
  /** `everywhere`: every session of the person ends, on their other devices too. */
  signOut(options: { removeLocalData: boolean; everywhere?: boolean }): Promise<void>;
  /** Pulls and pushes everything now; resolves when in sync or rejects with the reason. */
  syncNow(): Promise<void>;
  /** Writes the overwritten value back (a local edit, pushed on the next sync). */
  restoreConflict(id: string): Promise<void>;
  dismissConflict(id: string): Promise<void>;
  /** Replaces the refused local state with the server's current one. */
  discardProblem(id: string): Promise<void>;
  setReminderTime(hhmm: string): Promise<void>;
  /**
   * User administration on the server, as the signed-in user (the server allows it to admins
   * only). Each rejects with UserAdminError; a 401 also signs this desktop out, as sync does.
   */
  listUsers(): Promise<SyncUser[]>;
  createUser(request: CreateUserRequest): Promise<SyncUser>;
  updateUser(id: string, patch: UpdateUserRequest): Promise<SyncUser>;
  /** Sets a new password; the server signs the user out everywhere. */
  resetPassword(id: string, password: string): Promise<void>;
  /** The organisation's settings (who sees what), admins only. */
  getSettings(): Promise<OrgSettings>;
  updateSettings(settings: OrgSettings): Promise<OrgSettings>;
  close(): Promise<void>;
}
