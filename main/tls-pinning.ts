import { connect as tlsConnect, TLSSocket } from 'node:tls';
import { Agent, buildConnector, fetch as undiciFetch } from 'undici';
import {
  CertificateChangedError,
  type CertificatePinning,
} from '../shared/security/certificate-pin';

const PROBE_TIMEOUT_MS = 10_000;

/**
 * Certificate pinning in Node (the desktop's main process, and tests): the certificate is
 * compared with the pin on every new connection, after the handshake and before a byte of the
 * request is written. No authority is consulted (the office server's certificate is its own);
 * the pin is the trust. TLS sessions are not resumed, so every connection shows its certificate.
 */
export function nodeCertificatePinning(): CertificatePinning {
  return { fingerprint: presentedFingerprint, pinnedFetch };
}

/** Connects, reads the certificate's fingerprint and hangs up; sends nothing. */
export function presentedFingerprint(serverUrl: string): Promise<string> {
  const url = new URL(serverUrl);
  if (url.protocol !== 'https:') throw new Error(`${serverUrl} is not an https:// address`);
  const host = url.hostname.replace(/^\[(.*)\]$/, '$1');
  return new Promise((resolve, reject) => {
    const socket = tlsConnect({
      host,
      port: Number(url.port || 443),
      // SNI takes names only; an address is sent without.
      ...(/^[\d.]+$|:/.test(host) ? {} : { servername: host }),
      rejectUnauthorized: false,
      timeout: PROBE_TIMEOUT_MS,
    });
    socket.once('secureConnect', () => {
      const fingerprint = socket.getPeerCertificate().fingerprint256;
      socket.end();
      if (fingerprint) resolve(fingerprint);
      else reject(new Error('the server presented no certificate'));
    });
    socket.once('timeout', () => socket.destroy(new Error('the server did not answer in time')));
    socket.once('error', reject);
  });
}

function pinnedFetch(pin: string): typeof fetch {
  const base = buildConnector({ rejectUnauthorized: false, maxCachedSessions: 0 });
  const dispatcher = new Agent({
    connect: (options, callback) => {
      base(options, (error, socket) => {
        if (error) {
          callback(error, null);
          return;
        }
        // Fail closed: a plain socket, or a certificate other than the pinned one, is refused.
        const presented =
          socket instanceof TLSSocket ? socket.getPeerCertificate().fingerprint256 : undefined;
        if (presented !== pin) {
          socket.destroy();
          callback(new CertificateChangedError(pin, presented ?? '(no certificate)'), null);
          return;
        }
        callback(null, socket);
      });
    },
  });
  // undici's fetch is the one Node ships, typed on its own; the shapes the engine uses agree.
  return ((input: string | URL, init?: RequestInit) =>
    undiciFetch(input, {
      ...(init as Parameters<typeof undiciFetch>[1]),
      dispatcher,
    })) as unknown as typeof fetch;
}
