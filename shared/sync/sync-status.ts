import { Listeners } from './listeners';
import type { SyncLocalState } from './local-state';
import { isReminderDue } from './reminder';
import type { SyncSession } from './session';
import type { SyncAccount, SyncState, SyncStatus } from './types';

/** What the status is made of, read from the engine's parts each time it is composed. */
export interface StatusParts {
  session: SyncSession | undefined;
  account: SyncAccount | undefined;
  /** Why the engine is signed out while it keeps the account (the server ended the session). */
  signedOutReason: string | undefined;
  settings: SyncLocalState['settings'];
  pending: number;
  problems: number;
  unresolvedConflicts: number;
  allowPlainHttp: boolean;
}

export function syncState(session: SyncSession | undefined): SyncState {
  if (!session) return 'signedOut';
  const [worst] = session.connectivity.currentErrors();
  if (worst?.kind === 'unreachable') return 'offline';
  if (worst) return 'error';
  return session.isIdle() ? 'synced' : 'syncing';
}

export function composeStatus(parts: StatusParts, now: number): SyncStatus {
  const { session, account, settings, pending } = parts;
  const [worst] = session?.connectivity.currentErrors() ?? [];
  const lastError = worst?.message ?? session?.lastReplicationError ?? parts.signedOutReason;
  return {
    state: syncState(session),
    ...(account ? { account: { ...account } } : {}),
    ...(settings.lastSyncedAt !== undefined ? { lastSyncedAt: settings.lastSyncedAt } : {}),
    pendingChanges: pending,
    problems: parts.problems,
    conflicts: parts.unresolvedConflicts,
    ...(lastError !== undefined ? { lastError } : {}),
    reminderAt: settings.reminderAt,
    reminderDue: isReminderDue(now, settings.reminderAt, pending),
    ...(parts.allowPlainHttp ? { allowPlainHttp: true as const } : {}),
  };
}

/**
 * The status the host shows: sent to the watchers when it really changed, and the moment it
 * turns to synced is when the data was last in sync.
 */
export class StatusFeed {
  private lastState: SyncState = 'signedOut';
  private lastStatusJson = '';
  private readonly listeners = new Listeners<SyncStatus>();

  constructor(
    private readonly parts: () => StatusParts,
    private readonly now: () => number,
    /** Every collection is idle with no error: stores the time as lastSyncedAt. */
    private readonly onSynced: (at: number) => void,
  ) {}

  status(): SyncStatus {
    return composeStatus(this.parts(), this.now());
  }

  watch(listener: (status: SyncStatus) => void): () => void {
    return this.listeners.watch(listener, () => this.status());
  }

  /** Tells the watchers when the status changed. */
  emit(): void {
    const state = syncState(this.parts().session);
    if (state === 'synced' && this.lastState !== 'synced') this.onSynced(this.now());
    this.lastState = state;
    const status = this.status();
    const json = JSON.stringify(status);
    if (json === this.lastStatusJson) return;
    this.lastStatusJson = json;
    this.listeners.notify(status);
  }

  /** The last status, to the watchers as it is (the engine is closing). */
  emitFinal(): void {
    this.listeners.notify(this.status());
  }
}
