import type { ColumnType } from 'kysely';

/**
 * The sync server's tables as Kysely sees them, shared by SQLite and PostgreSQL. Times are epoch
 * ms in bigint columns (PostgreSQL's int8 is parsed to a JS number by the pool, see postgres.ts;
 * every value stays far below 2^53). Flags are written as 1/0: SQLite has no boolean type and
 * better-sqlite3 cannot bind JS booleans, while PostgreSQL's boolean input accepts '1'/'0'. They
 * read back as 1/0 (SQLite) or true/false (PostgreSQL), hence the read type.
 */
type Flag = ColumnType<boolean | number, number, number>;

export interface OrganisationsTable {
  id: string;
  name: string;
  created_at: number;
  /** The firm code (auth/firm-code.ts); null only between migration 0005's steps. */
  code: ColumnType<string | null, string | undefined, string>;
  /** The organisation's sync sequence: the seq of its most recent document write. */
  last_seq: ColumnType<number, number | undefined, number>;
  /** Who sees what: 'everyone' or 'own' (shared/rules/visibility.ts). */
  visibility: ColumnType<string, string | undefined, string>;
  /**
   * last_seq when the current server epoch began (0 before any restore): documents with a higher
   * seq were written after the restore (shared/sync/epoch-recovery.ts).
   */
  epoch_seq: ColumnType<number, number | undefined, number>;
  /** Raised by every change to the firm's people, so a cached list of them is known stale. */
  users_version: ColumnType<number, number | undefined, number>;
}

export interface UsersTable {
  id: string;
  org_id: string;
  username: string;
  name: string;
  role: string;
  password_hash: string;
  disabled: Flag;
  created_at: number;
  /** The user's manager (their team), for "managers see their team". */
  manager_id: ColumnType<string | null, string | null | undefined, string | null>;
  /**
   * Raised whenever what the user may see may have changed (a reassignment, the firm's setting,
   * their team): a device that sees a new value pulls everything again and drops what is gone.
   */
  view_epoch: ColumnType<number, number | undefined, number>;
}

export interface TokensTable {
  token_hash: string;
  user_id: string;
  org_id: string;
  created_at: number;
  expires_at: number;
  revoked_at: number | null;
}

export interface LoginFailuresTable {
  key: string;
  at: number;
  /** The sign-in attempt that recorded it (null for rows from before migration 0004). */
  attempt: string | null;
}

/** Devices that signed in before (auth/known-devices.ts), by the hash of their device token. */
export interface KnownDevicesTable {
  token_hash: string;
  org_id: string;
  user_id: string;
  created_at: number;
}

export interface DocumentsTable {
  org_id: string;
  collection: string;
  id: string;
  seq: number;
  /** The document's JSON without `_deleted` (kept in its own column). */
  data: string;
  deleted: Flag;
  /** User id of the last writer, for audit. */
  updated_by: string;
  /** The record's owner and account (shared/rules/visibility.ts), for who may see it. */
  owner_id: ColumnType<string | null, string | null | undefined, string | null>;
  account_id: ColumnType<string | null, string | null | undefined, string | null>;
}

/**
 * Which record names which (a contact its account, a payment its invoice): one row per reference
 * of every live document, kept with the document in the same transaction. The rules look up the
 * payments of an invoice, the invoices of a contract, and whether a record may be deleted.
 */
export interface DocRefsTable {
  org_id: string;
  collection: string;
  id: string;
  field: string;
  ref_collection: string;
  ref_id: string;
}

/**
 * PostgreSQL: the seqs a push transaction has claimed and not yet committed (seq-claims.ts). The
 * claim is committed at once, the row is deleted by the push's own transaction; a row whose
 * transaction (`xid`) aborted is left over and ignored. Never copied into a backup: a claim
 * means something only while its transaction runs.
 */
export interface SeqClaimsTable {
  org_id: string;
  first_seq: number;
  last_seq: number;
  /** The claiming push transaction's id (pg_current_xact_id()), as text. */
  xid: string;
  /** docKey of every document the push writes (a text[]; never written on SQLite). */
  doc_keys: string[];
}

/** Tables whose rows are of the running server only, never backed up. */
export const TRANSIENT_TABLES: readonly string[] = ['seq_claims'];

/** One row (id 'current'): the server epoch, a random id made anew by every restore. */
export interface ServerEpochTable {
  id: string;
  epoch: string;
}

export interface SyncDatabase {
  organisations: OrganisationsTable;
  users: UsersTable;
  tokens: TokensTable;
  login_failures: LoginFailuresTable;
  known_devices: KnownDevicesTable;
  documents: DocumentsTable;
  doc_refs: DocRefsTable;
  server_epoch: ServerEpochTable;
  seq_claims: SeqClaimsTable;
}
