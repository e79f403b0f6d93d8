/**
 * Trust on first use for the sync server's certificate. The office server makes its own
 * certificate, which no authority vouches for; instead the person compares its fingerprint with
 * the one the admin gives them (`npm run server -- fingerprint`) at the first sign-in, and from
 * then on this profile talks only to a server presenting that very certificate. A different one
 * is refused until someone trusts it again on purpose: it is either a new certificate the admin
 * announces, or someone in between.
 */

/** SHA-256 of a certificate, colon-separated upper-case hex ("AB:CD:…", 32 pairs). */
export const FINGERPRINT = /^([0-9A-F]{2}:){31}[0-9A-F]{2}$/;

/** What a host that can pin offers the engine (Node: main/tls-pinning.ts; a browser cannot). */
export interface CertificatePinning {
  /** The fingerprint of the certificate the server at this https:// address presents now. */
  fingerprint(serverUrl: string): Promise<string>;
  /** A fetch that talks only to a server presenting this certificate: anything else fails closed. */
  pinnedFetch(fingerprint: string): typeof fetch;
}

export const CERTIFICATE_CHANGED = 'LTC_CERTIFICATE_CHANGED';

/** The server presented another certificate than the pinned one; nothing was sent. */
export class CertificateChangedError extends Error {
  readonly code = CERTIFICATE_CHANGED;
  constructor(
    readonly pinned: string,
    readonly presented: string,
  ) {
    super(
      `The server's certificate changed: trusted ${pinned}, presented ${presented}. Nothing was sent; sign in again to check the new fingerprint with your administrator.`,
    );
    this.name = 'CertificateChangedError';
  }
}

/** The pin mismatch behind an error, however deep the fetch wrapped it. */
export function certificateChangeIn(error: unknown): CertificateChangedError | undefined {
  for (let current = error, depth = 0; current && depth < 5; depth += 1) {
    if (current instanceof CertificateChangedError) return current;
    const candidate = current as { code?: unknown; pinned?: unknown; presented?: unknown };
    if (
      candidate.code === CERTIFICATE_CHANGED &&
      typeof candidate.pinned === 'string' &&
      typeof candidate.presented === 'string'
    ) {
      return new CertificateChangedError(candidate.pinned, candidate.presented);
    }
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}
