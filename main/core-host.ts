import { createDispatcher, type DispatcherOptions, type LtcBridge } from '../shared/api';
import type { CrmCore, CurrentUser } from '../shared/core';
import { loadLocalUser } from './local-user';
import {
  openProfileDatabase,
  type DatabaseFromNewerVersion,
  type UnreadableDatabaseMovedAside,
} from './profile-database';

export interface CoreHostOptions {
  userDataDir: string;
  osUsername: string;
  devMode?: boolean;
  log?: DispatcherOptions['log'];
  /** When an unreadable database is moved aside (its name's timestamp); tests fix it. */
  clock?: () => Date;
}

export interface CoreHost {
  core: CrmCore;
  /** The validating dispatcher: the only way IPC reaches the core. */
  bridge: LtcBridge;
  user: CurrentUser;
  /** The profile's SQLite file. */
  databaseFile: string;
  close(): Promise<void>;
}

export type CoreHostStart =
  | { started: true; host: CoreHost; notice?: UnreadableDatabaseMovedAside }
  | { started: false; problem: DatabaseFromNewerVersion };

/**
 * Opens the core the main process hosts, for the person at this desktop, on their profile's
 * SQLite database (main/profile-database.ts). Either it starts, possibly with a notice that an
 * unreadable file was moved aside, or it refuses a file it must not touch.
 */
export async function openCoreHost(options: CoreHostOptions): Promise<CoreHostStart> {
  const user = await loadLocalUser(options.userDataDir, options.osUsername);
  const opening = await openProfileDatabase({
    userDataDir: options.userDataDir,
    currentUser: user,
    devMode: options.devMode ?? false,
    ...(options.clock ? { clock: options.clock } : {}),
  });
  if (!opening.opened) return { started: false, problem: opening.problem };
  const { core } = opening;
  const bridge = createDispatcher(core.service, options.log ? { log: options.log } : {});
  let closing: Promise<void> | undefined;
  const host: CoreHost = {
    core,
    bridge,
    user,
    databaseFile: opening.filePath,
    // Quit paths can race (window-all-closed, before-quit, a signal): close exactly once.
    close: () => (closing ??= core.close()),
  };
  return { started: true, host, ...(opening.movedAside ? { notice: opening.movedAside } : {}) };
}
