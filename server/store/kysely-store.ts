import type { Kysely, Selectable, Transaction } from 'kysely';
import { VISIBILITY_MODES, type VisibilityMode } from '../../shared/rules/visibility';
import { ROLES, type Role, type WireDocument } from '../../shared/sync/protocol';
import { docKey, pullDocuments, readDocuments } from './documents';
import { newFirmCode } from '../auth/firm-code';
import { readEpoch } from './epoch';
import { claimedGroupCommit } from './push-claim';
import { PushCommitter, serialGroupCommit, sqliteFirmNow, type InTransaction } from './push-commit';
import { firmNow, lockFirm, pullHorizon, waitForClaims } from './seq-claims';
import type { ChangeFanout } from './notifications';
import { UsersCache } from './users-cache';
import type { SyncDatabase, TokensTable, UsersTable } from './tables';
import {
  UsernameTakenError,
  type BatchWrite,
  type PushTransaction,
  type ChangeNotice,
  type DocumentWrite,
  type FoundSession,
  type KnownDeviceRow,
  type OrganisationRow,
  type StoredDocument,
  type SyncStore,
  type TokenRow,
  type UserRow,
} from './types';

/** What differs between SQLite and PostgreSQL; everything else is the shared queries below. */
export interface StoreBackend {
  kind: SyncStore['kind'];
  db: Kysely<SyncDatabase>;
  /** PostgreSQL: the pool seqs are claimed on (push-claim.ts); SQLite has none. */
  claimDb?: Kysely<SyncDatabase>;
  /** Listeners of this instance; the backend feeds it (SQLite after commit, PostgreSQL from LISTEN). */
  fanout: ChangeFanout;
  migrate(): Promise<void>;
  isUsernameTaken(error: unknown): boolean;
  /** Runs inside the push transaction just before commit. */
  notifyInTransaction(trx: Transaction<SyncDatabase>, notices: ChangeNotice[]): Promise<void>;
  /** Runs after the push committed. */
  notifyAfterCommit(notice: ChangeNotice): void;
  /** Closes the connections (pool, database file, LISTEN client). */
  close(): Promise<void>;
}

/**
 * Failed sign-ins older than this are deleted as new ones come in, so a stream of failures for
 * made-up usernames cannot grow the table without bound. Rate-limit windows must be shorter.
 */
export const LOGIN_FAILURE_RETENTION_MS = 24 * 60 * 60 * 1000;

/** The devices a person is known by (auth/known-devices.ts): enough for every browser they use. */
export const KNOWN_DEVICES_PER_PERSON = 20;

/** One collection's masters by id, from a push transaction's read. */
async function mastersOf(
  trx: PushTransaction,
  collection: string,
  ids: readonly string[],
): Promise<Map<string, WireDocument>> {
  const found = await trx.read(new Map([[collection, ids]]));
  const masters = new Map<string, WireDocument>();
  for (const id of ids) {
    const doc = found.get(docKey(collection, id));
    if (doc) masters.set(id, doc);
  }
  return masters;
}

function toRole(value: string): Role {
  if (!(ROLES as readonly string[]).includes(value)) throw new Error(`unknown role "${value}"`);
  return value as Role;
}

function toUser(row: Selectable<UsersTable>): UserRow {
  return {
    id: row.id,
    orgId: row.org_id,
    username: row.username,
    name: row.name,
    role: toRole(row.role),
    passwordHash: row.password_hash,
    disabled: Boolean(row.disabled),
    createdAt: row.created_at,
    managerId: row.manager_id ?? null,
    viewEpoch: Number(row.view_epoch ?? 0),
  };
}

function toVisibility(value: string | undefined): VisibilityMode {
  return (VISIBILITY_MODES as readonly string[]).includes(value ?? '')
    ? (value as VisibilityMode)
    : 'everyone';
}

function toToken(row: Selectable<TokensTable>): TokenRow {
  return {
    tokenHash: row.token_hash,
    userId: row.user_id,
    orgId: row.org_id,
    createdAt: row.created_at,
    expiresAt: row.expires_at,
    revokedAt: row.revoked_at,
  };
}

/** In the transaction that changes a firm's people: caches of them are stale from its commit. */
async function raiseUsersVersion(trx: Transaction<SyncDatabase>, orgId: string): Promise<void> {
  await trx
    .updateTable('organisations')
    .set((eb) => ({ users_version: eb('users_version', '+', 1) }))
    .where('id', '=', orgId)
    .execute();
}

export class KyselySyncStore implements SyncStore {
  readonly kind: SyncStore['kind'];
  readonly #backend: StoreBackend;
  readonly #db: Kysely<SyncDatabase>;
  /** Each firm's people for the rulebook, read again when they change (users-cache.ts). */
  readonly #users = new UsersCache((orgId) => this.listUsers(orgId));
  /** This process's pushes, committed a firm's group at a time (push-commit.ts). */
  readonly #pushes: PushCommitter;
  /** Read once: it changes only by a restore, which no running server sees (restore.ts). */
  #epoch: Promise<string> | undefined;

  constructor(backend: StoreBackend) {
    this.kind = backend.kind;
    this.#backend = backend;
    this.#db = backend.db;
    const notify: InTransaction = (trx, notices) => backend.notifyInTransaction(trx, notices);
    const { claimDb } = backend;
    this.#pushes = claimDb
      ? new PushCommitter(backend.db, claimedGroupCommit(backend.db, claimDb, notify), (orgId) =>
          firmNow(backend.db, orgId),
        )
      : new PushCommitter(
          backend.db,
          serialGroupCommit(backend.db, notify),
          sqliteFirmNow(backend.db),
        );
  }

  migrate(): Promise<void> {
    return this.#backend.migrate();
  }

  epoch(): Promise<string> {
    this.#epoch ??= readEpoch(this.#db);
    return this.#epoch;
  }

  async close(): Promise<void> {
    this.#backend.fanout.clear();
    await this.#backend.close();
  }

  async createOrganisation(
    org: Omit<OrganisationRow, 'code'> & { code?: string },
  ): Promise<OrganisationRow> {
    // A fresh code taken by another firm (one in a billion) is drawn again.
    for (let tries = 0; ; tries++) {
      const code = org.code ?? newFirmCode();
      try {
        await this.#db
          .insertInto('organisations')
          .values({ id: org.id, name: org.name, code, created_at: org.createdAt })
          .execute();
        return { ...org, code };
      } catch (error) {
        const taken = await this.findOrganisationByCode(code);
        if (org.code !== undefined || tries >= 5 || !taken || taken.id === org.id) throw error;
      }
    }
  }

  getOrganisation(id: string): Promise<OrganisationRow | undefined> {
    return this.#findOrganisation('id', id);
  }

  findOrganisationByCode(code: string): Promise<OrganisationRow | undefined> {
    return this.#findOrganisation('code', code);
  }

  async #findOrganisation(by: 'id' | 'code', value: string) {
    const row = await this.#db
      .selectFrom('organisations')
      .select(['id', 'name', 'code', 'created_at', 'visibility', 'epoch_seq'])
      .where(by, '=', value)
      .executeTakeFirst();
    return (
      row && {
        id: row.id,
        name: row.name,
        code: row.code ?? '',
        createdAt: row.created_at,
        visibility: toVisibility(row.visibility),
        epochSeq: Number(row.epoch_seq ?? 0),
      }
    );
  }

  async setVisibility(orgId: string, visibility: VisibilityMode): Promise<void> {
    await this.#db.transaction().execute(async (trx) => {
      if (this.#backend.claimDb) {
        // Pushes judged under the old setting commit first (seq-claims.ts): lock the firm, so
        // that none claims meanwhile, and wait for those that have claimed.
        const org = await lockFirm(trx, orgId, 'durable');
        await waitForClaims(trx, orgId, org?.claims ?? []);
      }
      await trx.updateTable('organisations').set({ visibility }).where('id', '=', orgId).execute();
    });
  }

  async bumpViews(orgId: string, userIds?: readonly string[]): Promise<void> {
    let query = this.#db
      .updateTable('users')
      .set((eb) => ({ view_epoch: eb('view_epoch', '+', 1) }))
      .where('org_id', '=', orgId);
    if (userIds) {
      if (userIds.length === 0) return;
      query = query.where('id', 'in', [...userIds]);
    }
    const rows = await query.returning('id').execute();
    const notice: ChangeNotice = { orgId, collection: '', seq: 0, views: rows.map((r) => r.id) };
    this.#backend.notifyAfterCommit(notice);
    if (this.kind === 'postgres') {
      await this.#db
        .transaction()
        .execute((trx) => this.#backend.notifyInTransaction(trx, [notice]));
    }
  }

  async workedAccounts(orgId: string, people: readonly string[]): Promise<Set<string>> {
    if (people.length === 0) return new Set();
    const rows = await this.#db
      .selectFrom('documents')
      .select('account_id')
      .distinct()
      .where('org_id', '=', orgId)
      .where('owner_id', 'in', [...people])
      .where('deleted', '=', 0)
      .where('account_id', 'is not', null)
      .execute();
    return new Set(rows.flatMap((row) => (row.account_id ? [row.account_id] : [])));
  }

  read(
    orgId: string,
    collection: string,
    ids: readonly string[],
  ): Promise<Map<string, WireDocument>> {
    return readDocuments(this.#db, orgId, collection, ids);
  }

  async countUsers(): Promise<number> {
    const row = await this.#db
      .selectFrom('users')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }

  async createUser(user: UserRow): Promise<void> {
    try {
      await this.#db.transaction().execute(async (trx) => {
        await trx
          .insertInto('users')
          .values({
            id: user.id,
            org_id: user.orgId,
            username: user.username,
            name: user.name,
            role: user.role,
            password_hash: user.passwordHash,
            disabled: user.disabled ? 1 : 0,
            created_at: user.createdAt,
          })
          .execute();
        await raiseUsersVersion(trx, user.orgId);
      });
    } catch (error) {
      if (this.#backend.isUsernameTaken(error)) throw new UsernameTakenError(user.username);
      throw error;
    }
  }

  async findUserByUsername(orgId: string, username: string): Promise<UserRow | undefined> {
    const row = await this.#db
      .selectFrom('users')
      .selectAll()
      .where('org_id', '=', orgId)
      .where('username', '=', username)
      .executeTakeFirst();
    return row && toUser(row);
  }

  async getUser(orgId: string, id: string): Promise<UserRow | undefined> {
    const row = await this.#db
      .selectFrom('users')
      .selectAll()
      .where('org_id', '=', orgId)
      .where('id', '=', id)
      .executeTakeFirst();
    return row && toUser(row);
  }

  async listUsers(orgId: string): Promise<UserRow[]> {
    const rows = await this.#db
      .selectFrom('users')
      .selectAll()
      .where('org_id', '=', orgId)
      .orderBy('username')
      .execute();
    return rows.map(toUser);
  }

  async updateUser(
    orgId: string,
    id: string,
    patch: Partial<Pick<UserRow, 'name' | 'role' | 'disabled' | 'passwordHash' | 'managerId'>>,
  ): Promise<UserRow | undefined> {
    const set = {
      ...(patch.name !== undefined && { name: patch.name }),
      ...(patch.role !== undefined && { role: patch.role }),
      ...(patch.disabled !== undefined && { disabled: patch.disabled ? 1 : 0 }),
      ...(patch.passwordHash !== undefined && { password_hash: patch.passwordHash }),
      ...(patch.managerId !== undefined && { manager_id: patch.managerId }),
    };
    if (Object.keys(set).length === 0) return this.getUser(orgId, id);
    return this.#db.transaction().execute(async (trx) => {
      const row = await trx
        .updateTable('users')
        .set(set)
        .where('org_id', '=', orgId)
        .where('id', '=', id)
        .returningAll()
        .executeTakeFirst();
      if (!row) return undefined;
      await raiseUsersVersion(trx, orgId);
      return toUser(row);
    });
  }

  firmUsers(orgId: string, usersVersion: number): Promise<readonly UserRow[]> {
    return this.#users.users(orgId, usersVersion);
  }

  async insertToken(token: TokenRow): Promise<void> {
    await this.#db
      .insertInto('tokens')
      .values({
        token_hash: token.tokenHash,
        user_id: token.userId,
        org_id: token.orgId,
        created_at: token.createdAt,
        expires_at: token.expiresAt,
        revoked_at: token.revokedAt,
      })
      .execute();
  }

  async findToken(tokenHash: string): Promise<TokenRow | undefined> {
    const row = await this.#db
      .selectFrom('tokens')
      .selectAll()
      .where('token_hash', '=', tokenHash)
      .executeTakeFirst();
    return row && toToken(row);
  }

  async findSession(tokenHash: string): Promise<FoundSession | undefined> {
    // One round trip for every request's sign-in check instead of two (token, then its user),
    // with the firm's users_version for the rulebook's list of people (users-cache.ts).
    const row = await this.#db
      .selectFrom('tokens as t')
      .innerJoin('users as u', (join) =>
        join.onRef('u.org_id', '=', 't.org_id').onRef('u.id', '=', 't.user_id'),
      )
      .innerJoin('organisations as o', 'o.id', 't.org_id')
      .selectAll('u')
      .select('o.users_version')
      .select([
        't.token_hash',
        't.user_id',
        't.created_at as token_created_at',
        't.expires_at',
        't.revoked_at',
      ])
      .where('t.token_hash', '=', tokenHash)
      .executeTakeFirst();
    if (!row) return undefined;
    const token = toToken({ ...row, created_at: row.token_created_at });
    return { token, user: toUser(row), usersVersion: Number(row.users_version) };
  }

  async revokeToken(tokenHash: string, at: number): Promise<void> {
    // A token already revoked keeps its first revocation time.
    await this.#db
      .updateTable('tokens')
      .set({ revoked_at: at })
      .where('token_hash', '=', tokenHash)
      .where('revoked_at', 'is', null)
      .execute();
  }

  async revokeUserTokens(orgId: string, userId: string, at: number): Promise<void> {
    await this.#db
      .updateTable('tokens')
      .set({ revoked_at: at })
      .where('org_id', '=', orgId)
      .where('user_id', '=', userId)
      .where('revoked_at', 'is', null)
      .execute();
  }

  async recordLoginFailure(key: string, at: number, attempt?: string): Promise<void> {
    await this.#db
      .insertInto('login_failures')
      .values({ key, at, attempt: attempt ?? null })
      .execute();
    await this.#db
      .deleteFrom('login_failures')
      .where('at', '<', at - LOGIN_FAILURE_RETENTION_MS)
      .execute();
  }

  async loginFailuresBefore(
    key: string,
    since: number,
    attempt: string,
  ): Promise<{ count: number; latest: number | undefined }> {
    const row = await this.#db
      .selectFrom('login_failures')
      .select((eb) => [eb.fn.countAll<number>().as('n'), eb.fn.max('at').as('latest')])
      .where('key', '=', key)
      .where('at', '>=', since)
      .where((eb) => eb.or([eb('attempt', 'is', null), eb('attempt', '!=', attempt)]))
      .executeTakeFirstOrThrow();
    const latest = row.latest === null ? undefined : Number(row.latest);
    return { count: Number(row.n), latest };
  }

  async clearLoginFailures(key: string): Promise<void> {
    await this.#db.deleteFrom('login_failures').where('key', '=', key).execute();
  }

  async forgetLoginFailure(key: string, attempt: string): Promise<void> {
    await this.#db
      .deleteFrom('login_failures')
      .where('key', '=', key)
      .where('attempt', '=', attempt)
      .execute();
  }

  async addKnownDevice(device: KnownDeviceRow): Promise<void> {
    await this.#db
      .insertInto('known_devices')
      .values({
        token_hash: device.tokenHash,
        org_id: device.orgId,
        user_id: device.userId,
        created_at: device.createdAt,
      })
      .onConflict((oc) => oc.doNothing())
      .execute();
    // A person signing in from ever new browsers would grow the table without bound: only their
    // newest devices are kept (an older one signs in as a stranger would, and is known again).
    const kept = this.#db
      .selectFrom('known_devices')
      .select('token_hash')
      .where('user_id', '=', device.userId)
      .orderBy('created_at', 'desc')
      .orderBy('token_hash')
      .limit(KNOWN_DEVICES_PER_PERSON);
    await this.#db
      .deleteFrom('known_devices')
      .where('user_id', '=', device.userId)
      .where('token_hash', 'not in', kept)
      .execute();
  }

  async findKnownDevice(tokenHash: string): Promise<KnownDeviceRow | undefined> {
    const row = await this.#db
      .selectFrom('known_devices')
      .selectAll()
      .where('token_hash', '=', tokenHash)
      .executeTakeFirst();
    return (
      row && {
        tokenHash: row.token_hash,
        orgId: row.org_id,
        userId: row.user_id,
        createdAt: row.created_at,
      }
    );
  }

  pull(
    orgId: string,
    collection: string,
    afterSeq: number,
    limit: number,
  ): Promise<StoredDocument[]> {
    return this.#backend.claimDb
      ? pullHorizon(this.#db, orgId).then((upTo) =>
          pullDocuments(this.#db, orgId, collection, afterSeq, limit, upTo),
        )
      : pullDocuments(this.#db, orgId, collection, afterSeq, limit);
  }

  async push(
    orgId: string,
    collection: string,
    ids: readonly string[],
    decide: (masters: ReadonlyMap<string, WireDocument>) => DocumentWrite[],
  ): Promise<number | undefined> {
    const notices = await this.pushBatch(orgId, async (trx) =>
      decide(await mastersOf(trx, collection, ids)).map((write) => ({ ...write, collection })),
    );
    return notices[0]?.seq;
  }

  async pushBatch(
    orgId: string,
    plan: (trx: PushTransaction) => Promise<BatchWrite[]>,
  ): Promise<ChangeNotice[]> {
    const notices = await this.#pushes.push(orgId, plan);
    for (const notice of notices) this.#backend.notifyAfterCommit(notice);
    return notices;
  }

  onChange(listener: (notice: ChangeNotice) => void): () => void {
    return this.#backend.fanout.add(listener);
  }
}
