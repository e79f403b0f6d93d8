import { nodeCertificatePinning } from './tls-pinning';
import path from 'node:path';
import {
  createDispatcher,
  whenSyncStarts,
  withSync,
  type CrmService,
  type DispatcherOptions,
  type LtcBridge,
  type SyncService,
} from '../shared/api';
import type { CrmCore, CurrentUser } from '../shared/core';
import { rememberedActingUser } from '../shared/sync/acting-user';
import type { SyncEngine, TokenVault } from '../shared/sync/types';
import { loadLocalUser } from './local-user';
import {
  openProfileDatabase,
  type DatabaseFromNewerVersion,
  type UnreadableDatabaseMovedAside,
} from './profile-database';
import { SYNC_TOKEN_FILE } from './profile-files';
import { startSyncHost, type SyncHost } from './sync-host';
import { createSafeStorageVault, type SafeStorageLike } from './token-vault';

export { SYNC_TOKEN_FILE } from './profile-files';

export interface SyncHostingOptions {
  fetch?: typeof fetch;
  /** The admin's LTC_ALLOW_PLAIN_HTTP=1 in the app: plain http:// to other computers too. */
  allowPlainHttp?: boolean;
}

/**
 * Who keeps the sync token's file: safeStorage, in the process that has it (Electron's main), or,
 * in the core's worker_thread, a vault that asks main to keep it (main/core-worker-serve.ts).
 */
export type TokenKeeping =
  { safeStorage: SafeStorageLike } | { vaultFor: (tokenFile: string) => TokenVault };

export interface CoreHostOptions {
  userDataDir: string;
  osUsername: string;
  devMode?: boolean;
  log?: DispatcherOptions['log'];
  /** When an unreadable database is moved aside (its name's timestamp); tests fix it. */
  clock?: () => Date;
  /**
   * Runs the sync engine beside the core, its token kept with this safeStorage (Electron's in
   * the app). Without it the host has no sync and sync calls are answered Unavailable.
   */
  sync?: SyncHostingOptions & TokenKeeping;
  /** Problems that do not stop the app (sync could not start, the token stays in memory). */
  warn?: (message: string) => void;
}

export interface CoreHost {
  /** The core of the profile database as it is now (a new one after local data is removed). */
  readonly core: CrmCore;
  /** The validating dispatcher: the only way IPC reaches the core. */
  readonly bridge: LtcBridge;
  readonly user: CurrentUser;
  /** The profile's SQLite file. */
  readonly databaseFile: string;
  /**
   * The sync engine, once it has started (sync was asked for and could start). The bridge never
   * waits for it: queries and commands answer from the local database while it starts.
   */
  readonly sync: SyncEngine | undefined;
  close(): Promise<void>;
}

export type CoreHostStart =
  | { started: true; host: CoreHost; notice?: UnreadableDatabaseMovedAside }
  | { started: false; problem: DatabaseFromNewerVersion };

/** One opening of the profile database: its core, its sync engine and their dispatcher. */
interface Opened {
  core: CrmCore;
  /** The engine starting beside the core (undefined once settled if it could not start). */
  starting: Promise<SyncHost | undefined>;
  /** The engine once started, for `host.sync`. */
  sync: SyncHost | undefined;
  dispatcher: LtcBridge;
}

/**
 * Opens the desktop's core (in its worker_thread, main/core-worker.ts; in this thread for tests
 * and benchmarks), for the person at this desktop, on their profile's SQLite database
 * (main/profile-database.ts). Either it starts, possibly with a notice that an
 * unreadable file was moved aside, or it refuses a file it must not touch.
 *
 * With sync, signing out with "remove local data" deletes the database (the engine does); the
 * host then opens a fresh, empty one in its place, behind the same bridge, before the sign-out
 * answers, so the renderer's reload finds a working core.
 */
export async function openCoreHost(options: CoreHostOptions): Promise<CoreHostStart> {
  const user = await loadLocalUser(options.userDataDir, options.osUsername);
  const openDatabase = () =>
    openProfileDatabase({
      userDataDir: options.userDataDir,
      currentUser: user,
      devMode: options.devMode ?? false,
      ...(options.clock ? { clock: options.clock } : {}),
    });
  const opening = await openDatabase();
  if (!opening.opened) return { started: false, problem: opening.problem };
  const databaseFile = opening.filePath;

  // The local UI never waits for sync (issue 19): the dispatcher answers from the database at
  // once, and the engine starts beside it. Until it runs, the core writes as the remembered
  // server user, so a record made in those first moments is still the signed-in person's.
  const assemble = async (core: CrmCore): Promise<Opened> => {
    const syncOptions = options.sync;
    if (syncOptions) core.setCurrentUser(await rememberedActingUser(core.database, user));
    const starting = syncOptions
      ? startSync(core, user, databaseFile, syncOptions, options.warn)
      : Promise.resolve(undefined);
    const service: CrmService = syncOptions
      ? withSync(
          core.service,
          whenSyncStarts(
            starting.then((sync) => sync && reopeningAfterRemoval(sync.service, reopen)),
          ),
        )
      : core.service;
    const opened: Opened = {
      core,
      starting,
      sync: undefined,
      dispatcher: createDispatcher(service, options.log ? { log: options.log } : {}),
    };
    void starting.then((sync) => (opened.sync = sync));
    return opened;
  };

  let current = await assemble(opening.core);

  async function reopen(): Promise<void> {
    const gone = current;
    await closeBoth(gone).catch((error: unknown) =>
      options.warn?.(`closing the removed database: ${String(error)}`),
    );
    const fresh = await openDatabase();
    if (!fresh.opened) throw new Error(`could not reopen ${databaseFile}: ${fresh.problem.code}`);
    current = await assemble(fresh.core);
  }

  // The bridge IPC holds on to: it always reaches the current opening.
  const bridge: LtcBridge = {
    invoke: (command, args) => current.dispatcher.invoke(command, args),
    subscribe: (query, args, onMessage) => current.dispatcher.subscribe(query, args, onMessage),
  };
  let closing: Promise<void> | undefined;
  const host: CoreHost = {
    get core() {
      return current.core;
    },
    get sync() {
      return current.sync?.engine;
    },
    bridge,
    user,
    databaseFile,
    // Quit paths can race (window-all-closed, before-quit, a signal): close exactly once.
    close: () => (closing ??= closeBoth(current)),
  };
  return { started: true, host, ...(opening.movedAside ? { notice: opening.movedAside } : {}) };
}

/**
 * The engine first: its last writes (a pulled batch, the conflict log) go to the database. One
 * still starting is waited for, so it never starts on a closed database.
 */
async function closeBoth({ starting, core }: Opened): Promise<void> {
  try {
    await (await starting)?.close();
  } finally {
    await core.close();
  }
}

/** Sign-out as the engine does it, then, when the local data was removed, a fresh database. */
function reopeningAfterRemoval(service: SyncService, reopen: () => Promise<void>): SyncService {
  const signOut = service.commands['sync/signOut'];
  return {
    queries: service.queries,
    commands: {
      ...service.commands,
      'sync/signOut': async (args) => {
        await signOut(args);
        if (args.removeLocalData) await reopen();
      },
    },
  };
}

/**
 * Starts sync for the profile. A failure here must not keep the person from their local data:
 * the app then runs without sync, and says why in the log.
 */
async function startSync(
  core: CrmCore,
  localUser: CurrentUser,
  databaseFile: string,
  options: NonNullable<CoreHostOptions['sync']>,
  warn: CoreHostOptions['warn'],
): Promise<SyncHost | undefined> {
  const file = path.join(path.dirname(databaseFile), SYNC_TOKEN_FILE);
  const vault =
    'vaultFor' in options
      ? options.vaultFor(file)
      : createSafeStorageVault({
          safeStorage: options.safeStorage,
          file,
          ...(warn ? { log: warn } : {}),
        });
  try {
    return await startSyncHost({
      core,
      localUser,
      vault,
      ...(options.fetch ? { fetch: options.fetch } : {}),
      allowPlainHttp: options.allowPlainHttp ?? false,
      // The desktop pins the server's certificate at the first sign-in (trust on first use).
      pinning: nodeCertificatePinning(),
    });
  } catch (error) {
    warn?.(`sync could not start, running without it: ${String(error)}`);
    return undefined;
  }
}
