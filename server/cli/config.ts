import { join, resolve } from 'node:path';
import type { SyncStoreConfig } from '../store/index';

export interface ServerConfig {
  port: number;
  host: string;
  /** Where the SQLite file lives (unused with DATABASE_URL). */
  dataDir: string;
  store: SyncStoreConfig;
  trustProxy: boolean;
}

export const SQLITE_FILE_NAME = 'ltc-sync.sqlite';

/**
 * PORT (8787), HOST (127.0.0.1: a firm opens it to the office network on purpose, HOST=0.0.0.0),
 * DATA_DIR (./server-data, holding ltc-sync.sqlite), DATABASE_URL=postgres://… for PostgreSQL,
 * TRUST_PROXY=1 behind a reverse proxy.
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
  return {
    port,
    host: env.HOST || '127.0.0.1',
    dataDir,
    store: databaseUrl
      ? { kind: 'postgres', databaseUrl }
      : { kind: 'sqlite', file: join(dataDir, SQLITE_FILE_NAME) },
    trustProxy: env.TRUST_PROXY === '1' || env.TRUST_PROXY === 'true',
  };
}
