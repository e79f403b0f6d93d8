import { createSyncHandlers, type SyncService } from '../shared/api';
import type { CrmCore, CurrentUser } from '../shared/core';
import type { CertificatePinning } from '../shared/security/certificate-pin';
import { createSyncEngine } from '../shared/sync/engine';
import { actingUser } from '../shared/sync/acting-user';
import type { SyncEngine, TokenVault } from '../shared/sync/types';

export interface SyncHostOptions {
  core: CrmCore;
  /** The person at this desktop before (and after) a sign-in: records made offline are theirs. */
  localUser: CurrentUser;
  vault: TokenVault;
  /** The engine's HTTP client; tests may pass their own, the app uses the global fetch. */
  fetch?: typeof fetch;
  /** The transport rule's admin setting: plain http:// to other computers too. */
  allowPlainHttp?: boolean;
  /** Pins the server's certificate (main/tls-pinning.ts in the app). */
  pinning?: CertificatePinning;
}

export interface SyncHost {
  engine: SyncEngine;
  /** The sync commands and queries, for the host's dispatcher (withSync). */
  service: SyncService;
  close(): Promise<void>;
}

/**
 * Runs the profile database's sync engine beside the core, in the core's worker_thread of the
 * main process (main/core-worker.ts), so sync goes on while windows are closed or reloading.
 * Every sign-in and sign-out changes who the core writes as, so records created after a sign-in
 * are owned by the server user.
 */
export async function startSyncHost(options: SyncHostOptions): Promise<SyncHost> {
  const { core, localUser } = options;
  const engine = await createSyncEngine({
    database: core.database,
    vault: options.vault,
    onAccountChanged: (account) => core.setCurrentUser(actingUser(account, localUser)),
    // At sign-in, records made offline by this desktop's user are handed to the server user.
    localUser,
    ...(options.fetch ? { fetch: options.fetch } : {}),
    allowPlainHttp: options.allowPlainHttp ?? false,
    ...(options.pinning ? { pinning: options.pinning } : {}),
  });
  // The engine reports a remembered sign-in only when it changes, so the core starts as that
  // user here (before any write); until the first status arrives it is the local user.
  const stop = engine.watchStatus((status) =>
    core.setCurrentUser(actingUser(status.account, localUser)),
  );
  stop();
  let closing: Promise<void> | undefined;
  return {
    engine,
    service: createSyncHandlers(engine),
    close: () => (closing ??= engine.close()),
  };
}
