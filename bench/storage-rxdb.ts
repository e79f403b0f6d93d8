/**
 * RxDB's own storage benchmark (`runPerformanceTests` from rxdb/plugins/test-utils, the one behind
 * RxDB's published storage comparison), run in one process for the project's SQLite storage (in a
 * temp folder) and for RxDB's memory storage, the baseline. Each figure is what
 * runPerformanceTests reports: the mean over its runs with the slowest 5% dropped, not a median.
 *
 * The targets are the ratios to memory that RxDB's paid SQLite storage publishes for itself
 * (issue 3); ours must be at or below each. LTC_BENCH_RXDB_RUNS sets the runs per storage
 * (default 10; RxDB's own default is 40).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { RxStorage } from 'rxdb';
import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import { runPerformanceTests } from 'rxdb/plugins/test-utils';
import { getRxStorageSqlite } from '../main/storage/sqlite';
import type { Benchmark, Measurement } from './measure';

const RUNS = Number(process.env.LTC_BENCH_RXDB_RUNS ?? 10);

/** runPerformanceTests' result keys, in its order, with a readable name and the issue's target. */
const FIGURES: { key: string; name: string; target?: number }[] = [
  { key: 'time-to-first-insert', name: 'time to first insert' },
  { key: 'insert-documents-500', name: 'bulk insert 500', target: 28 },
  { key: 'find-by-ids-3000', name: 'find 3000 by id', target: 5 },
  { key: 'serial-inserts-50', name: 'serial insert 50', target: 7 },
  { key: 'serial-find-by-id-50', name: 'serial find 50 by id', target: 5 },
  { key: 'find-by-query', name: 'find 3000 by query', target: 7 },
  { key: 'find-by-query-parallel-4', name: '4 parallel queries', target: 5 },
  { key: '4x-count', name: '4× count', target: 7 },
  { key: 'property-access', name: 'property access' },
];
/** Result keys that describe the run rather than time it. */
const NOT_TIMES = new Set(['description', 'collectionsAmount', 'docsAmount']);

// Any RxStorage fits; their internals types differ.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
async function timesOf(storage: RxStorage<any, any>, description: string) {
  // One untimed run first, so neither storage pays for warming up code the other then reuses.
  await runPerformanceTests(storage, description, { runs: 1, log: false });
  const result = await runPerformanceTests(storage, description, { runs: RUNS, log: false });
  return new Map(
    Object.entries(result).filter(
      (entry): entry is [string, number] =>
        !NOT_TIMES.has(entry[0]) && typeof entry[1] === 'number',
    ),
  );
}

async function run(): Promise<Measurement[]> {
  const directory = mkdtempSync(path.join(tmpdir(), 'ltc-bench-rxdb-'));
  try {
    const memory = await timesOf(getRxStorageMemory(), 'memory');
    const sqlite = await timesOf(getRxStorageSqlite({ directory }), 'ltc-sqlite');
    // Figures this RxDB version reports beyond the known ones are printed too, without target.
    const known = new Set(FIGURES.map((f) => f.key));
    const figures = [
      ...FIGURES,
      ...[...memory.keys()]
        .filter((k) => !known.has(k))
        .map((key): (typeof FIGURES)[number] => ({ key, name: key })),
    ].filter((figure) => memory.has(figure.key) && sqlite.has(figure.key));
    return figures.flatMap(({ key, name, target }): Measurement[] => {
      const baseline = `memory: ${name}`;
      return [
        { label: baseline, medianMs: memory.get(key)!, repetitions: RUNS },
        {
          label: `SQLite: ${name}`,
          medianMs: sqlite.get(key)!,
          repetitions: RUNS,
          baseline,
          ...(target ? { targetRatio: target } : {}),
        },
      ];
    });
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
}

export const storageRxdbBenchmark: Benchmark = {
  name: `RxDB runPerformanceTests: SQLite storage vs memory storage (${RUNS} runs each; means without the slowest 5%, as RxDB reports them)`,
  run,
};
