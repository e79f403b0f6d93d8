import { isSampleDocument } from '../demo/marker';
import { AccountSession } from './account-session';
import { ConflictLog } from './conflict-log';
import type { SyncEngineOptions } from './engine-options';
import type { SyncHttpClient } from './http-client';
import { SyncLocalStore, type SyncLocalState } from './local-state';
import { PendingCount } from './pending-count';
import { ProblemLog } from './problems';
import type { CreateUserRequest, OrgSettings, SyncUser, UpdateUserRequest } from './protocol';
import { HHMM, ReminderTimer } from './reminder';
import { ServerTrust } from './server-trust';
import { syncSessionNow } from './sync-now';
import { StatusFeed, type StatusParts } from './sync-status';
import type {
  ConflictEntry,
  SignInRequest,
  SyncAccount,
  SyncEngine,
  SyncProblem,
  SyncStatus,
} from './types';
import { asSignedInUser } from './user-admin';

export type { SyncEngineOptions } from './engine-options';
export { SyncNowError, type SyncNowFailure } from './sync-now';

/**
 * Creates the sync worker of one profile database and, when an account and token are stored,
 * starts syncing right away (offline is fine: it retries until the server answers).
 */
export async function createSyncEngine(options: SyncEngineOptions): Promise<SyncEngine> {
  const engine = new Engine(options);
  await engine.init();
  return engine;
}

/**
 * The sync worker: it keeps the sync settings and hands every job to its part: the account and
 * its session (replication per collection), the conflict log, the problems, the pending count,
 * the reminder, the status and the server's trust.
 */
class Engine implements SyncEngine {
  private readonly store: SyncLocalStore;
  private readonly now: () => number;
  private readonly trust: ServerTrust;
  private readonly accounts: AccountSession;
  private readonly conflicts: ConflictLog;
  private readonly problems: ProblemLog;
  private readonly pending: PendingCount;
  private readonly reminder: ReminderTimer;
  private readonly feed: StatusFeed;
  private settings: SyncLocalState['settings'] = { reminderAt: '18:00' };
  private unsubscribeStore: (() => void) | undefined;
  private closed = false;

  constructor(private readonly options: SyncEngineOptions) {
    const store = new SyncLocalStore(options.database);
    const now = options.now ?? Date.now;
    this.store = store;
    this.now = now;
    this.trust = new ServerTrust(store, options);
    this.conflicts = new ConflictLog(store, options.database, now);
    this.problems = new ProblemLog(store, options.database, now);
    this.pending = new PendingCount(
      () => this.accounts.session,
      () => this.emitStatus(),
    );
    this.reminder = new ReminderTimer(
      now,
      () => this.settings.reminderAt,
      () => this.emitStatus(),
    );
    this.feed = new StatusFeed(
      () => this.statusParts(),
      now,
      (at) => this.learnSettings({ lastSyncedAt: at }),
    );
    this.accounts = new AccountSession({
      options,
      store,
      now,
      trust: this.trust,
      epoch: {
        current: () => this.settings.serverEpoch,
        seen: (epoch) => this.learnSettings({ serverEpoch: epoch }),
        forget: async () => {
          const { serverEpoch: _other, ...settings } = this.settings;
          this.settings = settings;
          await store.update('settings', ({ serverEpoch: _old, ...rest }) => rest);
        },
      },
      hooks: {
        logConflicts: (entries) => this.conflicts.append(entries),
        onRefused: (collection, refused) => this.problems.record(collection, refused),
        onAccepted: (collection, ids) => this.problems.clear(collection, ids),
        // Sample data (shared/demo) is a local try-out: it never leaves the device.
        skipRow: (collection, row) =>
          isSampleDocument(row.newDocumentState) || this.problems.skipDiscarded(collection, row),
        onChange: () => this.emitStatus(),
        onProgress: () => this.pending.schedule(),
      },
    });
  }

  async init(): Promise<void> {
    const [account, conflicts, problems, settings, trust] = await Promise.all([
      this.store.read('account'),
      this.store.read('conflicts'),
      this.store.read('problems'),
      this.store.read('settings'),
      this.store.read('trust'),
    ]);
    this.trust.load(trust);
    this.accounts.load(account);
    this.conflicts.load(conflicts);
    this.problems.load(problems);
    this.settings = settings;
    this.unsubscribeStore = this.store.onChange((key) => void this.reload(key));
    if (await this.accounts.resume()) {
      // The first status already has the right count (local work, no network needed).
      await this.pending.countNow();
    }
    this.reminder.schedule();
    this.emitStatus();
  }

  // ---------------------------------------------------------------- watching

  watchStatus(listener: (status: SyncStatus) => void): () => void {
    return this.feed.watch(listener);
  }

  watchConflicts(listener: (entries: ConflictEntry[]) => void): () => void {
    return this.conflicts.watch(listener);
  }

  watchProblems(listener: (problems: SyncProblem[]) => void): () => void {
    return this.problems.watch(listener);
  }

  private async reload(key: keyof SyncLocalState): Promise<void> {
    if (this.closed) return;
    if (key === 'conflicts') {
      await this.conflicts.reload();
    } else if (key === 'problems') {
      await this.problems.reload();
    } else if (key === 'settings') {
      this.settings = await this.store.readInOrder('settings');
      this.reminder.schedule();
    }
    this.emitStatus();
  }

  private statusParts(): StatusParts {
    return {
      session: this.accounts.session,
      account: this.accounts.account,
      signedOutReason: this.accounts.signedOutReason,
      settings: this.settings,
      pending: this.pending.value,
      problems: this.problems.count(),
      unresolvedConflicts: this.conflicts.unresolved(),
      allowPlainHttp: this.options.allowPlainHttp ?? false,
    };
  }

  private emitStatus(): void {
    if (!this.closed) this.feed.emit();
  }

  /** Settings the engine learns as it runs; stored without waiting (a failed write is retried). */
  private learnSettings(change: Partial<SyncLocalState['settings']>): void {
    this.settings = { ...this.settings, ...change };
    void this.store.update('settings', (s) => ({ ...s, ...change })).catch(() => {});
  }

  // ---------------------------------------------------------------- actions

  async signIn(request: SignInRequest): Promise<SyncAccount> {
    this.assertOpen();
    return this.accounts.signIn(request);
  }

  async signOut(options: { removeLocalData: boolean; everywhere?: boolean }): Promise<void> {
    this.assertOpen();
    await this.accounts.signOut(options.everywhere);
    this.pending.value = 0;
    if (options.removeLocalData) {
      await this.store.settled();
      this.shutDown();
      // Every collection, the replication checkpoints and the sync state: the host reopens.
      await this.options.database.remove();
      this.options.onAccountChanged?.(undefined);
      this.feed.emitFinal();
      return;
    }
    await this.store.update('account', () => ({ account: null }));
    this.options.onAccountChanged?.(undefined);
    this.emitStatus();
  }

  async syncNow(): Promise<void> {
    this.assertOpen();
    await syncSessionNow(this.accounts.session);
    await this.pending.countNow();
    this.emitStatus();
  }

  async restoreConflict(id: string): Promise<void> {
    this.assertOpen();
    const account = this.accounts.account;
    await this.conflicts.restore(
      id,
      account ? { id: account.userId, name: account.name } : this.options.localUser,
    );
  }

  async dismissConflict(id: string): Promise<void> {
    this.assertOpen();
    await this.conflicts.dismiss(id);
  }

  async discardProblem(id: string): Promise<void> {
    this.assertOpen();
    await this.problems.discard(
      id,
      this.accounts.session?.client,
      () => this.accounts.account?.userId,
    );
  }

  async setReminderTime(hhmm: string): Promise<void> {
    this.assertOpen();
    if (!HHMM.test(hhmm)) throw new Error(`"${hhmm}" is not a time of day (HH:MM)`);
    this.settings = { ...this.settings, reminderAt: hhmm };
    await this.store.update('settings', (current) => ({ ...current, reminderAt: hhmm }));
    this.reminder.schedule();
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

  private async asSignedInUser<T>(call: (client: SyncHttpClient) => Promise<T>): Promise<T> {
    this.assertOpen();
    return asSignedInUser(this.accounts.session, call, (session, error) =>
      this.accounts.handleUnauthorized(session, error),
    );
  }

  async close(): Promise<void> {
    if (this.closed) return;
    await this.accounts.stop();
    await this.store.settled();
    this.shutDown();
  }

  private shutDown(): void {
    this.closed = true;
    this.reminder.stop();
    this.unsubscribeStore?.();
  }

  private assertOpen(): void {
    if (this.closed) throw new Error('the sync engine is closed');
  }
}
