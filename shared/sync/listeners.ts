/**
 * The watchers of one part of the engine's state (status, conflicts, problems): each is called
 * with the current value when it starts watching and again on every change.
 */
export class Listeners<T> {
  private readonly listeners = new Set<(value: T) => void>();

  /** Returns unsubscribe. */
  watch(listener: (value: T) => void, current: () => T): () => void {
    this.listeners.add(listener);
    listener(current());
    return () => this.listeners.delete(listener);
  }

  /** A listener that throws (a host's bug) must not stop sync or the other listeners. */
  notify(value: T): void {
    for (const listener of this.listeners) {
      try {
        listener(value);
      } catch {
        // Ignored: the engine's state is unaffected.
      }
    }
  }
}
