import type { RxStorage } from 'rxdb';
import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import { createDispatcher, type DispatcherOptions, type LtcBridge } from '../shared/api';
import { openCrmCore, type CrmCore, type CurrentUser } from '../shared/core';
import { loadLocalUser } from './local-user';

export interface CoreHostOptions {
  userDataDir: string;
  osUsername: string;
  /**
   * RxDB's memory storage until the project's SQLite storage lands: data lives only as long as
   * the main process. Any RxStorage fits; their internals types differ.
   */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  storage?: RxStorage<any, any>;
  databaseName?: string;
  devMode?: boolean;
  log?: DispatcherOptions['log'];
}

export interface CoreHost {
  core: CrmCore;
  /** The validating dispatcher: the only way IPC reaches the core. */
  bridge: LtcBridge;
  user: CurrentUser;
  close(): Promise<void>;
}

/** Opens the core the main process hosts, for the person at this desktop. */
export async function openCoreHost(options: CoreHostOptions): Promise<CoreHost> {
  const user = await loadLocalUser(options.userDataDir, options.osUsername);
  const core = await openCrmCore({
    storage: options.storage ?? getRxStorageMemory(),
    databaseName: options.databaseName ?? 'ltc-desk',
    currentUser: user,
    devMode: options.devMode ?? false,
  });
  const bridge = createDispatcher(core.service, options.log ? { log: options.log } : {});
  let closing: Promise<void> | undefined;
  return {
    core,
    bridge,
    user,
    // Quit paths can race (window-all-closed, before-quit, a signal): close exactly once.
    close: () => (closing ??= core.close()),
  };
}
