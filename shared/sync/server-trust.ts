import type { CertificatePinning } from '../security/certificate-pin';
import { transportRefusal } from '../security/transport';
import type { SyncLocalState, SyncLocalStore } from './local-state';
import { SignInError } from './types';

export interface ServerTrustOptions {
  fetch?: typeof fetch;
  /** An administrator's setting: plain http:// to other computers too (the transport rule). */
  allowPlainHttp?: boolean;
  /** Absent in a browser, which cannot pin: its own TLS checks rule. */
  pinning?: CertificatePinning;
}

/**
 * Which servers this device talks to, and how: the transport rule (shared/security/transport.ts)
 * and trust on first use of an https:// server's certificate, whose pins live in the sync state.
 */
export class ServerTrust {
  private pins: SyncLocalState['trust']['pins'] = {};

  constructor(
    private readonly store: SyncLocalStore,
    private readonly options: ServerTrustOptions,
  ) {}

  load(state: SyncLocalState['trust']): void {
    this.pins = state.pins;
  }

  /** The transport rule, checked before anything is sent. */
  refuses(serverUrl: string): boolean {
    return (
      transportRefusal(serverUrl, { allowPlainHttp: this.options.allowPlainHttp ?? false }) !==
      undefined
    );
  }

  /**
   * The fetch for a server: pinned to its trusted certificate where this host pins and the
   * address is https://; undefined when there is no pin to hold it to (fail closed).
   */
  fetchFor(serverUrl: string): typeof fetch | undefined | 'unpinned' {
    const pinning = this.options.pinning;
    if (!pinning || !serverUrl.startsWith('https:')) return this.options.fetch;
    const pin = this.pins[serverUrl];
    return pin ? pinning.pinnedFetch(pin) : 'unpinned';
  }

  /** The fetch a sign-in uses: held to the certificate it is to pin, if any. */
  fetchPinnedTo(pin: string | undefined): typeof fetch | undefined {
    return pin ? this.options.pinning?.pinnedFetch(pin) : this.options.fetch;
  }

  /**
   * Trust on first use: the fingerprint the sign-in is held to. It is the pinned one, or the one
   * the person compared and trusts (first sign-in, or a change the admin confirmed); anything
   * else stops the sign-in before a password is sent, with both fingerprints to show.
   */
  async certificateToPin(
    serverUrl: string,
    trusted: string | undefined,
  ): Promise<string | undefined> {
    const pinning = this.options.pinning;
    if (!pinning || !serverUrl.startsWith('https:')) return undefined;
    let presented: string;
    try {
      presented = await pinning.fingerprint(serverUrl);
    } catch (error) {
      throw new SignInError('unreachable', error instanceof Error ? error.message : String(error));
    }
    const pinned = this.pins[serverUrl];
    if (presented === pinned || presented === trusted) return presented;
    throw pinned
      ? new SignInError(
          'certificateChanged',
          `The server's certificate changed: trusted ${pinned}, presented ${presented}`,
          { serverUrl, presented, pinned },
        )
      : new SignInError(
          'untrustedCertificate',
          `First sign-in to ${serverUrl}: compare the certificate fingerprint ${presented}`,
          { serverUrl, presented },
        );
  }

  /** After a sign-in that was held to `pin`: the server's certificate is trusted from now on. */
  async remember(serverUrl: string, pin: string | undefined): Promise<void> {
    if (!pin || this.pins[serverUrl] === pin) return;
    this.pins = { ...this.pins, [serverUrl]: pin };
    await this.store.update('trust', (current) => ({
      pins: { ...current.pins, [serverUrl]: pin },
    }));
  }
}
