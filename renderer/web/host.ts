import { getRxStorageDexie } from 'rxdb/plugins/storage-dexie';
import { CrmError, createDispatcher, type LtcBridge } from '../../shared/api';
import { openCrmCore } from '../../shared/core';
import { loadLocalProfile, type LocalProfile } from './profile';

export interface WebHost {
  bridge: LtcBridge;
  currentUser: LocalProfile;
  close(): Promise<void>;
}

export const WEB_DATABASE_NAME = 'ltcdesk';

/**
 * Hosts the core in the page, on IndexedDB through RxDB's Dexie storage. multiInstance is on:
 * a person may open the app in two tabs, and RxDB then shares change events between them over a
 * BroadcastChannel, so each tab's live queries see the other's writes and a write based on a stale
 * read conflicts (and is retried by the core) instead of overwriting.
 */
export async function openWebHost(defaultUserName: string): Promise<WebHost> {
  const currentUser = loadLocalProfile(defaultUserName);
  const core = await openCrmCore({
    storage: getRxStorageDexie(),
    databaseName: WEB_DATABASE_NAME,
    currentUser,
    multiInstance: true,
  });
  const bridge = createDispatcher(core.service, {
    // A refused gate is an answer, not a fault: log only refused calls and unexpected errors.
    log: ({ kind, name, error }) => {
      if (kind === 'refused' || !(error instanceof CrmError))
        console.warn(`[ltc] ${kind} ${name}`, error);
    },
  });
  return { bridge, currentUser, close: () => core.close() };
}
