/**
 * `npm run bench`: runs every benchmark and prints, per measurement, its median and its ratio to
 * the baseline measured in the same run (absolute times vary by machine; ratios travel). Prints
 * only: a benchmark is never a pass/fail test. Add a benchmark by adding it to the list.
 */
import { boardBenchmark } from './board';
import type { Benchmark, Measurement } from './measure';

const benchmarks: Benchmark[] = [boardBenchmark];

function table(rows: Measurement[]): string {
  const byLabel = new Map(rows.map((r) => [r.label, r]));
  const lines = [['measurement', 'median ms', 'runs', 'ratio to baseline']];
  for (const row of rows) {
    const base = row.baseline ? byLabel.get(row.baseline) : undefined;
    const ratio = base ? `${(row.medianMs / base.medianMs).toFixed(2)}×` : '1.00× (baseline)';
    lines.push([row.label, row.medianMs.toFixed(2), String(row.repetitions), ratio]);
  }
  const widths = lines[0]!.map((_, i) => Math.max(...lines.map((l) => l[i]!.length)));
  return lines.map((l) => l.map((cell, i) => cell.padEnd(widths[i]!)).join('  ')).join('\n');
}

console.log(`LTC Desk benchmarks — node ${process.version}, ${new Date().toISOString()}`);
for (const benchmark of benchmarks) {
  console.log(`\n## ${benchmark.name}\n`);
  console.log(table(await benchmark.run()));
}
