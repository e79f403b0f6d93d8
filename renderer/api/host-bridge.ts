import { createCrmClient, type LtcWireBridge } from '../../shared/api';
import type { CrmSession } from './crm-context';

/**
 * Connects the UI to a core. In Electron the preload has put the bridge on `window.ltc` and the
 * core runs in the main process; anywhere else (the web build) the page starts the core in a
 * dedicated worker of its own (renderer/web/worker-host.ts), loaded on demand so the desktop
 * renderer never loads RxDB.
 */
export async function connectToCore(defaultUserName: string): Promise<CrmSession> {
  const electronBridge = (window as Window & { ltc?: LtcWireBridge }).ltc;
  if (electronBridge) {
    const api = createCrmClient(electronBridge);
    const me = await api.invoke('profile/current', {});
    return { api, currentUserId: me.id };
  }
  const { openWorkerHost } = await import('../web/worker-host');
  const host = await openWorkerHost(defaultUserName);
  return { api: createCrmClient(host.bridge), currentUserId: host.currentUser.id };
}
