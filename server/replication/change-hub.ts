import type { ChangeNotice, SyncStore } from '../store/types';

type Listener = (notice: ChangeNotice) => void;

/**
 * One store subscription per server, fanned out to the open streams of each organisation. The
 * store delivers notices from every instance (PostgreSQL LISTEN/NOTIFY), so a stream on this
 * instance hears about pushes handled by any other.
 */
export class ChangeHub {
  private readonly byOrg = new Map<string, Set<Listener>>();
  private readonly unsubscribe: () => void;

  constructor(store: SyncStore) {
    this.unsubscribe = store.onChange((notice) => {
      for (const listener of this.byOrg.get(notice.orgId) ?? []) {
        try {
          listener(notice);
        } catch {
          // One broken stream must not starve the others; its own close handler cleans it up.
        }
      }
    });
  }

  /** Listens to one organisation's changes; returns the unsubscribe. */
  listen(orgId: string, listener: Listener): () => void {
    let listeners = this.byOrg.get(orgId);
    if (!listeners) this.byOrg.set(orgId, (listeners = new Set()));
    listeners.add(listener);
    return () => {
      listeners.delete(listener);
      if (listeners.size === 0 && this.byOrg.get(orgId) === listeners) this.byOrg.delete(orgId);
    };
  }

  close(): void {
    this.unsubscribe();
    this.byOrg.clear();
  }
}
