/**
 * What the last successful sign-in used (server address, firm code), so the next sign-in starts
 * from it. Never the username or password.
 */
function remembered(key: string) {
  return {
    load(storage: Storage | undefined = globalThis.localStorage): string {
      try {
        return storage?.getItem(key) ?? '';
      } catch {
        // Storage disabled: the person types it again.
        return '';
      }
    },
    save(value: string, storage: Storage | undefined = globalThis.localStorage): void {
      try {
        storage?.setItem(key, value);
      } catch {
        // See load.
      }
    },
  };
}

const lastServer = remembered('ltcdesk.syncServer');
const lastFirmCode = remembered('ltcdesk.syncFirmCode');

export const loadLastServer = lastServer.load;
export const saveLastServer = lastServer.save;
export const loadLastFirmCode = lastFirmCode.load;
export const saveLastFirmCode = lastFirmCode.save;
