/**
 * The first keystroke against a later one (issue 19, item 4), in the desktop core on its SQLite
 * file: the sample firm at 1× and 10× is imported once; then, five times, a fresh process opens
 * the core, sits idle for as long as a person glances at the board, and asks 'search/quick' for
 * "sz" (苏州…): the first keystroke; then the same search at typing pace, each closed before the
 * next as the app bar does: later keystrokes (search-keystrokes-child.ts). Target: first within
 * 2× a later one. The note gives the background build's time and its longest slice.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { importSampleFirm } from './sample-firm';
import { median, type Measurement } from './measure';

const OPENS = 5;
const TYPED = 'sz';
const CHILD = join(import.meta.dirname, 'search-keystrokes-child.ts');

interface Start {
  first: number;
  later: number[];
  build?: { slices: number; longestSliceMs: number; totalMs: number };
  /** User CPU time of each keystroke, the first one first. */
  cpu?: number[];
}

function startApp(directory: string): Start {
  const out = execFileSync(process.execPath, ['--import', 'tsx', CHILD, directory, 'firm', TYPED], {
    encoding: 'utf8',
  });
  return JSON.parse(out.trim().split('\n').at(-1)!) as Start;
}

async function scale(times: number): Promise<Measurement[]> {
  const directory = mkdtempSync(join(tmpdir(), 'ltc-bench-search-'));
  try {
    const records = await importSampleFirm(directory, 250 * times);
    const starts = Array.from({ length: OPENS }, () => startApp(directory));
    const builds = starts.flatMap((s) => (s.build ? [s.build] : []));
    const base = `search ${times}× (${records.toLocaleString('en')} records): a later keystroke`;
    return [
      {
        label: base,
        medianMs: median(starts.flatMap((s) => s.later)),
        repetitions: starts.reduce((n, s) => n + s.later.length, 0),
      },
      {
        label: `search ${times}×: the first keystroke after the app opens`,
        medianMs: median(starts.map((s) => s.first)),
        repetitions: OPENS,
        baseline: base,
        targetRatio: 2,
        ...(builds.length > 0
          ? {
              note:
                `index built in the background in ${median(builds.map((b) => b.totalMs)).toFixed(0)} ms; ` +
                `longest slice per start: median ${median(builds.map((b) => b.longestSliceMs)).toFixed(1)} ms, ` +
                `max ${Math.max(...builds.map((b) => b.longestSliceMs)).toFixed(1)} ms (wall clock)`,
            }
          : {}),
      },
      ...cpuRows(times, starts),
    ];
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
}

/** The same first-against-later in CPU time: on a shared machine wall clock measures its load. */
function cpuRows(times: number, starts: Start[]): Measurement[] {
  const cpu = starts.flatMap((s) => (s.cpu ? [s.cpu] : []));
  if (cpu.length === 0) return [];
  const later = `search ${times}×: a later keystroke’s CPU time`;
  return [
    { label: later, medianMs: median(cpu.flatMap((c) => c.slice(1))), repetitions: cpu.length },
    {
      label: `search ${times}×: the first keystroke’s CPU time`,
      medianMs: median(cpu.map((c) => c[0]!)),
      repetitions: cpu.length,
      baseline: later,
      targetRatio: 2,
    },
  ];
}

/** Rows for 1× (250 leads) and 10× (2,500 leads); LTC_BENCH_SEARCH_SCALES=1,10,50 adds 50×. */
export async function firstKeystrokeRows(): Promise<Measurement[]> {
  const scales = (process.env.LTC_BENCH_SEARCH_SCALES ?? '1,10').split(',').map(Number);
  const rows: Measurement[] = [];
  for (const times of scales) rows.push(...(await scale(times)));
  return rows;
}
