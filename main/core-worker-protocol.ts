import type { BridgeToCore, CoreToBridge } from '../shared/api';
import type { CurrentUser } from '../shared/core';
import type { DatabaseFromNewerVersion, UnreadableDatabaseMovedAside } from './profile-database';

/*
 * The messages between Electron's main (main/core-port.ts) and its core's worker_thread
 * (main/core-worker.ts), all plain data for structured clone: the bridge's own, shared with the
 * web build's worker (shared/api/port-protocol.ts), plus opening and closing the core and the
 * sync token, which main keeps because safeStorage exists only there.
 */

/** What the core is opened with: the core host's options that are plain data. */
export interface CoreWorkerOpening {
  userDataDir: string;
  osUsername: string;
  devMode: boolean;
  /** With sync, and whether plain http:// may reach other computers (LTC_ALLOW_PLAIN_HTTP). */
  sync: { allowPlainHttp: boolean } | undefined;
}

/** One call on the token vault main keeps for the worker's sync engine. */
export type VaultRequest = { op: 'load' } | { op: 'save'; token: string } | { op: 'clear' };

export type MainToCore =
  | BridgeToCore
  | { kind: 'open'; opening: CoreWorkerOpening }
  /** Main's answer to a `vault` request: the loaded token (load), or why it failed. */
  | { kind: 'vaultAnswer'; id: number; ok: true; token: string | undefined }
  | { kind: 'vaultAnswer'; id: number; ok: false; message: string }
  /** Closes the core (sync first); answered with `closed`, then the worker ends by itself. */
  | { kind: 'close' };

export type CoreToMain =
  | CoreToBridge
  | {
      kind: 'opened';
      user: CurrentUser;
      databaseFile: string;
      notice: UnreadableDatabaseMovedAside | undefined;
    }
  /** A newer version's database: left untouched, the core not opened. */
  | { kind: 'openRefused'; problem: DatabaseFromNewerVersion }
  | { kind: 'openFailed'; message: string }
  /** The sync engine asks main to load, save or clear its token, kept in `file`. */
  | { kind: 'vault'; id: number; file: string; request: VaultRequest }
  /** A refusal, failure or warning for main's log (never a command's arguments). */
  | { kind: 'log'; message: string }
  | { kind: 'closed' };

/** What main hands the worker: its end of the core's MessagePort. */
export interface CoreWorkerData {
  port: MessagePort;
}
