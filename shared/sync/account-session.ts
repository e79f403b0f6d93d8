import type { RxCollection } from 'rxdb';
import { COLLECTION_SCHEMAS } from '../schema/collections';
import { PLAIN_HTTP_REFUSED } from '../security/transport';
import type { SyncEngineOptions } from './engine-options';
import { createSyncHttpClient, normaliseServerUrl, type SyncHttpError } from './http-client';
import { reownRecords } from './local-records';
import type { SyncLocalState, SyncLocalStore } from './local-state';
import type { ServerTrust } from './server-trust';
import { SyncSession, type SessionHooks } from './session';
import { accountOf, logIn } from './sign-in';
import { SignInError, type SignInRequest, type SyncAccount } from './types';

/** The server epoch kept in the sync settings (epoch-recovery.ts). */
export interface EpochSetting {
  current(): string | undefined;
  /** A pull saw another epoch: kept for the next session. */
  seen(epoch: string): void;
  /** Another server's (or organisation's) epoch means nothing at a new sign-in. */
  forget(): Promise<void>;
}

export interface AccountSessionParts {
  options: SyncEngineOptions;
  store: SyncLocalStore;
  now: () => number;
  trust: ServerTrust;
  epoch: EpochSetting;
  /**
   * A session's hooks into the engine's other parts; the 401 and the epoch are this class's.
   * onChange also follows a change of account; onProgress also follows a new session.
   */
  hooks: Omit<SessionHooks, 'now' | 'onUnauthorized' | 'onEpoch'>;
}

/**
 * Who is signed in where, and the session that syncs for them: one RxDB replication per
 * collection (session.ts), started at sign-in or with the stored token, stopped at sign-out or
 * when the server ends it.
 */
export class AccountSession {
  private current: SyncSession | undefined;
  private signedIn: SyncAccount | undefined;
  private reason: string | undefined;

  constructor(private readonly parts: AccountSessionParts) {}

  get session(): SyncSession | undefined {
    return this.current;
  }

  get account(): SyncAccount | undefined {
    return this.signedIn;
  }

  /** Why the engine is signed out while it keeps the account (the server ended the session). */
  get signedOutReason(): string | undefined {
    return this.reason;
  }

  load(state: SyncLocalState['account']): void {
    this.signedIn = state.account ?? undefined;
    this.reason = state.signedOutReason;
  }

  /** Syncs again with the stored token, if there is one to use; says whether it started. */
  async resume(): Promise<boolean> {
    const account = this.signedIn;
    const token = account ? await this.parts.options.vault.load() : undefined;
    if (!account || !token || this.reason) return false;
    this.start(account, token);
    return true;
  }

  async signIn(request: SignInRequest): Promise<SyncAccount> {
    const { options, store, trust } = this.parts;
    let serverUrl: string;
    try {
      serverUrl = normaliseServerUrl(request.serverUrl);
    } catch (error) {
      throw new SignInError('notASyncServer', (error as Error).message);
    }
    if (trust.refuses(serverUrl)) {
      throw new SignInError('insecureTransport', PLAIN_HTTP_REFUSED);
    }
    const pin = await trust.certificateToPin(serverUrl, request.trustFingerprint);
    const client = createSyncHttpClient({
      serverUrl,
      fetch: trust.fetchPinnedTo(pin),
      timeoutMs: options.requestTimeoutMs,
    });
    const login = await logIn(client, store, serverUrl, request);
    const { user } = login;
    const account = accountOf(serverUrl, user);
    await this.stop();
    await trust.remember(serverUrl, pin);
    await options.vault.save(login.token);
    await store.update('account', () => ({ account }));
    await this.parts.epoch.forget();
    this.signedIn = account;
    this.reason = undefined;
    options.onAccountChanged?.(account);
    try {
      if (options.localUser) {
        // Before the first push: the server only accepts a rep's records that the rep owns.
        await reownRecords(
          this.syncedCollections(),
          options.localUser,
          { id: user.id, name: user.name },
          this.parts.now(),
        );
      }
    } finally {
      // Signed in either way (a record left unowned shows up as a sync problem, not lost).
      this.start(account, login.token);
      this.parts.hooks.onChange();
    }
    return { ...account };
  }

  /**
   * Stops sync and forgets the token, revoking it on the server when it can be reached (and
   * every session of the person first when `everywhere`). The stored account is the caller's.
   */
  async signOut(everywhere: boolean | undefined): Promise<void> {
    const { options } = this.parts;
    const session = this.current;
    const token = await options.vault.load();
    const client =
      session && token
        ? createSyncHttpClient({
            serverUrl: session.options.account.serverUrl,
            token: () => token,
            fetch: session.options.fetch,
            timeoutMs: 5000,
          })
        : undefined;
    if (everywhere) {
      // Asked to end the other devices' sessions too (a lost laptop): that needs the server, so
      // it is done first, and a failure leaves this device signed in to say so.
      if (!client) throw new Error('Not signed in to a sync server');
      await client.logoutEverywhere();
    }
    await this.stop();
    // Revoke the token on the server when it can be reached; signing out never waits on it long.
    if (client && !everywhere) await client.logout().catch(() => undefined);
    await options.vault.clear();
    this.signedIn = undefined;
    this.reason = undefined;
  }

  /** 401 anywhere (the token is gone), or a certificate other than the pinned one. */
  async handleUnauthorized(session: SyncSession, error: SyncHttpError): Promise<void> {
    if (session !== this.current || session.isStopped()) return;
    await this.stop();
    await this.parts.options.vault.clear();
    const reason =
      error.kind === 'certificate'
        ? error.message
        : `Signed out by the server (${error.message}); sign in again to sync.`;
    this.reason = reason;
    await this.parts.store.update('account', (current) => ({
      ...current,
      signedOutReason: reason,
    }));
    this.parts.hooks.onChange();
  }

  async stop(): Promise<void> {
    const session = this.current;
    this.current = undefined;
    if (session) await session.stop();
  }

  private syncedCollections(): RxCollection[] {
    const database = this.parts.options.database;
    const names = this.parts.options.collections ?? Object.keys(COLLECTION_SCHEMAS);
    return names.flatMap((name) => {
      const collection = database.collections[name] as RxCollection | undefined;
      return collection ? [collection] : [];
    });
  }

  private start(account: SyncAccount, token: string): void {
    const { options, trust, epoch } = this.parts;
    if (trust.refuses(account.serverUrl)) {
      // Remembered from before the rule (or before the admin withdrew the setting): the token
      // stays unsent, and the person signs in again over https://.
      this.reason = PLAIN_HTTP_REFUSED;
      return;
    }
    const fetch = trust.fetchFor(account.serverUrl);
    if (fetch === 'unpinned') {
      // Signed in before certificates were pinned: the certificate is compared at a new sign-in.
      this.reason = 'Sign in again to check the server’s certificate.';
      return;
    }
    const stored = epoch.current();
    const session: SyncSession = new SyncSession({
      account,
      token,
      collections: this.syncedCollections(),
      fetch,
      timeoutMs: options.requestTimeoutMs,
      backoff: options.backoff,
      retryTimeMs: options.retryTimeMs ?? 500,
      ...(stored !== undefined && { epoch: stored }),
      hooks: {
        ...this.parts.hooks,
        now: this.parts.now,
        onUnauthorized: (error) => void this.handleUnauthorized(session, error),
        onEpoch: (seen) => epoch.seen(seen),
      },
    });
    this.current = session;
    this.parts.hooks.onProgress();
  }
}
