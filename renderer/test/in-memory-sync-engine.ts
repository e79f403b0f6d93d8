import type {
  CreateUserRequest,
  OrgSettings,
  SyncUser,
  UpdateUserRequest,
} from '../../shared/sync/protocol';
import {
  SignInError,
  UserAdminError,
  type ConflictEntry,
  type SignInFailure,
  type SignInRequest,
  type SyncAccount,
  type SyncEngine,
  type SyncProblem,
  type SyncStatus,
} from '../../shared/sync/types';

/**
 * TEST DOUBLE, for renderer tests only: an in-memory SyncEngine that holds a status, a conflict
 * log and problems, and records what the UI asked of it. The real engine (shared/sync/engine.ts)
 * is exercised against a real server in test/sync and end to end; these tests are about the
 * screens, so the engine's side is whatever each test sets up.
 */
export class InMemorySyncEngine implements SyncEngine {
  readonly calls: { name: string; args: unknown }[] = [];
  status: SyncStatus;
  conflicts: ConflictEntry[];
  problems: SyncProblem[];
  /** What the next sign-in answers: an account, or the reason it fails. */
  signInAnswer: SyncAccount | SignInFailure;
  /**
   * The certificate the server presents and the one pinned for it (trust on first use), as the
   * real engine checks them before a sign-in; unset: a host that does not pin.
   */
  certificate: { presented: string; pinned?: string } | undefined;
  /** The server's users of the signed-in account's organisation (user administration). */
  users: SyncUser[];
  /** Passwords the admin set, by user id (so a test can see a reset happened). */
  readonly passwords = new Map<string, string>();
  /** What the server answers the next password it is given (say, a weakPassword 400). */
  refuseNextPassword: UserAdminError | undefined;
  private readonly listeners = {
    status: new Set<(s: SyncStatus) => void>(),
    conflicts: new Set<(c: ConflictEntry[]) => void>(),
    problems: new Set<(p: SyncProblem[]) => void>(),
  };

  constructor(
    init: {
      status?: Partial<SyncStatus>;
      conflicts?: ConflictEntry[];
      problems?: SyncProblem[];
      signInAnswer?: SyncAccount | SignInFailure;
      users?: SyncUser[];
    } = {},
  ) {
    this.conflicts = init.conflicts ?? [];
    this.problems = init.problems ?? [];
    this.status = {
      state: 'signedOut',
      pendingChanges: 0,
      reminderAt: '18:00',
      reminderDue: false,
      ...init.status,
      problems: this.problems.length,
      conflicts: this.conflicts.filter((c) => c.resolvedAt === undefined).length,
    };
    this.signInAnswer = init.signInAnswer ?? 'wrongCredentials';
    this.users = init.users ?? [];
  }

  /** Changes the status as the engine would, and tells the watchers. */
  update(patch: Partial<SyncStatus>): void {
    this.status = {
      ...this.status,
      ...patch,
      problems: this.problems.length,
      conflicts: this.conflicts.filter((c) => c.resolvedAt === undefined).length,
    };
    for (const l of this.listeners.status) l(this.status);
    for (const l of this.listeners.conflicts) l(this.conflicts);
    for (const l of this.listeners.problems) l(this.problems);
  }

  private watch<T>(set: Set<(v: T) => void>, listener: (v: T) => void, now: T): () => void {
    set.add(listener);
    listener(now);
    return () => set.delete(listener);
  }

  watchStatus(listener: (status: SyncStatus) => void) {
    return this.watch(this.listeners.status, listener, this.status);
  }
  watchConflicts(listener: (entries: ConflictEntry[]) => void) {
    return this.watch(this.listeners.conflicts, listener, this.conflicts);
  }
  watchProblems(listener: (problems: SyncProblem[]) => void) {
    return this.watch(this.listeners.problems, listener, this.problems);
  }

  async signIn(request: SignInRequest): Promise<SyncAccount> {
    this.calls.push({ name: 'signIn', args: request });
    const certificate = this.certificate;
    if (
      certificate &&
      ![certificate.pinned, request.trustFingerprint].includes(certificate.presented)
    ) {
      const { presented, pinned } = certificate;
      throw new SignInError(
        pinned ? 'certificateChanged' : 'untrustedCertificate',
        'compare the certificate',
        { serverUrl: request.serverUrl, presented, ...(pinned ? { pinned } : {}) },
      );
    }
    if (certificate) certificate.pinned = certificate.presented;
    const answer = this.signInAnswer;
    if (typeof answer === 'string') throw new SignInError(answer, `sign-in failed: ${answer}`);
    this.update({ state: 'synced', account: answer, lastSyncedAt: Date.now() });
    return answer;
  }
  async signOut(options: { removeLocalData: boolean; everywhere?: boolean }) {
    this.calls.push({ name: 'signOut', args: options });
    const { account: _gone, ...rest } = this.status;
    this.status = rest;
    this.update({ state: 'signedOut' });
  }
  async syncNow() {
    this.calls.push({ name: 'syncNow', args: undefined });
    this.update({ state: 'synced', pendingChanges: 0, lastSyncedAt: Date.now() });
  }
  private resolve(id: string, resolution: 'restored' | 'dismissed') {
    this.conflicts = this.conflicts.map((c) =>
      c.id === id ? { ...c, resolution, resolvedAt: Date.now() } : c,
    );
    this.update({});
  }
  async restoreConflict(id: string) {
    this.calls.push({ name: 'restoreConflict', args: id });
    this.resolve(id, 'restored');
  }
  async dismissConflict(id: string) {
    this.calls.push({ name: 'dismissConflict', args: id });
    this.resolve(id, 'dismissed');
  }
  async discardProblem(id: string) {
    this.calls.push({ name: 'discardProblem', args: id });
    this.problems = this.problems.filter((p) => p.id !== id);
    this.update({});
  }
  async setReminderTime(hhmm: string) {
    this.calls.push({ name: 'setReminderTime', args: hhmm });
    this.update({ reminderAt: hhmm });
  }

  // User administration, answering the way the sync server's admin routes do (403 for a
  // non-admin, 409 naming the field for a taken username or the last active admin).
  private asAdmin(): SyncAccount {
    const account = this.status.account;
    if (!account) throw new UserAdminError('signedOut', 'not signed in');
    if (account.role !== 'admin') {
      throw new UserAdminError(
        'forbidden',
        'This needs the admin role',
        undefined,
        'forbidden',
        403,
      );
    }
    return account;
  }
  private sortedUsers(): SyncUser[] {
    return [...this.users].sort((a, b) => a.username.localeCompare(b.username));
  }
  async listUsers(): Promise<SyncUser[]> {
    this.calls.push({ name: 'listUsers', args: undefined });
    this.asAdmin();
    return this.sortedUsers();
  }
  async createUser(request: CreateUserRequest): Promise<SyncUser> {
    this.calls.push({ name: 'createUser', args: { ...request, password: '(hidden)' } });
    const account = this.asAdmin();
    this.answerPassword();
    const username = request.username.trim().toLowerCase();
    if (this.users.some((user) => user.username === username)) {
      throw new UserAdminError(
        'usernameTaken',
        `The username "${username}" is already taken`,
        'username',
        'conflict',
        409,
      );
    }
    const user: SyncUser = {
      id: `user-${this.users.length + 1}-${username}`,
      orgId: account.orgId,
      orgName: account.orgName,
      firmCode: account.firmCode ?? '',
      username,
      name: request.name.trim(),
      role: request.role,
      disabled: false,
    };
    this.users = [...this.users, user];
    this.passwords.set(user.id, request.password);
    return user;
  }
  async updateUser(id: string, patch: UpdateUserRequest): Promise<SyncUser> {
    this.calls.push({ name: 'updateUser', args: { id, patch } });
    this.asAdmin();
    const target = this.users.find((user) => user.id === id);
    if (!target) throw new UserAdminError('notFound', 'No such user', undefined, 'notFound', 404);
    const { managerId, ...rest } = patch;
    const after: SyncUser = { ...target, ...rest };
    if (managerId === null) delete after.managerId;
    else if (managerId !== undefined) after.managerId = managerId;
    const activeAdmin = (u: SyncUser) => u.role === 'admin' && !u.disabled;
    if (activeAdmin(target) && !activeAdmin(after)) {
      if (this.users.filter(activeAdmin).length <= 1) {
        const field = after.disabled ? 'disabled' : 'role';
        throw new UserAdminError('lastAdmin', 'last active admin', field, 'conflict', 409);
      }
    }
    this.users = this.users.map((user) => (user.id === id ? after : user));
    return after;
  }
  private answerPassword(): void {
    const refusal = this.refuseNextPassword;
    this.refuseNextPassword = undefined;
    if (refusal) throw refusal;
  }
  async resetPassword(id: string, password: string): Promise<void> {
    this.calls.push({ name: 'resetPassword', args: { id, password: '(hidden)' } });
    this.asAdmin();
    this.answerPassword();
    if (!this.users.some((user) => user.id === id)) {
      throw new UserAdminError('notFound', 'No such user', undefined, 'notFound', 404);
    }
    this.passwords.set(id, password);
  }

  settings: OrgSettings = { visibility: 'everyone' };
  async getSettings(): Promise<OrgSettings> {
    this.calls.push({ name: 'getSettings', args: undefined });
    this.asAdmin();
    return { ...this.settings };
  }
  async updateSettings(settings: OrgSettings): Promise<OrgSettings> {
    this.calls.push({ name: 'updateSettings', args: settings });
    this.asAdmin();
    this.settings = { ...settings };
    return { ...this.settings };
  }

  async close() {
    this.calls.push({ name: 'close', args: undefined });
  }
}

/** The account a sign-in as `user` gives, in the test firm 华东销售部. */
export function firmAccount(
  user: { id: string; name: string },
  username: string,
  serverUrl: string,
): SyncAccount {
  return {
    serverUrl,
    userId: user.id,
    username,
    name: user.name,
    role: 'rep',
    orgId: 'org-1',
    orgName: '华东销售部',
  };
}
