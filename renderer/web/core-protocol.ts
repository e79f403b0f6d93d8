import type { Envelope, LiveMessage } from '../../shared/api';
import type { CurrentUser } from '../../shared/core';
import type { LocalProfile } from './profile';

/**
 * The messages between the page and the web core's worker (core-worker.ts), all plain data for
 * structured clone. They carry exactly what the Electron preload's IPC channels carry (invoke,
 * subscribe, unsubscribe, query results), plus what only the page can do for the worker: read
 * and write localStorage, and tell when the first screen has been painted.
 */
export type PageToCore =
  /** Opens the core. The page read the profile and the sync token from localStorage. */
  | { kind: 'open'; profile: LocalProfile; token: string | undefined }
  | { kind: 'invoke'; id: number; command: string; args: unknown }
  | { kind: 'subscribe'; id: number; query: string; args: unknown }
  | { kind: 'unsubscribe'; id: number }
  /** Another tab stored or removed the sync token (the page's storage event). */
  | { kind: 'tokenChanged'; token: string | undefined }
  /** The first screen has its answers and is painted: the sync engine may start. */
  | { kind: 'firstScreenShown' }
  /** Closes the core (sync first); answered with `closed`. */
  | { kind: 'close' };

export type CoreToPage =
  | { kind: 'opened'; currentUser: CurrentUser }
  | { kind: 'openFailed'; message: string }
  | { kind: 'result'; id: number; envelope: Envelope<unknown> }
  /** A live query's result; a board's after the first as what changed (a BoardDiff). */
  | { kind: 'queryMessage'; id: number; envelope: LiveMessage }
  /** The sync engine saved (a string) or cleared (undefined) its token: the page keeps it. */
  | { kind: 'storeToken'; token: string | undefined }
  | { kind: 'closed' };

/** An envelope for a failure of the channel itself (a value structured clone cannot carry). */
export function channelError(error: unknown): Envelope<never> {
  const message = error instanceof Error ? error.message : 'the core worker could not answer';
  return { ok: false, error: { type: 'InternalError', message } };
}
