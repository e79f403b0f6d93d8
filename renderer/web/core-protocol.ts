import type { BridgeToCore, CoreToBridge } from '../../shared/api';
import type { CurrentUser } from '../../shared/core';
import type { LocalProfile } from './profile';

/**
 * The messages between the page and the web core's worker (core-worker.ts), all plain data for
 * structured clone: the bridge's own (shared/api/port-protocol.ts, as Electron's main speaks to
 * its core's worker_thread), plus what only the page can do for the worker: read and write
 * localStorage, and tell when the first screen has been painted.
 */
export type PageToCore =
  | BridgeToCore
  /** Opens the core. The page read the profile and the sync token from localStorage. */
  | { kind: 'open'; profile: LocalProfile; token: string | undefined }
  /** Another tab stored or removed the sync token (the page's storage event). */
  | { kind: 'tokenChanged'; token: string | undefined }
  /** The first screen has its answers and is painted: the sync engine may start. */
  | { kind: 'firstScreenShown' }
  /** Closes the core (sync first); answered with `closed`. */
  | { kind: 'close' };

export type CoreToPage =
  | CoreToBridge
  | { kind: 'opened'; currentUser: CurrentUser }
  | { kind: 'openFailed'; message: string }
  /** The sync engine saved (a string) or cleared (undefined) its token: the page keeps it. */
  | { kind: 'storeToken'; token: string | undefined }
  | { kind: 'closed' };
