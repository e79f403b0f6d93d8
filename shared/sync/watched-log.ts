import type { RxDatabase } from 'rxdb';
import { Listeners } from './listeners';
import type { SyncLocalStore } from './local-state';

/** A log the person works through (conflicts, problems): its watchers see it newest first. */
export class WatchedLog<T extends { id: string; at: number }> {
  protected entries: T[] = [];
  private readonly listeners = new Listeners<T[]>();

  constructor(
    /** Where the log is kept (local-state.ts); its changes come back through reload. */
    protected readonly store: SyncLocalStore,
    // Any database with the synced collections; their document types differ.
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    protected readonly database: RxDatabase<any>,
    protected readonly now: () => number,
  ) {}

  watch(listener: (entries: T[]) => void): () => void {
    return this.listeners.watch(listener, () => this.list());
  }

  /** The stored log changed: the watchers see the new one. */
  protected reloaded(entries: T[]): void {
    this.entries = entries;
    this.listeners.notify(this.list());
  }

  private list(): T[] {
    return [...this.entries].sort((a, b) => b.at - a.at || a.id.localeCompare(b.id));
  }
}
