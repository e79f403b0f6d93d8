/**
 * `npm run bench`: runs every benchmark and prints, per measurement, its time (the median of its
 * repetitions unless the benchmark says otherwise) and its ratio to the baseline measured in the
 * same run (absolute times vary by machine; ratios travel), and, where a measurement has a target
 * ratio, whether it is within it. Prints only: a benchmark is never a pass/fail test. Add a
 * benchmark by adding it to the list; LTC_BENCH=<name fragment> runs only matching ones.
 */
import { analyticsBenchmark } from './analytics';
import { analyticsScaleBenchmark } from './analytics-scale';
import { boardBenchmark } from './board';
import { boardRenderBenchmark } from './board-render';
import { boardUpdateSizeBenchmark } from './board-update-size';
import { firstCardBenchmark } from './first-card';
import { firstCardDesktopBenchmark } from './first-card-desktop';
import { firstSyncDesktopBenchmark } from './first-sync-desktop';
import { mainDuringSyncBenchmark } from './main-during-sync';
import type { Benchmark, Measurement } from './measure';
import { pageDuringSyncBenchmark } from './page-during-sync';
import { scaleBenchmark } from './scale';
import { searchBenchmark } from './search';
import { storageBoardBenchmark } from './storage-board';
import { storageRxdbBenchmark } from './storage-rxdb';
import { syncServerBenchmarks } from './sync-server';

const benchmarks: Benchmark[] = [
  boardBenchmark,
  boardRenderBenchmark,
  boardUpdateSizeBenchmark,
  searchBenchmark,
  storageRxdbBenchmark,
  storageBoardBenchmark,
  ...syncServerBenchmarks,
  analyticsBenchmark,
  analyticsScaleBenchmark,
  firstCardBenchmark,
  firstCardDesktopBenchmark,
  firstSyncDesktopBenchmark,
  mainDuringSyncBenchmark,
  pageDuringSyncBenchmark,
  scaleBenchmark,
];

function ratioCell(row: Measurement, byLabel: Map<string, Measurement>): string {
  const base = row.baseline ? byLabel.get(row.baseline) : undefined;
  if (base) return `${(row.medianMs / base.medianMs).toFixed(2)}×`;
  return [...byLabel.values()].some((r) => r.baseline === row.label) ? '1.00× (baseline)' : '—';
}

function targetCell(row: Measurement, byLabel: Map<string, Measurement>): string {
  const base = row.baseline ? byLabel.get(row.baseline) : undefined;
  if (!row.targetRatio || !base) return '';
  const within = row.medianMs / base.medianMs <= row.targetRatio;
  return `≤ ${row.targetRatio}×: ${within ? 'within' : 'OVER'}`;
}

function table(rows: Measurement[]): string {
  const byLabel = new Map(rows.map((r) => [r.label, r]));
  const targets = rows.some((r) => r.targetRatio);
  const notes = rows.some((r) => r.note);
  const lines = [
    [
      'measurement',
      'ms',
      'runs',
      'ratio to baseline',
      ...(targets ? ['target'] : []),
      ...(notes ? ['note'] : []),
    ],
  ];
  for (const row of rows) {
    lines.push([
      row.label,
      row.medianMs.toFixed(2),
      String(row.repetitions),
      ratioCell(row, byLabel),
      ...(targets ? [targetCell(row, byLabel)] : []),
      ...(notes ? [row.note ?? ''] : []),
    ]);
  }
  const widths = lines[0]!.map((_, i) => Math.max(...lines.map((l) => l[i]!.length)));
  return lines.map((l) => l.map((cell, i) => cell.padEnd(widths[i]!)).join('  ')).join('\n');
}

console.log(`LTC Desk benchmarks — node ${process.version}, ${new Date().toISOString()}`);
const only = process.env.LTC_BENCH?.toLowerCase();
for (const benchmark of benchmarks.filter((b) => !only || b.name.toLowerCase().includes(only))) {
  console.log(`\n## ${benchmark.name}\n`);
  console.log(table(await benchmark.run()));
}
