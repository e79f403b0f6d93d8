/** Small timing helpers shared by the benchmarks. */

export interface Measurement {
  /** What was timed. */
  label: string;
  /** Median over the repetitions, in milliseconds. */
  medianMs: number;
  repetitions: number;
  /** The measurement this one is compared with (same run), if any. */
  baseline?: string;
  /** The ratio to the baseline this measurement should stay at or below, if there is one. */
  targetRatio?: number;
  /** Figures that are not a time (throughput, error counts), printed beside the row. */
  note?: string;
}

export interface Benchmark {
  name: string;
  /** Prints nothing itself; returns its measurements for the runner's table. */
  run(): Promise<Measurement[]>;
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

export interface RepeatOptions {
  repetitions: number;
  /** Runs first and not counted, so JIT warm-up and leftover garbage do not skew the median. */
  warmup?: number;
  /** Label of the measurement this one is compared with. */
  baseline?: string;
  targetRatio?: number;
}

/** Runs `once` warmup + repetitions times; each call returns its own elapsed milliseconds. */
export async function repeat(
  label: string,
  { repetitions, warmup = 0, baseline, targetRatio }: RepeatOptions,
  once: (i: number) => Promise<number>,
): Promise<Measurement> {
  const times: number[] = [];
  for (let i = 0; i < warmup + repetitions; i++) {
    const elapsed = await once(i);
    if (i >= warmup) times.push(elapsed);
  }
  return {
    label,
    medianMs: median(times),
    repetitions,
    ...(baseline ? { baseline } : {}),
    ...(targetRatio ? { targetRatio } : {}),
  };
}
