import type { RxCollection } from 'rxdb';
import type { CurrentUser } from '../core/context';
import { WatchedLog } from './watched-log';
import { restoreOverwritten } from './local-records';
import { appendConflicts, type SyncLocalState } from './local-state';
import type { ConflictEntry } from './types';

/**
 * The conflict log the merge writes (conflict-handler.ts) and the person reads: every field a
 * merge overwrote, newest first, until it is restored or dismissed. Kept in the sync state
 * (local-state.ts); this holds the copy the engine answers from and tells the watchers.
 */
export class ConflictLog extends WatchedLog<ConflictEntry> {
  load(state: SyncLocalState['conflicts']): void {
    this.entries = state.entries;
  }

  /** After the stored log changed. */
  async reload(): Promise<void> {
    this.reloaded((await this.store.readInOrder('conflicts')).entries);
  }

  /** The entries still waiting for the person, for the status. */
  unresolved(): number {
    return this.entries.filter((entry) => entry.resolvedAt === undefined).length;
  }

  /** The merge's entries, stored before its resolve returns (SessionHooks.logConflicts). */
  async append(entries: ConflictEntry[]): Promise<void> {
    await this.store.update('conflicts', (current) => appendConflicts(current, entries));
  }

  /** `by`: whom the restored value is written as (the account, or the device's local user). */
  async restore(id: string, by: CurrentUser | undefined): Promise<void> {
    const entry = this.entries.find((candidate) => candidate.id === id);
    if (!entry) throw new Error(`no conflict ${id}`);
    if (entry.resolution === 'restored') return;
    const collection = this.database.collections[entry.collection] as RxCollection | undefined;
    if (!collection) throw new Error(`no collection ${entry.collection}`);
    if (!by) throw new Error('nobody to restore the value as');
    await restoreOverwritten(collection, entry, this.now(), by);
    await this.resolve(id, 'restored');
  }

  async dismiss(id: string): Promise<void> {
    if (!this.entries.some((candidate) => candidate.id === id)) {
      throw new Error(`no conflict ${id}`);
    }
    await this.resolve(id, 'dismissed');
  }

  private async resolve(id: string, resolution: 'restored' | 'dismissed'): Promise<void> {
    const at = this.now();
    await this.store.update('conflicts', (current) => ({
      entries: current.entries.map((entry) =>
        entry.id === id ? { ...entry, resolvedAt: at, resolution } : entry,
      ),
    }));
  }
}
