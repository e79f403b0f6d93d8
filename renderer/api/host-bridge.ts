import { createCrmClient, type LtcWireBridge } from '../../shared/api';
import type { CrmSession } from './crm-context';

/**
 * Connects the UI to a core. In Electron the preload has put the bridge on `window.ltc` and the
 * core runs in the main process; anywhere else (the web build) the page hosts the core itself,
 * loaded on demand so the desktop renderer never ships RxDB.
 */
export async function connectToCore(defaultUserName: string): Promise<CrmSession> {
  const electronBridge = (window as Window & { ltc?: LtcWireBridge }).ltc;
  if (electronBridge) {
    const api = createCrmClient(electronBridge);
    const me = await api.invoke('profile/current', {});
    return { api, currentUserId: me.id };
  }
  const { openWebHost } = await import('../web/host');
  const host = await openWebHost(defaultUserName);
  return { api: createCrmClient(host.bridge), currentUserId: host.currentUser.id };
}
