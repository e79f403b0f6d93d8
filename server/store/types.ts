import type { VisibilityMode } from '../../shared/rules/visibility';
import type { Role, WireDocument } from '../../shared/sync/protocol';

/**
 * The sync server's one storage interface. Two implementations (SQLite, the embedded default;
 * PostgreSQL for firms that run several server instances) share one Kysely query layer. The server
 * keeps no state outside the store, so every instance behind a load balancer sees the same thing.
 * Every method that touches tenant data takes the organisation id: tenant isolation is enforced
 * in the queries themselves, not by callers filtering results.
 */

export interface OrganisationRow {
  id: string;
  name: string;
  /** What its people type at sign-in (auth/firm-code.ts); unique on the server. */
  code: string;
  createdAt: number;
  /** Who sees what (shared/rules/visibility.ts); 'everyone' unless an admin chose otherwise. */
  visibility?: VisibilityMode;
  /** The organisation's last seq when the server epoch began (tables.ts). */
  epochSeq?: number;
}

export interface UserRow {
  id: string;
  orgId: string;
  /** Unique within the firm: a person signs in with firm code, username and password. */
  username: string;
  name: string;
  role: Role;
  /** scrypt hash in PHC-like string form; never leaves the server. */
  passwordHash: string;
  disabled: boolean;
  createdAt: number;
  /** The user's manager: a manager sees their team's records when the firm sees "own". */
  managerId?: string | null;
  /** Raised when what the user may see may have changed (tables.ts). */
  viewEpoch?: number;
}

export interface TokenRow {
  /** SHA-256 of the bearer token; the token itself is never stored. */
  tokenHash: string;
  userId: string;
  orgId: string;
  createdAt: number;
  expiresAt: number;
  revokedAt: number | null;
}

/** A device that signed in to an account: its token (hash) spares it others' failures. */
export interface KnownDeviceRow {
  /** SHA-256 of the device token; the token itself stays on the device. */
  tokenHash: string;
  orgId: string;
  userId: string;
  createdAt: number;
}

export interface StoredDocument {
  id: string;
  seq: number;
  data: WireDocument;
}

/** What push decides for one document id, given the current master (undefined: none yet). */
export interface DocumentWrite {
  id: string;
  data: WireDocument;
  /** Who wrote it (user id), for audit. */
  updatedBy: string;
}

/** A write of a push that may span collections (a deal with its history, a payment with its invoice). */
export interface BatchWrite extends DocumentWrite {
  collection: string;
  /** Whose and which account's record it is (or hangs on): who is told of the change. */
  audience?: { owner?: string; account?: string };
  /**
   * The plan read no stored document of this id: the write creates it, so it has no references
   * to remove first. Leave it unset when unsure; that only costs a delete.
   */
  created?: boolean;
}

/** Reads inside a push transaction: the masters, and the lookups the rules make. */
export interface PushTransaction {
  /**
   * Stored documents (tombstones included), by collection and id, keyed `collection|id`: of
   * every collection at once, since each query is a round trip (in one query per 500).
   */
  read(wanted: ReadonlyMap<string, Iterable<string>>): Promise<Map<string, WireDocument>>;
  /** Live documents of `collection` whose reference `field` names one of `ids`. */
  referencing(collection: string, field: string, ids: readonly string[]): Promise<WireDocument[]>;
  /** Those of `ids` (records of `collection`) that some live document names. */
  referenced(collection: string, ids: readonly string[]): Promise<Set<string>>;
  /** The organisation's visibility setting, read with its sequence lock. */
  readonly visibility: VisibilityMode;
  /** For each of `accounts`, the owners of live records on it (who works on it). */
  ownersOn(accounts: readonly string[]): Promise<Map<string, Set<string>>>;
  /** Raises these users' view epochs (tables.ts), committed with the push. */
  bumpViews(userIds: readonly string[]): Promise<void>;
}

export interface ChangeNotice {
  orgId: string;
  collection: string;
  seq: number;
  /** Users whose view epoch the change raised: their devices pull everything again. */
  views?: string[];
  /**
   * Whose records (owners) and which accounts the change touched, for the event stream to tell
   * only those who may see it; absent when unknown or too long (everyone is told then).
   */
  audience?: { owners: string[]; accounts: string[] };
}

export class UsernameTakenError extends Error {
  constructor(readonly username: string) {
    super(`username "${username}" is taken`);
    this.name = 'UsernameTakenError';
  }
}

export interface FoundSession {
  token: TokenRow;
  user: UserRow;
  /** The firm's users_version when the session was read (users-cache.ts). */
  usersVersion: number;
}

export interface SyncStore {
  readonly kind: 'sqlite' | 'postgres';
  /** Creates or upgrades the tables; safe to call on every start, from several instances. */
  migrate(): Promise<void>;
  close(): Promise<void>;
  /** The server epoch (epoch.ts): made anew by every restore of a backup. */
  epoch(): Promise<string>;

  /** Makes the organisation, with a fresh firm code unless `code` is given; returns it. */
  createOrganisation(
    org: Omit<OrganisationRow, 'code'> & { code?: string },
  ): Promise<OrganisationRow>;
  getOrganisation(id: string): Promise<OrganisationRow | undefined>;
  /** By firm code (normalised: auth/firm-code.ts). */
  findOrganisationByCode(code: string): Promise<OrganisationRow | undefined>;
  countUsers(): Promise<number>;
  /** Throws UsernameTakenError when the username exists in the user's organisation. */
  createUser(user: UserRow): Promise<void>;
  findUserByUsername(orgId: string, username: string): Promise<UserRow | undefined>;
  getUser(orgId: string, id: string): Promise<UserRow | undefined>;
  listUsers(orgId: string): Promise<UserRow[]>;
  /**
   * The firm's people as of `usersVersion` (from findSession) or later, kept between requests
   * while the version stays (users-cache.ts). Read-only: for the rulebook, not for admin screens.
   */
  firmUsers(orgId: string, usersVersion: number): Promise<readonly UserRow[]>;
  updateUser(
    orgId: string,
    id: string,
    patch: Partial<Pick<UserRow, 'name' | 'role' | 'disabled' | 'passwordHash' | 'managerId'>>,
  ): Promise<UserRow | undefined>;
  setVisibility(orgId: string, visibility: VisibilityMode): Promise<void>;
  /** Raises view epochs (all users of the organisation when `userIds` is absent) and tells them. */
  bumpViews(orgId: string, userIds?: readonly string[]): Promise<void>;
  /** Accounts named by live records owned by `people` (accounts they own included). */
  workedAccounts(orgId: string, people: readonly string[]): Promise<Set<string>>;
  /** Stored documents of one collection by id (tombstones included). */
  read(
    orgId: string,
    collection: string,
    ids: readonly string[],
  ): Promise<Map<string, WireDocument>>;

  insertToken(token: TokenRow): Promise<void>;
  findToken(tokenHash: string): Promise<TokenRow | undefined>;
  /** The token, its user and their firm's users_version in one read (undefined if gone). */
  findSession(tokenHash: string): Promise<FoundSession | undefined>;
  revokeToken(tokenHash: string, at: number): Promise<void>;
  revokeUserTokens(orgId: string, userId: string, at: number): Promise<void>;

  /** Failed sign-ins per key (username, address), shared by all instances for rate limiting. */
  recordLoginFailure(key: string, at: number, attempt?: string): Promise<void>;
  /**
   * The failures under `key` since `since` other than those of `attempt`: how many, and when the
   * latest was (undefined when none).
   */
  loginFailuresBefore(
    key: string,
    since: number,
    attempt: string,
  ): Promise<{ count: number; latest: number | undefined }>;
  clearLoginFailures(key: string): Promise<void>;
  /** Takes back what one attempt recorded under `key` (a sign-in that turned out right). */
  forgetLoginFailure(key: string, attempt: string): Promise<void>;

  /** Devices that have signed in before (auth/known-devices.ts). */
  addKnownDevice(device: KnownDeviceRow): Promise<void>;
  findKnownDevice(tokenHash: string): Promise<KnownDeviceRow | undefined>;

  /** Documents of one collection with seq > afterSeq, in seq order, at most `limit`. */
  pull(
    orgId: string,
    collection: string,
    afterSeq: number,
    limit: number,
  ): Promise<StoredDocument[]>;
  /**
   * One transaction with the organisation's sequence locked (so seqs are assigned, and become
   * visible, in commit order): reads the current masters of `ids`, calls `decide` with them, writes
   * what it returns with fresh, strictly increasing seqs, and returns the last seq written (or
   * undefined when nothing was written). Notifies listeners after commit.
   */
  push(
    orgId: string,
    collection: string,
    ids: readonly string[],
    decide: (masters: ReadonlyMap<string, WireDocument>) => DocumentWrite[],
  ): Promise<number | undefined>;
  /**
   * As push, across collections: `plan` reads what it needs through the transaction and returns
   * the writes. Returns a notice per collection written (after commit).
   */
  pushBatch(
    orgId: string,
    plan: (trx: PushTransaction) => Promise<BatchWrite[]>,
  ): Promise<ChangeNotice[]>;
  /** Change notices from every instance (PostgreSQL LISTEN/NOTIFY; in-process for SQLite). */
  onChange(listener: (notice: ChangeNotice) => void): () => void;
}
