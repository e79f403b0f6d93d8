import type { RxCollection, RxDatabase } from 'rxdb';
import { firstValueFrom } from 'rxjs';
import type { CurrentUser } from '../core/context';
import { COLLECTION_SCHEMAS } from '../schema/collections';
import { isSampleDocument } from '../demo/marker';
import type { CertificatePinning } from '../security/certificate-pin';
import { PLAIN_HTTP_REFUSED, transportRefusal } from '../security/transport';
import type { BackoffOptions } from './connectivity';
import {
  createSyncHttpClient,
  isSyncHttpError,
  normaliseServerUrl,
  type SyncHttpClient,
  type SyncHttpError,
} from './http-client';
import { SyncLocalStore, appendConflicts, deviceKey, type SyncLocalState } from './local-state';
import { reownRecords, restoreOverwritten, writeReplicatedState } from './local-records';
import { jsonEqual } from './merge';
import { fetchServerState, problemId, problemsFromRefusals } from './problems';
import { dropLostMoves, dropOrphanMoves } from './stage-event-companions';
import type {
  CreateUserRequest,
  OrgSettings,
  PushRow,
  SyncUser,
  UpdateUserRequest,
  WireDocument,
} from './protocol';
import { HHMM, isReminderDue, reminderCheckDelay } from './reminder';
import type { RefusedRow } from './replication';
import { SyncSession } from './session';
import { accountOf, signInFailure } from './sign-in';
import { userAdminFailure } from './user-admin';
import {
  SignInError,
  UserAdminError,
  type ConflictEntry,
  type SignInRequest,
  type SyncAccount,
  type SyncEngine,
  type SyncProblem,
  type SyncState,
  type SyncStatus,
  type TokenVault,
} from './types';

export interface SyncEngineOptions {
  // Any database with the synced collections and local documents on (openLtcDatabase).
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  database: RxDatabase<any>;
  vault: TokenVault;
  /** After sign-in (the server user) and sign-out (undefined): the host sets the core's user. */
  onAccountChanged?: (account: SyncAccount | undefined) => void;
  fetch?: typeof fetch;
  /** Clock for conflict times, lastSyncedAt and the reminder. */
  now?: () => number;
  /** Default: every LTC collection the database has. */
  collections?: readonly string[];
  /** The device's local profile; at sign-in its records are handed to the server user. */
  localUser?: CurrentUser;
  /** Per-request timeout (default 30 s). */
  requestTimeoutMs?: number;
  /** Waits between failed attempts (default 1 s doubling to 60 s). */
  backoff?: BackoffOptions;
  /** RxDB's own pause between retries, on top of the backoff (default 500 ms). */
  retryTimeMs?: number;
  /** An administrator's setting: plain http:// to other computers too (the transport rule). */
  allowPlainHttp?: boolean;
  /**
   * Pins the https:// server's certificate at the first sign-in and talks only to it after
   * (main/tls-pinning.ts in Node). Absent in a browser, which cannot pin: its own TLS checks rule.
   */
  pinning?: CertificatePinning;
}

/** Why "Sync now" did not finish. */
export type SyncNowFailure = 'signedOut' | 'unreachable' | 'server' | 'stopped';

export class SyncNowError extends Error {
  constructor(
    readonly reason: SyncNowFailure,
    message: string,
  ) {
    super(message);
    this.name = 'SyncNowError';
  }
}

/**
 * Creates the sync worker of one profile database and, when an account and token are stored,
 * starts syncing right away (offline is fine: it retries until the server answers).
 */
export async function createSyncEngine(options: SyncEngineOptions): Promise<SyncEngine> {
  const engine = new Engine(options);
  await engine.init();
  return engine;
}

class Engine implements SyncEngine {
  private readonly store: SyncLocalStore;
  private readonly now: () => number;
  private session: SyncSession | undefined;
  private account: SyncAccount | undefined;
  private signedOutReason: string | undefined;
  private conflicts: ConflictEntry[] = [];
  private problems: SyncProblem[] = [];
  private discarded: SyncLocalState['problems']['discarded'] = {};
  private settings: SyncLocalState['settings'] = { reminderAt: '18:00' };
  private pins: SyncLocalState['trust']['pins'] = {};
  private pending = 0;
  private lastState: SyncState = 'signedOut';
  private lastStatusJson = '';
  private readonly statusListeners = new Set<(status: SyncStatus) => void>();
  private readonly conflictListeners = new Set<(entries: ConflictEntry[]) => void>();
  private readonly problemListeners = new Set<(problems: SyncProblem[]) => void>();
  private recounting: Promise<void> | undefined;
  private recountAgain = false;
  private reminderTimer: ReturnType<typeof setTimeout> | undefined;
  private unsubscribeStore: (() => void) | undefined;
  private closed = false;

  constructor(private readonly options: SyncEngineOptions) {
    this.store = new SyncLocalStore(options.database);
    this.now = options.now ?? Date.now;
  }

  async init(): Promise<void> {
    const [account, conflicts, problems, settings, trust] = await Promise.all([
      this.store.read('account'),
      this.store.read('conflicts'),
      this.store.read('problems'),
      this.store.read('settings'),
      this.store.read('trust'),
    ]);
    this.pins = trust.pins;
    this.account = account.account ?? undefined;
    this.signedOutReason = account.signedOutReason;
    this.conflicts = conflicts.entries;
    this.problems = problems.problems;
    this.discarded = problems.discarded;
    this.settings = settings;
    this.unsubscribeStore = this.store.onChange((key) => void this.reload(key));
    const token = this.account ? await this.options.vault.load() : undefined;
    if (this.account && token && !this.signedOutReason) {
      this.startSession(this.account, token);
      // The first status already has the right count (local work, no network needed).
      await this.countPendingNow();
    }
    this.scheduleReminder();
    this.emitStatus();
  }

  // ---------------------------------------------------------------- watching

  watchStatus(listener: (status: SyncStatus) => void): () => void {
    this.statusListeners.add(listener);
    listener(this.status());
    return () => this.statusListeners.delete(listener);
  }

  watchConflicts(listener: (entries: ConflictEntry[]) => void): () => void {
    this.conflictListeners.add(listener);
    listener(this.conflictList());
    return () => this.conflictListeners.delete(listener);
  }

  watchProblems(listener: (problems: SyncProblem[]) => void): () => void {
    this.problemListeners.add(listener);
    listener(this.problemList());
    return () => this.problemListeners.delete(listener);
  }

  private conflictList(): ConflictEntry[] {
    return [...this.conflicts].sort((a, b) => b.at - a.at || a.id.localeCompare(b.id));
  }

  private problemList(): SyncProblem[] {
    return [...this.problems].sort((a, b) => b.at - a.at || a.id.localeCompare(b.id));
  }

  private async reload(key: keyof SyncLocalState): Promise<void> {
    if (this.closed) return;
    if (key === 'conflicts') {
      this.conflicts = (await this.store.readInOrder('conflicts')).entries;
      notify(this.conflictListeners, this.conflictList());
    } else if (key === 'problems') {
      const state = await this.store.readInOrder('problems');
      this.problems = state.problems;
      this.discarded = state.discarded;
      notify(this.problemListeners, this.problemList());
    } else if (key === 'settings') {
      this.settings = await this.store.readInOrder('settings');
      this.scheduleReminder();
    }
    this.emitStatus();
  }

  private state(): SyncState {
    const session = this.session;
    if (!session) return 'signedOut';
    const [worst] = session.connectivity.currentErrors();
    if (worst?.kind === 'unreachable') return 'offline';
    if (worst) return 'error';
    return session.isIdle() ? 'synced' : 'syncing';
  }

  private status(): SyncStatus {
    const state = this.state();
    const [worst] = this.session?.connectivity.currentErrors() ?? [];
    const lastError = worst?.message ?? this.session?.lastReplicationError ?? this.signedOutReason;
    return {
      state,
      ...(this.account ? { account: { ...this.account } } : {}),
      ...(this.settings.lastSyncedAt !== undefined
        ? { lastSyncedAt: this.settings.lastSyncedAt }
        : {}),
      pendingChanges: this.pending,
      problems: this.problems.length,
      conflicts: this.conflicts.filter((entry) => entry.resolvedAt === undefined).length,
      ...(lastError !== undefined ? { lastError } : {}),
      reminderAt: this.settings.reminderAt,
      reminderDue: isReminderDue(this.now(), this.settings.reminderAt, this.pending),
      ...(this.options.allowPlainHttp ? { allowPlainHttp: true as const } : {}),
    };
  }

  private emitStatus(): void {
    if (this.closed) return;
    const state = this.state();
    if (state === 'synced' && this.lastState !== 'synced') {
      // Every collection is idle with no error: this is the moment the data was in sync.
      const at = this.now();
      this.settings = { ...this.settings, lastSyncedAt: at };
      void this.store.update('settings', (s) => ({ ...s, lastSyncedAt: at })).catch(() => {});
    }
    this.lastState = state;
    const status = this.status();
    const json = JSON.stringify(status);
    if (json === this.lastStatusJson) return;
    this.lastStatusJson = json;
    notify(this.statusListeners, status);
  }

  /** Re-evaluates the reminder when it can change: at the reminder time and at midnight. */
  private scheduleReminder(): void {
    clearTimeout(this.reminderTimer);
    if (this.closed) return;
    this.reminderTimer = setTimeout(
      () => {
        this.emitStatus();
        this.scheduleReminder();
      },
      reminderCheckDelay(this.now(), this.settings.reminderAt),
    );
  }

  // ---------------------------------------------------------------- pending changes

  /**
   * Counts again soon. Counts never overlap; a request during a count runs one more after it, so
   * the last count always starts after the last change.
   */
  private schedulePendingCount(): void {
    this.recountAgain = true;
    if (this.recounting) return;
    this.recounting = (async () => {
      // Yield first: the body must run after `this.recounting` is assigned, or its finally
      // would clear the field before the assignment sets it for good.
      await Promise.resolve();
      try {
        while (this.recountAgain) {
          this.recountAgain = false;
          const session = this.session;
          if (!session || session.isStopped()) continue;
          try {
            const count = await session.countPending();
            if (session === this.session && !session.isStopped()) this.pending = count;
          } catch {
            // A storage closing under the count (sign-out, close): the next count will be right.
          }
          this.emitStatus();
        }
      } finally {
        // Cleared in the same turn the loop ends, so no request falls between check and clear.
        this.recounting = undefined;
      }
    })();
  }

  /** A count that starts after this call (a running one may predate the latest writes). */
  private async countPendingNow(): Promise<void> {
    this.schedulePendingCount();
    await this.recounting;
  }

  // ---------------------------------------------------------------- session

  private syncedCollections(): RxCollection[] {
    const database = this.options.database;
    const names = this.options.collections ?? Object.keys(COLLECTION_SCHEMAS);
    return names.flatMap((name) => {
      const collection = database.collections[name] as RxCollection | undefined;
      return collection ? [collection] : [];
    });
  }

  /** The transport rule (shared/security/transport.ts), checked before anything is sent. */
  private refusesTransport(serverUrl: string): boolean {
    return (
      transportRefusal(serverUrl, { allowPlainHttp: this.options.allowPlainHttp ?? false }) !==
      undefined
    );
  }

  /**
   * The fetch for a server: pinned to its trusted certificate where this host pins and the
   * address is https://; undefined when there is no pin to hold it to (fail closed).
   */
  private fetchFor(serverUrl: string): typeof fetch | undefined | 'unpinned' {
    const pinning = this.options.pinning;
    if (!pinning || !serverUrl.startsWith('https:')) return this.options.fetch;
    const pin = this.pins[serverUrl];
    return pin ? pinning.pinnedFetch(pin) : 'unpinned';
  }

  private startSession(account: SyncAccount, token: string): void {
    if (this.refusesTransport(account.serverUrl)) {
      // Remembered from before the rule (or before the admin withdrew the setting): the token
      // stays unsent, and the person signs in again over https://.
      this.signedOutReason = PLAIN_HTTP_REFUSED;
      return;
    }
    const fetch = this.fetchFor(account.serverUrl);
    if (fetch === 'unpinned') {
      // Signed in before certificates were pinned: the certificate is compared at a new sign-in.
      this.signedOutReason = 'Sign in again to check the server’s certificate.';
      return;
    }
    const session: SyncSession = new SyncSession({
      account,
      token,
      collections: this.syncedCollections(),
      fetch,
      timeoutMs: this.options.requestTimeoutMs,
      backoff: this.options.backoff,
      retryTimeMs: this.options.retryTimeMs ?? 500,
      ...(this.settings.serverEpoch !== undefined && { epoch: this.settings.serverEpoch }),
      hooks: {
        now: this.now,
        logConflicts: async (entries) => {
          await this.store.update('conflicts', (current) => appendConflicts(current, entries));
        },
        onRefused: (collection, refused) => this.recordRefusals(collection, refused),
        onAccepted: (collection, ids) => this.clearProblems(collection, ids),
        // Sample data (shared/demo) is a local try-out: it never leaves the device.
        skipRow: (collection, row) =>
          isSampleDocument(row.newDocumentState) || this.skipDiscarded(collection, row),
        onUnauthorized: (error) => void this.handleUnauthorized(session, error),
        onChange: () => this.emitStatus(),
        onProgress: () => this.schedulePendingCount(),
        onEpoch: (epoch) => {
          this.settings = { ...this.settings, serverEpoch: epoch };
          void this.store.update('settings', (s) => ({ ...s, serverEpoch: epoch })).catch(() => {});
        },
      },
    });
    this.session = session;
    this.schedulePendingCount();
  }

  private async stopSession(): Promise<void> {
    const session = this.session;
    this.session = undefined;
    if (session) await session.stop();
  }

  private async handleUnauthorized(session: SyncSession, error: SyncHttpError): Promise<void> {
    if (session !== this.session || session.isStopped()) return;
    await this.stopSession();
    await this.options.vault.clear();
    const reason =
      error.kind === 'certificate'
        ? error.message
        : `Signed out by the server (${error.message}); sign in again to sync.`;
    this.signedOutReason = reason;
    await this.store.update('account', (current) => ({ ...current, signedOutReason: reason }));
    this.emitStatus();
  }

  // ---------------------------------------------------------------- problems

  private async recordRefusals(collection: string, refused: RefusedRow[]): Promise<void> {
    const fresh = problemsFromRefusals(collection, refused, this.now());
    const ids = new Set(fresh.map((problem) => problem.id));
    await this.store.update('problems', (current) => ({
      ...current,
      problems: [...current.problems.filter((problem) => !ids.has(problem.id)), ...fresh],
    }));
  }

  /** A record the server took has no problem any more (the person fixed it). */
  private async clearProblems(collection: string, ids: string[]): Promise<void> {
    const solved = new Set(ids.map((id) => problemId(collection, id)));
    if (!this.problems.some((problem) => solved.has(problem.id))) return;
    await this.store.update('problems', (current) => ({
      ...current,
      problems: current.problems.filter((problem) => !solved.has(problem.id)),
    }));
  }

  private skipDiscarded(collection: string, row: PushRow): boolean {
    const key = problemId(collection, String(row.newDocumentState[this.primaryKey(collection)]));
    const written = this.discarded[key];
    if (!written) return false;
    const skip = jsonEqual(written, row.newDocumentState);
    // Either way the marker has done its job: a different state is a newer edit and goes out.
    delete this.discarded[key];
    void this.store
      .update('problems', (current) => {
        const { [key]: _done, ...rest } = current.discarded;
        return { ...current, discarded: rest };
      })
      .catch(() => {});
    return skip;
  }

  private primaryKey(collection: string): string {
    const rx = this.options.database.collections[collection] as RxCollection | undefined;
    return (rx?.schema.primaryPath as string | undefined) ?? 'id';
  }

  // ---------------------------------------------------------------- actions

  async signIn(request: SignInRequest): Promise<SyncAccount> {
    this.assertOpen();
    let serverUrl: string;
    try {
      serverUrl = normaliseServerUrl(request.serverUrl);
    } catch (error) {
      throw new SignInError('notASyncServer', (error as Error).message);
    }
    if (this.refusesTransport(serverUrl)) {
      throw new SignInError('insecureTransport', PLAIN_HTTP_REFUSED);
    }
    const pin = await this.certificateToPin(serverUrl, request.trustFingerprint);
    const client = createSyncHttpClient({
      serverUrl,
      fetch: pin ? this.options.pinning?.pinnedFetch(pin) : this.options.fetch,
      timeoutMs: this.options.requestTimeoutMs,
    });
    const device = deviceKey(serverUrl, request.firmCode ?? '', request.username);
    const { tokens } = await this.store.read('devices');
    const deviceToken = tokens[device];
    let login;
    try {
      login = await client.login({
        ...(request.firmCode?.trim() && { firmCode: request.firmCode.trim() }),
        username: request.username,
        password: request.password,
        ...(deviceToken !== undefined && { deviceToken }),
      });
    } catch (error) {
      throw signInFailure(error, serverUrl);
    }
    if (login.deviceToken !== deviceToken && typeof login.deviceToken === 'string') {
      await this.store.update('devices', (current) => ({
        tokens: { ...current.tokens, [device]: login.deviceToken },
      }));
    }
    const { user } = login;
    const account = accountOf(serverUrl, user);
    await this.stopSession();
    if (pin && this.pins[serverUrl] !== pin) {
      this.pins = { ...this.pins, [serverUrl]: pin };
      await this.store.update('trust', (current) => ({
        pins: { ...current.pins, [serverUrl]: pin },
      }));
    }
    await this.options.vault.save(login.token);
    await this.store.update('account', () => ({ account }));
    // Another server's (or organisation's) epoch means nothing here.
    const { serverEpoch: _other, ...settings } = this.settings;
    this.settings = settings;
    await this.store.update('settings', ({ serverEpoch: _old, ...rest }) => rest);
    this.account = account;
    this.signedOutReason = undefined;
    this.options.onAccountChanged?.(account);
    try {
      if (this.options.localUser) {
        // Before the first push: the server only accepts a rep's records that the rep owns.
        await reownRecords(
          this.syncedCollections(),
          this.options.localUser,
          { id: user.id, name: user.name },
          this.now(),
        );
      }
    } finally {
      // Signed in either way (a record left unowned shows up as a sync problem, not lost).
      this.startSession(account, login.token);
      this.emitStatus();
    }
    return { ...account };
  }

  /**
   * Trust on first use: the fingerprint the sign-in is held to. It is the pinned one, or the one
   * the person compared and trusts (first sign-in, or a change the admin confirmed); anything
   * else stops the sign-in before a password is sent, with both fingerprints to show.
   */
  private async certificateToPin(
    serverUrl: string,
    trusted: string | undefined,
  ): Promise<string | undefined> {
    const pinning = this.options.pinning;
    if (!pinning || !serverUrl.startsWith('https:')) return undefined;
    let presented: string;
    try {
      presented = await pinning.fingerprint(serverUrl);
    } catch (error) {
      throw new SignInError('unreachable', error instanceof Error ? error.message : String(error));
    }
    const pinned = this.pins[serverUrl];
    if (presented === pinned || presented === trusted) return presented;
    throw pinned
      ? new SignInError(
          'certificateChanged',
          `The server's certificate changed: trusted ${pinned}, presented ${presented}`,
          { serverUrl, presented, pinned },
        )
      : new SignInError(
          'untrustedCertificate',
          `First sign-in to ${serverUrl}: compare the certificate fingerprint ${presented}`,
          { serverUrl, presented },
        );
  }

  async signOut(options: { removeLocalData: boolean; everywhere?: boolean }): Promise<void> {
    this.assertOpen();
    const session = this.session;
    const token = await this.options.vault.load();
    const client =
      session && token
        ? createSyncHttpClient({
            serverUrl: session.options.account.serverUrl,
            token: () => token,
            fetch: session.options.fetch,
            timeoutMs: 5000,
          })
        : undefined;
    if (options.everywhere) {
      // Asked to end the other devices' sessions too (a lost laptop): that needs the server, so
      // it is done first, and a failure leaves this device signed in to say so.
      if (!client) throw new Error('Not signed in to a sync server');
      await client.logoutEverywhere();
    }
    await this.stopSession();
    // Revoke the token on the server when it can be reached; signing out never waits on it long.
    if (client && !options.everywhere) await client.logout().catch(() => undefined);
    await this.options.vault.clear();
    this.account = undefined;
    this.signedOutReason = undefined;
    this.pending = 0;
    if (options.removeLocalData) {
      await this.store.settled();
      this.shutDown();
      // Every collection, the replication checkpoints and the sync state: the host reopens.
      await this.options.database.remove();
      this.options.onAccountChanged?.(undefined);
      notify(this.statusListeners, this.status());
      return;
    }
    await this.store.update('account', () => ({ account: null }));
    this.options.onAccountChanged?.(undefined);
    this.emitStatus();
  }

  async syncNow(): Promise<void> {
    this.assertOpen();
    const session = this.session;
    if (!session) throw new SyncNowError('signedOut', 'Not signed in to a sync server.');
    const replications = [...session.replications.values()];
    // Subscribed before anything is asked, so no failure and no completed pull is missed.
    const pulled = Promise.all(replications.map((r) => firstValueFrom(r.pulled$)));
    let unsubscribe = () => {};
    const failed = new Promise<never>((_, reject) => {
      const failures = session.connectivity.failed$.subscribe((error) => {
        if (error.kind === 'unauthorized') {
          reject(new SyncNowError('signedOut', error.message));
        } else {
          reject(
            new SyncNowError(
              error.kind === 'unreachable' ? 'unreachable' : 'server',
              error.message,
            ),
          );
        }
      });
      const stopped = session.stopped$.subscribe(() =>
        reject(new SyncNowError('stopped', 'Sync was stopped.')),
      );
      unsubscribe = () => {
        failures.unsubscribe();
        stopped.unsubscribe();
      };
    });
    try {
      session.connectivity.wake();
      session.stream.reconnect();
      for (const replication of replications) replication.state.reSync();
      await Promise.race([
        (async () => {
          await pulled;
          for (const replication of replications) await replication.state.awaitInSync();
        })(),
        failed,
      ]);
    } finally {
      unsubscribe();
    }
    await this.countPendingNow();
    this.emitStatus();
  }

  async restoreConflict(id: string): Promise<void> {
    this.assertOpen();
    const entry = this.conflicts.find((candidate) => candidate.id === id);
    if (!entry) throw new Error(`no conflict ${id}`);
    if (entry.resolution === 'restored') return;
    const collection = this.options.database.collections[entry.collection] as
      RxCollection | undefined;
    if (!collection) throw new Error(`no collection ${entry.collection}`);
    const account = this.account;
    const by = account ? { id: account.userId, name: account.name } : this.options.localUser;
    if (!by) throw new Error('nobody to restore the value as');
    await restoreOverwritten(collection, entry, this.now(), by);
    await this.resolveConflict(id, 'restored');
  }

  async dismissConflict(id: string): Promise<void> {
    this.assertOpen();
    if (!this.conflicts.some((candidate) => candidate.id === id)) {
      throw new Error(`no conflict ${id}`);
    }
    await this.resolveConflict(id, 'dismissed');
  }

  private async resolveConflict(id: string, resolution: 'restored' | 'dismissed'): Promise<void> {
    const at = this.now();
    await this.store.update('conflicts', (current) => ({
      entries: current.entries.map((entry) =>
        entry.id === id ? { ...entry, resolvedAt: at, resolution } : entry,
      ),
    }));
  }

  async discardProblem(id: string): Promise<void> {
    this.assertOpen();
    const problem = this.problems.find((candidate) => candidate.id === id);
    if (!problem) throw new Error(`no sync problem ${id}`);
    const session = this.session;
    if (!session) throw new Error('Sign in to fetch the server’s version of this record.');
    const collection = this.options.database.collections[problem.collection] as
      RxCollection | undefined;
    if (!collection) throw new Error(`no collection ${problem.collection}`);
    const master = await fetchServerState(
      session.client,
      problem.collection,
      this.primaryKey(problem.collection),
      problem.recordId,
    );
    const local = await collection.findOne(problem.recordId).exec();
    // What the local document becomes: the server's state, or gone when the server never had it.
    const target: WireDocument | undefined =
      master ??
      (local
        ? { ...(local.toMutableJSON() as Record<string, unknown>), _deleted: true }
        : undefined);
    // Nothing to write when the record is gone on both sides.
    if (target && (local || !target._deleted)) {
      const key = problemId(problem.collection, problem.recordId);
      // Marked before the write, so the push that follows it is recognised and not sent.
      this.discarded[key] = target;
      await this.store.update('problems', (current) => ({
        ...current,
        discarded: { ...current.discarded, [key]: target },
      }));
      // The refused moves' stage events never reached the server: they go with the change.
      if (local) {
        const refused = local.toMutableJSON() as Record<string, unknown>;
        await dropLostMoves(collection, problem.assumed, refused, master);
        if (this.account) {
          await dropOrphanMoves(collection, master, problem.recordId, this.account.userId);
        }
      }
      await writeReplicatedState(collection, problem.recordId, target);
    }
    await this.store.update('problems', (current) => ({
      ...current,
      problems: current.problems.filter((candidate) => candidate.id !== id),
    }));
  }

  async setReminderTime(hhmm: string): Promise<void> {
    this.assertOpen();
    if (!HHMM.test(hhmm)) throw new Error(`"${hhmm}" is not a time of day (HH:MM)`);
    this.settings = { ...this.settings, reminderAt: hhmm };
    await this.store.update('settings', (current) => ({ ...current, reminderAt: hhmm }));
    this.scheduleReminder();
    this.emitStatus();
  }

  // ---------------------------------------------------------------- user administration

  listUsers(): Promise<SyncUser[]> {
    return this.asSignedInUser((client) => client.listUsers());
  }

  createUser(request: CreateUserRequest): Promise<SyncUser> {
    return this.asSignedInUser((client) => client.createUser(request));
  }

  updateUser(id: string, patch: UpdateUserRequest): Promise<SyncUser> {
    return this.asSignedInUser((client) => client.updateUser(id, patch));
  }

  resetPassword(id: string, password: string): Promise<void> {
    return this.asSignedInUser((client) => client.resetPassword(id, password));
  }

  getSettings(): Promise<OrgSettings> {
    return this.asSignedInUser((client) => client.getSettings());
  }

  updateSettings(settings: OrgSettings): Promise<OrgSettings> {
    return this.asSignedInUser((client) => client.updateSettings(settings));
  }

  /**
   * One request with this session's token. It does not wait out sync's backoff (a person is
   * waiting on it) and its failure does not count as sync's: a refused request is the dialog's
   * to word. A 401 still means the token is gone, for sync as well.
   */
  private async asSignedInUser<T>(call: (client: SyncHttpClient) => Promise<T>): Promise<T> {
    this.assertOpen();
    const session = this.session;
    if (!session || session.isStopped()) {
      throw new UserAdminError('signedOut', 'Sign in to the sync server to manage users.');
    }
    try {
      return await call(session.client);
    } catch (error) {
      if (isSyncHttpError(error, 'unauthorized')) await this.handleUnauthorized(session, error);
      throw userAdminFailure(error);
    }
  }

  async close(): Promise<void> {
    if (this.closed) return;
    await this.stopSession();
    await this.store.settled();
    this.shutDown();
  }

  private shutDown(): void {
    this.closed = true;
    clearTimeout(this.reminderTimer);
    this.unsubscribeStore?.();
  }

  private assertOpen(): void {
    if (this.closed) throw new Error('the sync engine is closed');
  }
}

/** A listener that throws (a host's bug) must not stop sync or the other listeners. */
function notify<T>(listeners: Iterable<(value: T) => void>, value: T): void {
  for (const listener of listeners) {
    try {
      listener(value);
    } catch {
      // Ignored: the engine's state is unaffected.
    }
  }
}
