/**
 * The transport rule, written once: a sync server is talked to over https://. Plain http://
 * carries passwords and 30-day tokens in clear, so it is refused unless the server is this very
 * computer (loopback never leaves the machine) or an administrator allowed it on purpose. The
 * engine checks it before sending anything, the sign-in dialog before offering to connect, and
 * the server before it agrees to listen without TLS.
 */

/** localhost, *.localhost, 127.0.0.0/8 and ::1 (with or without brackets, or IPv4-mapped). */
export function isLoopbackHost(host: string): boolean {
  const name = host
    .trim()
    .toLowerCase()
    .replace(/^\[(.*)\]$/, '$1')
    .replace(/\.$/, '');
  if (name === 'localhost' || name.endsWith('.localhost')) return true;
  if (name === '::1' || name === '0:0:0:0:0:0:0:1') return true;
  const v4 = name.replace(/^::ffff:/, '');
  const parts = v4.split('.');
  return (
    parts.length === 4 &&
    parts[0] === '127' &&
    parts.every((part) => /^\d{1,3}$/.test(part) && Number(part) <= 255)
  );
}

/**
 * An address as people write it on a sticky note ("192.168.1.10:8787") means https://: the
 * server serves TLS by default. Only an explicit "http://" asks for plain HTTP.
 */
export function withDefaultScheme(address: string): string {
  const text = address.trim();
  return /^[a-z][a-z0-9+.-]*:\/\//i.test(text) ? text : `https://${text}`;
}

export interface TransportPolicy {
  /** An administrator's setting (LTC_ALLOW_PLAIN_HTTP=1 on the desktop) allowing http:// anywhere. */
  allowPlainHttp: boolean;
}

/** Why an address is refused: plain http:// to another computer. Undefined when allowed. */
export type TransportRefusal = 'plainHttp';

export function transportRefusal(
  serverUrl: string,
  policy: TransportPolicy,
): TransportRefusal | undefined {
  let url: URL;
  try {
    url = new URL(withDefaultScheme(serverUrl));
  } catch {
    // Not an address at all: the address check names that, not this rule.
    return undefined;
  }
  if (url.protocol !== 'http:') return undefined;
  if (policy.allowPlainHttp || isLoopbackHost(url.hostname)) return undefined;
  return 'plainHttp';
}

export const PLAIN_HTTP_REFUSED =
  'Plain http:// is only allowed to this computer (localhost); use https:// (an administrator can allow http:// with LTC_ALLOW_PLAIN_HTTP=1)';
