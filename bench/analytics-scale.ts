/**
 * Analytics at scale (issue 19, item 4), in the desktop core on its SQLite file: the sample firm
 * at 1× and 10× (and 50× with LTC_BENCH_ANALYTICS_SCALES=1,10,50) is imported once; then, a few
 * times, a fresh process opens the core, sits idle as a person glances at the board, and opens
 * the dashboard for this quarter (analytics-open-child.ts). Printed: the first result's time as a
 * ratio to 1× (target at 50×: ≤ 3×), and memory after the dashboard as a ratio to memory after
 * open (heap used after a full GC; target ≤ 1.5×), RSS in the note.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { importSampleFirm } from './sample-firm';
import { median, type Benchmark, type Measurement } from './measure';

const OPENS = 3;
const CHILD = join(import.meta.dirname, 'analytics-open-child.ts');

interface Start {
  openMs: number;
  firstMs: number;
  /** The process's user CPU time meanwhile: what the load of a shared machine leaves out. */
  firstCpuMs: number;
  afterOpen: { heapMb: number; rssMb: number };
  afterDashboard: { heapMb: number; rssMb: number };
  wip: number;
  build: { slices: number; longestSliceMs: number; totalMs: number; readyAtIdleEnd: boolean };
}

function startApp(directory: string): Start {
  const out = execFileSync(
    process.execPath,
    ['--expose-gc', '--import', 'tsx', CHILD, directory, 'firm'],
    { encoding: 'utf8', maxBuffer: 16 * 2 ** 20 },
  );
  return JSON.parse(out.trim().split('\n').at(-1)!) as Start;
}

/** How many starts found the store's build still running 3 s after open (the bench waited). */
function notReady(starts: Start[]): string {
  const late = starts.filter((s) => !s.build.readyAtIdleEnd).length;
  return late === 0 ? '' : ` (${late} of ${starts.length} not done 3 s after open: waited for)`;
}

const FIRST_1X = 'analytics 1×: the dashboard’s first result after the app opens';
const FIRST_CPU_1X = 'analytics 1×: the first result’s CPU time (user, whole process)';

async function scale(times: number): Promise<Measurement[]> {
  const directory = mkdtempSync(join(tmpdir(), 'ltc-bench-analytics-'));
  try {
    const records = await importSampleFirm(directory, 250 * times);
    const starts = Array.from({ length: OPENS }, () => startApp(directory));
    const mb = (pick: (s: Start) => number) => median(starts.map(pick)).toFixed(0);
    const afterOpen = `analytics ${times}×: heap after open (MB, shown as ms)`;
    return [
      {
        label:
          times === 1 ? FIRST_1X : `analytics ${times}×: the dashboard’s first result after open`,
        medianMs: median(starts.map((s) => s.firstMs)),
        repetitions: OPENS,
        ...(times === 1 ? {} : { baseline: FIRST_1X, ...(times === 50 ? { targetRatio: 3 } : {}) }),
        note:
          `${records.toLocaleString('en')} records; core open ${mb((s) => s.openMs)} ms; ` +
          `${starts[0]!.wip} open deals; store built in the background in ${mb((s) => s.build.totalMs)} ms, ` +
          `longest slice ${mb((s) => s.build.longestSliceMs)} ms` +
          notReady(starts),
      },
      {
        label: times === 1 ? FIRST_CPU_1X : `analytics ${times}×: the first result’s CPU time`,
        medianMs: median(starts.map((s) => s.firstCpuMs)),
        repetitions: OPENS,
        ...(times === 1 ? {} : { baseline: FIRST_CPU_1X }),
      },
      {
        label: afterOpen,
        medianMs: median(starts.map((s) => s.afterOpen.heapMb)),
        repetitions: OPENS,
        note: `RSS ${mb((s) => s.afterOpen.rssMb)} MB`,
      },
      {
        label: `analytics ${times}×: heap after the dashboard (MB, shown as ms)`,
        medianMs: median(starts.map((s) => s.afterDashboard.heapMb)),
        repetitions: OPENS,
        baseline: afterOpen,
        targetRatio: 1.5,
        note: `RSS ${mb((s) => s.afterDashboard.rssMb)} MB`,
      },
    ];
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
}

export const analyticsScaleBenchmark: Benchmark = {
  name: 'analytics at scale',
  async run(): Promise<Measurement[]> {
    const scales = (process.env.LTC_BENCH_ANALYTICS_SCALES ?? '1,10').split(',').map(Number);
    const rows: Measurement[] = [];
    for (const times of scales) rows.push(...(await scale(times)));
    return rows;
  },
};
