import type { RxDatabase } from 'rxdb';
import type { CurrentUser } from '../core/context';
import type { CertificatePinning } from '../security/certificate-pin';
import type { BackoffOptions } from './connectivity';
import type { SyncAccount, TokenVault } from './types';

export interface SyncEngineOptions {
  // Any database with the synced collections and local documents on (openLtcDatabase).
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  database: RxDatabase<any>;
  vault: TokenVault;
  /** After sign-in (the server user) and sign-out (undefined): the host sets the core's user. */
  onAccountChanged?: (account: SyncAccount | undefined) => void;
  fetch?: typeof fetch;
  /** Clock for conflict times, lastSyncedAt and the reminder. */
  now?: () => number;
  /** Default: every LTC collection the database has. */
  collections?: readonly string[];
  /** The device's local profile; at sign-in its records are handed to the server user. */
  localUser?: CurrentUser;
  /** Per-request timeout (default 30 s). */
  requestTimeoutMs?: number;
  /** Waits between failed attempts (default 1 s doubling to 60 s). */
  backoff?: BackoffOptions;
  /** RxDB's own pause between retries, on top of the backoff (default 500 ms). */
  retryTimeMs?: number;
  /** An administrator's setting: plain http:// to other computers too (the transport rule). */
  allowPlainHttp?: boolean;
  /**
   * Pins the https:// server's certificate at the first sign-in and talks only to it after
   * (main/tls-pinning.ts in Node). Absent in a browser, which cannot pin: its own TLS checks rule.
   */
  pinning?: CertificatePinning;
}
