import fc from 'fast-check';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import { getRxStorageSqlite } from '../../main/storage/sqlite';
import { StoragePair } from './differential/storage-pair';
import { runArb } from './differential/step-arbitraries';

/**
 * Randomized differential test: random leads, random write sequences (inserts, updates with right
 * and stale revisions, deletes, tombstones, revivals), random Mango queries, counts, change-feed
 * walks, cleanups and restarts run on RxDB's memory storage (the reference) and on our SQLite
 * storage. Every observable result must be identical: write errors, change events, query results
 * in order, counts, feed pages, stored state.
 *
 * Replay a failure with STORAGE_DIFF_SEED=<seed> (and STORAGE_DIFF_PATH=<path> to skip shrinking
 * to the reported counterexample); STORAGE_DIFF_RUNS overrides the number of runs.
 */
const seed = process.env.STORAGE_DIFF_SEED;
const path = process.env.STORAGE_DIFF_PATH;
const numRuns = Number(process.env.STORAGE_DIFF_RUNS ?? 100);

describe('SQLite storage against RxDB memory storage (differential)', () => {
  let directory: string;
  beforeAll(() => {
    directory = mkdtempSync(join(tmpdir(), 'ltc-sqlite-differential-'));
  });
  afterAll(() => rmSync(directory, { recursive: true, force: true }));

  it('returns exactly what the reference returns, step by step', async () => {
    await fc.assert(
      fc.asyncProperty(runArb, async (steps) => {
        const pair = new StoragePair(
          {
            label: 'memory',
            storage: getRxStorageMemory(),
            reopen: () => getRxStorageMemory(),
          },
          {
            label: 'sqlite',
            storage: getRxStorageSqlite({ directory }),
            reopen: () => getRxStorageSqlite({ directory }),
          },
        );
        await pair.open();
        try {
          for (const step of steps) await pair.step(step);
        } finally {
          await pair.remove();
        }
      }),
      {
        numRuns,
        ...(seed === undefined ? {} : { seed: Number(seed) }),
        ...(path === undefined ? {} : { path }),
      },
    );
  }, 120_000);
});
