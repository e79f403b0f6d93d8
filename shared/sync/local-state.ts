import type { RxDatabase } from 'rxdb';
import type { ConflictEntry, SyncAccount, SyncProblem } from './types';
import { normalizeFirmCode } from '../domain/firm-code';

/**
 * The sync engine's own state, kept in RxDB local documents of the profile database: it lives and
 * dies with the data it describes (a removed database takes its conflict log along), survives
 * restarts, and never replicates (local documents are not part of any collection).
 */
export interface SyncLocalState {
  account: {
    account: SyncAccount | null;
    /** Set when the server stopped accepting the token; the account stays for signing in again. */
    signedOutReason?: string;
  };
  conflicts: { entries: ConflictEntry[] };
  problems: {
    problems: SyncProblem[];
    /**
     * "collection/id" → the server's state that a discard wrote locally (or the local deletion
     * when the server never had the record). That write is not pushed back: the server has it
     * already (or must never get it), and a rep's push of someone else's record would only be
     * refused again. RxDB then records it as the server's state, which it is.
     */
    discarded: Record<string, Record<string, unknown>>;
  };
  settings: {
    reminderAt: string;
    lastSyncedAt?: number;
    /** The server epoch last seen (epoch-recovery.ts); pushes carry it. */
    serverEpoch?: string;
  };
  /**
   * Trust on first use: server address → the SHA-256 fingerprint of the certificate trusted at
   * sign-in. Kept across sign-outs (the server did not change), gone with the profile's data.
   */
  trust: { pins: Record<string, string> };
  /**
   * The device tokens the servers gave this device at its sign-ins, by deviceKey(): sent with the
   * next sign-in to the same account, they spare the owner the delays that other people's failed
   * sign-ins cause (server/auth/known-devices.ts). Not a session: the password is still needed.
   */
  devices: { tokens: Record<string, string> };
}

export type SyncLocalKey = keyof SyncLocalState;

export const DEFAULT_REMINDER_AT = '18:00';

const DEFAULTS: { [K in SyncLocalKey]: () => SyncLocalState[K] } = {
  account: () => ({ account: null }),
  conflicts: () => ({ entries: [] }),
  problems: () => ({ problems: [], discarded: {} }),
  settings: () => ({ reminderAt: DEFAULT_REMINDER_AT }),
  trust: () => ({ pins: {} }),
  devices: () => ({ tokens: {} }),
};

/** Which account on which server a device token belongs to (codes and usernames ignore case). */
export const deviceKey = (serverUrl: string, firmCode: string, username: string): string =>
  JSON.stringify([serverUrl, normalizeFirmCode(firmCode), username.trim().toLowerCase()]);

/** Resolved conflict entries kept for the list; older resolved ones are dropped first. */
const MAX_RESOLVED_CONFLICTS = 500;

const localId = (key: SyncLocalKey) => `ltc-sync-${key}`;

/**
 * Reads and writes the sync state. Writes are serialised through one queue, so a read-modify-write
 * (appending a conflict while the person restores another) never loses an update; the engine is
 * the only writer (Electron main, or the one page of the web build).
 */
export class SyncLocalStore {
  private queue: Promise<unknown> = Promise.resolve();
  private readonly listeners = new Set<(key: SyncLocalKey) => void>();

  // Any database with local documents enabled; its collections do not matter here.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  constructor(private readonly database: RxDatabase<any>) {}

  async read<K extends SyncLocalKey>(key: K): Promise<SyncLocalState[K]> {
    const doc = (await this.database.getLocal(localId(key))) as {
      _data: { data: SyncLocalState[K] };
    } | null;
    if (!doc) return DEFAULTS[key]();
    // Local documents are frozen in dev mode, and callers modify what they read.
    return { ...DEFAULTS[key](), ...clone(doc._data.data) };
  }

  /** Reads after the updates queued so far: reads made this way never see an older state. */
  readInOrder<K extends SyncLocalKey>(key: K): Promise<SyncLocalState[K]> {
    const run = this.queue.then(() => this.read(key));
    this.queue = run.catch(() => undefined);
    return run;
  }

  /** Applies `change` to the current value, in order with every other update. */
  update<K extends SyncLocalKey>(
    key: K,
    change: (current: SyncLocalState[K]) => SyncLocalState[K],
  ): Promise<SyncLocalState[K]> {
    const run = this.queue.then(async () => {
      const next = change(await this.read(key));
      await this.database.upsertLocal(localId(key), stripUndefined(next));
      for (const listener of this.listeners) listener(key);
      return next;
    });
    this.queue = run.catch(() => undefined);
    return run;
  }

  /** Called after every update, with the key written. Returns unsubscribe. */
  onChange(listener: (key: SyncLocalKey) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Waits for the writes queued so far. */
  async settled(): Promise<void> {
    await this.queue;
  }
}

/** Appends entries whose id is new; a resolve RxDB repeats does not log twice. */
export function appendConflicts(
  current: SyncLocalState['conflicts'],
  entries: readonly ConflictEntry[],
): SyncLocalState['conflicts'] {
  const known = new Set(current.entries.map((entry) => entry.id));
  const added = entries.filter((entry) => !known.has(entry.id));
  if (added.length === 0) return current;
  let all = [...current.entries, ...added];
  const resolved = all.filter((entry) => entry.resolvedAt !== undefined);
  if (resolved.length > MAX_RESOLVED_CONFLICTS) {
    const drop = new Set(
      resolved
        .sort((a, b) => (a.resolvedAt ?? 0) - (b.resolvedAt ?? 0))
        .slice(0, resolved.length - MAX_RESOLVED_CONFLICTS)
        .map((entry) => entry.id),
    );
    all = all.filter((entry) => !drop.has(entry.id));
  }
  return { entries: all };
}

function clone<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}

/** Local documents are JSON: an undefined member would fail validation in some storages. */
function stripUndefined<T>(value: T): T {
  return clone(value);
}
