import { join, resolve } from 'node:path';
import { isLoopbackHost } from '../../shared/security/transport';
import type { SyncStoreConfig } from '../store/index';
import type { CertificateSource } from '../tls/certificate';

export interface ServerConfig {
  port: number;
  host: string;
  /** Where the SQLite file lives (unused with DATABASE_URL). */
  dataDir: string;
  store: SyncStoreConfig;
  /** Reverse proxies in front of the server whose X-Forwarded-For is believed (0: none). */
  trustProxy: number;
  /** Where the TLS certificate comes from, or off (loopback only, or behind a trusted proxy). */
  tls: CertificateSource | { kind: 'off' };
  /** DEFAULT_FIRM: the firm code of sign-ins that give none (a server of one firm). */
  defaultFirmCode?: string;
}

export const SQLITE_FILE_NAME = 'ltc-sync.sqlite';

/**
 * PORT (8787), HOST (127.0.0.1: a firm opens it to the office network on purpose, HOST=0.0.0.0),
 * DATA_DIR (./server-data, holding ltc-sync.sqlite), DATABASE_URL=postgres://… for PostgreSQL,
 * TRUST_PROXY=<n> behind n reverse proxies (usually 1). HTTPS by default with a certificate made
 * once and kept in DATA_DIR; TLS_CERT and TLS_KEY (PEM files) give the admin's own; TLS=off only
 * on loopback or behind a trusted proxy (TRUST_PROXY), which then carries the TLS.
 * DEFAULT_FIRM=<firm code> when the server serves one firm (its people may then leave the firm
 * code out at sign-in).
 */
export function readConfig(env: NodeJS.ProcessEnv = process.env): ServerConfig {
  const port = env.PORT ? Number(env.PORT) : 8787;
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new Error(`PORT must be a port number, not "${env.PORT}"`);
  }
  const dataDir = resolve(env.DATA_DIR || 'server-data');
  const databaseUrl = env.DATABASE_URL?.trim();
  if (databaseUrl && !/^postgres(ql)?:\/\//.test(databaseUrl)) {
    throw new Error('DATABASE_URL must be a postgres:// URL');
  }
  const host = env.HOST || '127.0.0.1';
  const trustProxy = proxyHops(env.TRUST_PROXY);
  return {
    port,
    host,
    dataDir,
    store: databaseUrl
      ? { kind: 'postgres', databaseUrl }
      : { kind: 'sqlite', file: join(dataDir, SQLITE_FILE_NAME) },
    trustProxy,
    tls: tlsSource(env, dataDir, host, trustProxy),
    ...(env.DEFAULT_FIRM?.trim() && { defaultFirmCode: env.DEFAULT_FIRM.trim() }),
  };
}

function tlsSource(
  env: NodeJS.ProcessEnv,
  dataDir: string,
  host: string,
  trustProxy: number,
): ServerConfig['tls'] {
  const mode = (env.TLS ?? '').trim().toLowerCase();
  if (mode !== '' && mode !== 'on' && mode !== 'off') {
    throw new Error(`TLS must be "on" (the default) or "off", not "${env.TLS}"`);
  }
  const certFile = env.TLS_CERT?.trim();
  const keyFile = env.TLS_KEY?.trim();
  if (mode === 'off') {
    if (certFile || keyFile) throw new Error('TLS=off cannot be combined with TLS_CERT/TLS_KEY');
    // Passwords and tokens would cross the network in clear: only where no network is crossed,
    // or where a reverse proxy the admin named (TRUST_PROXY) carries the TLS.
    if (!isLoopbackHost(host) && trustProxy === 0) {
      throw new Error(
        `TLS=off is refused on HOST=${host}: passwords would cross the network in clear. Listen on 127.0.0.1, or set TRUST_PROXY=<hops> behind a TLS reverse proxy, or drop TLS=off`,
      );
    }
    return { kind: 'off' };
  }
  if (certFile || keyFile) {
    if (!certFile || !keyFile) {
      throw new Error('TLS_CERT and TLS_KEY must be given together (PEM certificate and its key)');
    }
    return { kind: 'files', certFile: resolve(certFile), keyFile: resolve(keyFile) };
  }
  return { kind: 'self-signed', dir: dataDir };
}

/**
 * How many proxies' X-Forwarded-For entries to believe, counted from the server. Never "all":
 * a client can put any address it likes in front of the header, so trusting every hop would let
 * each guess at a password claim a new address and escape the per-address sign-in limit.
 */
function proxyHops(value: string | undefined): number {
  if (value === undefined || value.trim() === '') return 0;
  const hops = Number(value);
  if (!Number.isInteger(hops) || hops < 0 || hops > 10) {
    throw new Error(
      `TRUST_PROXY must be the number of reverse proxies in front of the server (usually 1), not "${value}": trusting every hop would let a client claim any address`,
    );
  }
  return hops;
}
