/**
 * Setup for the 'core-sqlite' vitest project: the core's own tests (shared/core/**) run again,
 * unchanged, on the project's SQLite storage instead of RxDB's memory storage. Each test file gets
 * its own temporary folder; every database name there is one SQLite file.
 */
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, expect } from 'vitest';
import { getRxStorageSqlite } from '../../main/storage/sqlite';

const directory = mkdtempSync(path.join(tmpdir(), 'ltc-core-sqlite-'));
let storagesMade = 0;
globalThis.__ltcTestStorage = () => {
  storagesMade += 1;
  return getRxStorageSqlite({ directory });
};

afterAll(() => {
  globalThis.__ltcTestStorage = undefined;
  try {
    // Every core test file opens databases: if none landed in SQLite files, the hook was bypassed
    // and this project silently re-ran the memory-storage tests.
    expect(storagesMade).toBeGreaterThan(0);
    expect(readdirSync(directory).filter((f) => f.endsWith('.sqlite')).length).toBeGreaterThan(0);
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
});
