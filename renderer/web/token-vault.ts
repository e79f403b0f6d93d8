import type { TokenVault } from '../../shared/sync/types';

export const TOKEN_STORAGE_KEY = 'ltcdesk.syncToken';

/**
 * The web build's sync token, in localStorage (the page has no OS secret store; this is where any
 * web app keeps its session). It lives for this browser profile and this origin only, and sign-out
 * removes it. Storage that is disabled keeps it in memory for this page.
 */
export function createLocalStorageVault(
  storage: Storage | undefined = globalThis.localStorage,
): TokenVault {
  let inMemory: string | undefined;
  return {
    async load() {
      try {
        return storage?.getItem(TOKEN_STORAGE_KEY) ?? inMemory;
      } catch {
        return inMemory;
      }
    },
    async save(token) {
      inMemory = token;
      try {
        storage?.setItem(TOKEN_STORAGE_KEY, token);
      } catch {
        // Storage disabled: the token lasts for this page only.
      }
    },
    async clear() {
      inMemory = undefined;
      try {
        storage?.removeItem(TOKEN_STORAGE_KEY);
      } catch {
        // Nothing stored.
      }
    },
  };
}

/**
 * The web core worker's side of the token: the worker has no localStorage, so the page reads the
 * token once when it opens the core, and every save or clear goes back to the page (`store`),
 * which writes it with the vault above. The token goes only between this page and its own
 * dedicated worker (same origin, a private message port), never anywhere script in the origin
 * could not already read it from localStorage. Another tab's sign-in or sign-out changes the
 * stored token: the page passes that on too (`changedInPage`), as a vault reading localStorage
 * would have seen it.
 */
export interface RelayedVault extends TokenVault {
  changedInPage(token: string | undefined): void;
}

export function createRelayedVault(
  token: string | undefined,
  store: (token: string | undefined) => void,
): RelayedVault {
  let current = token;
  return {
    changedInPage(next) {
      current = next;
    },
    async load() {
      return current;
    },
    async save(next) {
      current = next;
      store(next);
    },
    async clear() {
      current = undefined;
      store(undefined);
    },
  };
}
