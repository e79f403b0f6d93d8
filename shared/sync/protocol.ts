/**
 * The sync server's HTTP contract, shared by the server (server/) and the sync client
 * (shared/sync/). Replication follows RxDB's protocol (pull by checkpoint, push of
 * {assumedMasterState, newDocumentState} rows answered with the current masters of the rows that
 * conflict, and a server-sent-event stream); the checkpoint is a server-assigned sequence number,
 * never a device clock.
 *
 * Routes (all under SYNC_API_PREFIX; everything but health and login needs
 * `Authorization: Bearer <token>`):
 *   GET  /health                        → { ok: true }
 *   POST /auth/login      LoginRequest  → LoginResponse            (401 wrong credentials, 429 wait)
 *   POST /auth/logout                   → 204                       (revokes the presented token)
 *   POST /auth/logout-everywhere        → 204                       (revokes every token of the caller)
 *   GET  /auth/me                       → SyncUser
 *   GET  /admin/users                   → SyncUser[]                (admin)
 *   POST /admin/users   CreateUserRequest → SyncUser                (admin; 409 username taken)
 *   PATCH /admin/users/:id UpdateUserRequest → SyncUser             (admin; disabling revokes tokens)
 *   POST /admin/users/:id/password ResetPasswordRequest → 204       (admin; revokes the user's tokens)
 *   POST /admin/users/:id/sign-out      → 204                       (admin; revokes the user's tokens)
 *   GET  /admin/settings                → OrgSettings               (admin)
 *   PATCH /admin/settings OrgSettings   → OrgSettings               (admin; everyone re-syncs)
 *   GET  /sync/:collection/pull?seq=<n>&limit=<n> → PullResponse
 *   POST /sync/:collection/push?epoch=<e> PushRow[] → PushResponse (409 epochChanged)
 *   POST /sync/push      BatchPushRequest        → BatchPushResponse (one transaction; 409 epochChanged)
 *   GET  /sync/stream                   → text/event-stream of SyncStreamEvent (`data:` lines, JSON)
 * Errors: status 4xx/5xx with body ErrorResponse.
 */

export const SYNC_API_PREFIX = '/api/v1';

import type { Role } from '../domain/roles';
import type { Refusal, RefusalCode } from '../rules/verdict';
import type { VisibilityMode } from '../rules/visibility';

export { ROLES, type Role } from '../domain/roles';

export interface SyncUser {
  id: string;
  orgId: string;
  orgName: string;
  /** The firm's code, typed at sign-in with the username (usernames are unique per firm). */
  firmCode: string;
  username: string;
  name: string;
  role: Role;
  disabled: boolean;
  /** Their manager (a manager sees their team's records when the firm's visibility is "own"). */
  managerId?: string;
}

export interface LoginRequest {
  /**
   * Which firm the username belongs to (any case; spaces and dashes ignored). May be left out
   * only when the server serves one firm (its DEFAULT_FIRM setting).
   */
  firmCode?: string;
  username: string;
  password: string;
  /**
   * The device token this device got at an earlier sign-in to this account, if any: the owner's
   * own device is not slowed down by other people's failed sign-ins.
   */
  deviceToken?: string;
}

export interface LoginResponse {
  /** Opaque bearer token; the server stores only its hash. */
  token: string;
  /** Epoch ms. */
  expiresAt: number;
  user: SyncUser;
  /** Keep it and send it with the next sign-in to this account (LoginRequest.deviceToken). */
  deviceToken: string;
}

export interface CreateUserRequest {
  username: string;
  name: string;
  role: Role;
  password: string;
}

export interface UpdateUserRequest {
  name?: string;
  role?: Role;
  disabled?: boolean;
  /** Their manager (a user of the organisation who is a manager or an admin); null: none. */
  managerId?: string | null;
}

/** The organisation's settings an admin changes (GET/PATCH /admin/settings). */
export interface OrgSettings {
  visibility: VisibilityMode;
}

export interface ResetPasswordRequest {
  password: string;
}

/** A document on the wire: the record's fields plus `_deleted`, without RxDB's _rev/_meta/_attachments. */
export type WireDocument = Record<string, unknown> & { _deleted: boolean };

/** Strictly increasing per organisation, assigned by the server in commit order. */
export interface SyncCheckpoint {
  seq: number;
  /** The person's view epoch the pulls so far were made in (PullResponse.view). */
  view?: number;
  /** Pulling everything again after the view changed (replication.ts), not yet finished. */
  resync?: boolean;
  /** The server epoch the pulls so far were made in (see ServerEpoch). */
  epoch?: string;
}

/**
 * The server epoch: a random id made anew by every restore of a backup. A client whose checkpoint
 * carries another epoch knows the server went back in time: it sends again what the server lost
 * and pulls everything again (epoch-recovery.ts). A push that carries a stale epoch is refused
 * (409 epochChanged) until the client has done so.
 */
export interface ServerEpoch {
  epoch: string;
  /**
   * The organisation's last seq when this epoch began: documents with a higher seq were written
   * after the restore (0 when the server was never restored).
   */
  since: number;
}

export interface PullResponse {
  documents: WireDocument[];
  /** The seq of the last document returned, or the request's checkpoint when there are none. */
  checkpoint: SyncCheckpoint;
  /**
   * The person's view epoch: raised whenever what they may see may have changed (a record handed
   * over, the firm's visibility setting, their team). A client that sees it change pulls every
   * collection again from the start and drops the documents that no longer come.
   */
  view?: number;
  /** The server epoch (also in the checkpoint). */
  epoch?: ServerEpoch;
}

export interface PushRow {
  assumedMasterState?: WireDocument;
  newDocumentState: WireDocument;
  /**
   * A record that changed stage brings the stage events of that change, oldest first: from the
   * stage of assumedMasterState (or, for a new record, its creation) to the stage it has now
   * (shared/rules/stage-chain.ts). The server checks them with the record and stores them with
   * it; the stageevents collection is never pushed on its own.
   */
  stageEvents?: Record<string, unknown>[];
}

/** A row the server would not take. It does not block the other rows of the push. */
export interface PushRefusal {
  /** The document's primary key. */
  id: string;
  /** invalid: the document does not fit its schema or the firm's rules; forbidden: not this person's to write. */
  code: 'invalid' | 'forbidden';
  /** For logs and old clients; the app words `reason` from its own catalogs. */
  message: string;
  /** The offending field, where there is one. */
  field?: string;
  /** The rulebook's reason (shared/rules/verdict.ts), absent for schema errors. */
  reason?: RefusalCode;
  params?: Refusal['params'];
  /** Every reason, when the rules found more than one. */
  refusals?: Refusal[];
}

/** Several collections' rows in one transaction: a record with the records it names. */
export interface BatchPushRequest {
  batches: { collection: string; rows: PushRow[] }[];
  /** The server epoch the client's checkpoints are in; a stale one is refused (409 epochChanged). */
  epoch?: string;
}

export interface BatchPushResponse {
  results: Record<string, PushResponse>;
  /** The server epoch the push was made in. */
  epoch?: string;
}

export interface PushResponse {
  /** Current master of every row whose assumedMasterState was not the master (RxDB's conflicts). */
  conflicts: WireDocument[];
  refused: PushRefusal[];
}

export type SyncStreamEvent =
  /** Sent first on every (re)connection: the client must pull everything since its checkpoint. */
  | { type: 'hello'; epoch?: string }
  /** Something in `collection` changed, up to `seq`. */
  | { type: 'change'; collection: string; seq: number };

export interface ErrorResponse {
  error: {
    code:
      | 'badRequest'
      | 'validation'
      /** A new password that is too easy to guess (a 400 naming the field). */
      | 'weakPassword'
      | 'unauthorized'
      | 'forbidden'
      | 'notFound'
      | 'conflict'
      /** The push carried a stale server epoch: the server was restored from a backup. */
      | 'epochChanged'
      | 'payloadTooLarge'
      | 'rateLimited'
      | 'internal';
    message: string;
    field?: string;
  };
}

/**
 * Pull page size the client asks for; the server caps any request at MAX_PULL_LIMIT. The most the
 * server gives: a new desktop's first sync of the 10× sample firm (43,426 documents) took about
 * 4.1 s with pages of 1,000 against 7.2 s with pages of 200 (bench/first-sync-desktop.ts).
 */
export const PULL_BATCH_SIZE = 1000;
export const MAX_PULL_LIMIT = 1000;
/** Rows per push request from the client; the server refuses more than MAX_PUSH_ROWS. */
export const PUSH_BATCH_SIZE = 100;
export const MAX_PUSH_ROWS = 500;
/** Rows of all collections in one batch push, and stage events brought by one row. */
export const MAX_BATCH_PUSH_ROWS = 2000;
export const MAX_STAGE_EVENTS_PER_ROW = 100;
