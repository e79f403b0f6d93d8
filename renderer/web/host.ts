import { getRxStorageDexie } from 'rxdb/plugins/storage-dexie';
import {
  CrmError,
  createDispatcher,
  createSyncHandlers,
  whenSyncStarts,
  withSync,
  type LtcBridge,
} from '../../shared/api';
import { openCrmCore, type CrmCore, type CurrentUser } from '../../shared/core';
import { actingUser, rememberedActingUser } from '../../shared/sync/acting-user';
import { createSyncEngine } from '../../shared/sync/engine';
import type { SyncAccount, SyncEngine, TokenVault } from '../../shared/sync/types';
import type { LocalProfile } from './profile';

export interface WebHost {
  bridge: LtcBridge;
  /** Who the core writes as on open: the remembered server user, or this browser's own profile. */
  currentUser: CurrentUser;
  close(): Promise<void>;
}

export interface WebHostOptions {
  /** This browser's own profile, read by the page from localStorage (profile.ts). */
  localUser: LocalProfile;
  /** Where the engine keeps its token: the page's localStorage, through the page (token-vault.ts). */
  vault: TokenVault;
  /** Resolves once the page's first screen has its answers and is painted. */
  firstScreenShown: Promise<void>;
}

export const WEB_DATABASE_NAME = 'ltcdesk';

/**
 * The web build syncs too: the engine runs beside the core in its worker, against the same server as the desktop.
 * (The server must answer CORS for the page's origin, as the page is served from another port.)
 * The app never waits for it (openWebHost); if the engine cannot start, the app goes on with its
 * local data, without sync. Signing out with "remove local data" deletes the database; the
 * renderer then reloads the page, which opens a fresh one.
 */
async function startSync(
  core: CrmCore,
  localUser: LocalProfile,
  vault: TokenVault,
): Promise<SyncEngine | undefined> {
  const actAs = (account: SyncAccount | undefined) =>
    core.setCurrentUser(actingUser(account, localUser));
  try {
    const engine = await createSyncEngine({
      database: core.database,
      vault,
      onAccountChanged: actAs,
      // At sign-in, records made in this browser before are handed to the server user.
      localUser,
    });
    // A remembered sign-in: the core writes as that user from the start.
    engine.watchStatus((status) => actAs(status.account))();
    return engine;
  } catch (error) {
    console.warn('[ltc] sync could not start; running without it', error);
    return undefined;
  }
}

/**
 * Hosts the core on IndexedDB through RxDB's Dexie storage, in the web core's worker
 * (core-worker.ts), never in the page: the database, rules, sync and analytics then never block
 * the page's thread, as on the desktop where the core lives in Electron's main. multiInstance is on:
 * a person may open the app in two tabs, and RxDB then shares change events between them over a
 * BroadcastChannel, so each tab's live queries see the other's writes and a write based on a stale
 * read conflicts (and is retried by the core) instead of overwriting.
 */
export async function openWebHost(options: WebHostOptions): Promise<WebHost> {
  const { localUser: currentUser, vault, firstScreenShown } = options;
  const core = await openCrmCore({
    storage: getRxStorageDexie(),
    databaseName: WEB_DATABASE_NAME,
    currentUser,
    multiInstance: true,
  });
  // The local UI never waits for sync (issue 19): the bridge answers from IndexedDB at once, and
  // the engine starts once the page's first screen has its answers (and that frame is painted),
  // so its start-up does not slow the first card. Until it runs, the core writes as the
  // remembered server user; a sync call made before then waits for it.
  const acting = await rememberedActingUser(core.database, currentUser);
  core.setCurrentUser(acting);
  const starting = firstScreenShown.then(() => startSync(core, currentUser, vault));
  const service = withSync(
    core.service,
    whenSyncStarts(starting.then((engine) => engine && createSyncHandlers(engine))),
  );
  const dispatcher = createDispatcher(service, {
    // A refused gate is an answer, not a fault: log only refused calls and unexpected errors.
    // The dispatcher never hands over arguments, so a sign-in's password cannot reach the console.
    log: ({ kind, name, error }) => {
      if (kind === 'refused' || !(error instanceof CrmError))
        console.warn(`[ltc] ${kind} ${name}`, error);
    },
  });
  return {
    bridge: dispatcher,
    currentUser: acting,
    close: async () => {
      try {
        await (await starting)?.close();
      } finally {
        await core.close();
      }
    },
  };
}
