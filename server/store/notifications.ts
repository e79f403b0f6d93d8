import type { ChangeNotice } from './types';

type ChangeListener = (notice: ChangeNotice) => void;

/**
 * The listeners of one store instance. A throwing listener (one broken event stream) must neither
 * fail the push that caused the notice nor keep the other listeners from hearing it.
 */
export class ChangeFanout {
  readonly #listeners = new Set<ChangeListener>();

  add(listener: ChangeListener): () => void {
    // Wrapped so the same function can subscribe twice and unsubscribe each time separately.
    const entry: ChangeListener = (notice) => listener(notice);
    this.#listeners.add(entry);
    return () => {
      this.#listeners.delete(entry);
    };
  }

  emit(notice: ChangeNotice): void {
    for (const listener of [...this.#listeners]) {
      try {
        listener(notice);
      } catch (error) {
        console.error('sync change listener failed', error);
      }
    }
  }

  clear(): void {
    this.#listeners.clear();
  }
}

/** Parses a notice from another instance; anything malformed is dropped, not thrown. */
export function parseChangeNotice(payload: string | undefined): ChangeNotice | undefined {
  if (payload === undefined) return undefined;
  try {
    const value: unknown = JSON.parse(payload);
    if (typeof value !== 'object' || value === null) return undefined;
    const { orgId, collection, seq } = value as Record<string, unknown>;
    if (typeof orgId !== 'string' || typeof collection !== 'string' || typeof seq !== 'number') {
      return undefined;
    }
    return { orgId, collection, seq };
  } catch {
    return undefined;
  }
}
