const STORAGE_KEY = 'ltcdesk.syncServer';

/** The server address of the last successful sign-in, so the next sign-in starts from it. */
export function loadLastServer(storage: Storage | undefined = globalThis.localStorage): string {
  try {
    return storage?.getItem(STORAGE_KEY) ?? '';
  } catch {
    // Storage disabled: the person types the address again.
    return '';
  }
}

export function saveLastServer(
  serverUrl: string,
  storage: Storage | undefined = globalThis.localStorage,
): void {
  try {
    storage?.setItem(STORAGE_KEY, serverUrl);
  } catch {
    // See loadLastServer.
  }
}
