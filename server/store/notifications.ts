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
    const { orgId, collection, seq, views, audience } = value as Record<string, unknown>;
    if (typeof orgId !== 'string' || typeof collection !== 'string' || typeof seq !== 'number') {
      return undefined;
    }
    const strings = (list: unknown) =>
      Array.isArray(list) ? list.filter((v): v is string => typeof v === 'string') : [];
    const notice: ChangeNotice = { orgId, collection, seq };
    const users = strings(views);
    if (users.length > 0) notice.views = users;
    if (typeof audience === 'object' && audience !== null) {
      const { owners, accounts } = audience as Record<string, unknown>;
      notice.audience = { owners: strings(owners), accounts: strings(accounts) };
    }
    return notice;
  } catch {
    return undefined;
  }
}

/** Everyone of the organisation: a notice whose list of users would not fit a NOTIFY. */
export const ALL_VIEWS = '*';

/**
 * A notice as sent between instances. PostgreSQL's NOTIFY carries at most 8,000 bytes: a long
 * list of users whose view changed becomes "everyone", who then merely pull once more.
 */
export function noticePayload(notice: ChangeNotice): string {
  const text = JSON.stringify(notice);
  if (text.length <= 7000) return text;
  const { audience: _, ...rest } = notice;
  const lean = JSON.stringify(rest);
  return lean.length <= 7000 ? lean : JSON.stringify({ ...rest, views: [ALL_VIEWS] });
}
