import type { TokenVault } from '../../shared/sync/types';

const STORAGE_KEY = 'ltcdesk.syncToken';

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
        return storage?.getItem(STORAGE_KEY) ?? inMemory;
      } catch {
        return inMemory;
      }
    },
    async save(token) {
      inMemory = token;
      try {
        storage?.setItem(STORAGE_KEY, token);
      } catch {
        // Storage disabled: the token lasts for this page only.
      }
    },
    async clear() {
      inMemory = undefined;
      try {
        storage?.removeItem(STORAGE_KEY);
      } catch {
        // Nothing stored.
      }
    },
  };
}
