/**
 * Electron's main thread during a new desktop's first sync of the sample firm at 10× (issue 19,
 * item 2): how late a 50 ms timer on main's thread runs while the core pulls the firm into the
 * profile's SQLite file, with the core on main's thread (openCoreHost, as before) against the
 * core in its worker_thread (openWorkerCoreHost, as main.ts opens it now), in the same run. The
 * timer stands for everything else main does (IPC from the window, window events): the later it
 * runs, the longer a click or a key waited. The sync server runs in a process of its own, as it
 * would on another computer, so its work is not counted as main's. LTC_BENCH_LEADS sets the
 * firm's size (2,500 leads = 10×).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openSyncingWorkerHost } from '../main/test-support/core-host-fixture';
import { seedDemoOrganisation } from '../server/demo/seed-organisation';
import { openSyncStore } from '../server/store/index';
import { SYNC_API_PREFIX } from '../shared/sync/protocol';
import type { Benchmark, Measurement } from './measure';
import { openDesktopHost, syncAsManager } from './sample-firm-server';
import { startServerProcess } from './sync-client';

const INTERVAL_MS = 50;

interface TimerFigures {
  /** The first sync, sign-in to in sync, ms. */
  syncMs: number;
  /** How late the 50 ms timer ran at worst, and at the 95th percentile, ms. */
  maxLateMs: number;
  p95LateMs: number;
  /** Ticks over 200 ms late: a click waiting that long feels stuck. */
  stalls: number;
}

/** Runs `work` with a 50 ms interval on this thread, recording how late each tick ran. */
async function withTimer(work: () => Promise<void>): Promise<TimerFigures> {
  const lateness: number[] = [];
  let due = performance.now() + INTERVAL_MS;
  const timer = setInterval(() => {
    const now = performance.now();
    lateness.push(Math.max(0, now - due));
    due = now + INTERVAL_MS;
  }, INTERVAL_MS);
  const started = performance.now();
  try {
    await work();
  } finally {
    clearInterval(timer);
  }
  const syncMs = performance.now() - started;
  const sorted = [...lateness].sort((a, b) => a - b);
  return {
    syncMs,
    maxLateMs: sorted.at(-1) ?? 0,
    p95LateMs: sorted[Math.floor(sorted.length * 0.95)] ?? 0,
    stalls: lateness.filter((late) => late > 200).length,
  };
}

const note = (figures: TimerFigures) =>
  `p95 ${figures.p95LateMs.toFixed(1)} ms, ${figures.stalls} ticks over 200 ms late, sync ${(figures.syncMs / 1000).toFixed(1)} s`;

async function run(): Promise<Measurement[]> {
  const leads = Number(process.env.LTC_BENCH_LEADS ?? 2500);
  const dir = mkdtempSync(join(tmpdir(), 'ltc-bench-main-sync-'));
  const file = join(dir, 'sync.sqlite');
  const store = await openSyncStore({ kind: 'sqlite', file });
  const seeded = await seedDemoOrganisation(store, { language: 'zh-CN', now: Date.now(), leads });
  await store.close();
  const server = await startServerProcess({ kind: 'sqlite', file });
  const serverUrl = server.apiUrl.slice(0, -SYNC_API_PREFIX.length);
  try {
    // The core on main's thread, as main.ts hosted it before issue 19.
    const inMain = await openDesktopHost(join(dir, 'in-main'));
    const onMain = await withTimer(() => syncAsManager(inMain, { serverUrl }));
    await inMain.close();
    // The core in its worker_thread, as main.ts hosts it now.
    const inWorker = await openSyncingWorkerHost(join(dir, 'in-worker'), 'bench');
    const offMain = await withTimer(() => syncAsManager(inWorker, { serverUrl }));
    await inWorker.close();

    const size = `${leads} leads, ${seeded.documents} records`;
    const baseLate = `main's 50 ms timer, longest lateness during a first sync, core on main's thread (${size})`;
    const baseSync = `first sync, sign-in to in sync, core on main's thread (${size})`;
    return [
      { label: baseLate, medianMs: onMain.maxLateMs, repetitions: 1, note: note(onMain) },
      {
        label: `main's 50 ms timer, longest lateness during a first sync, core in its worker_thread`,
        medianMs: offMain.maxLateMs,
        repetitions: 1,
        baseline: baseLate,
        note: note(offMain),
      },
      { label: baseSync, medianMs: onMain.syncMs, repetitions: 1 },
      {
        label: 'first sync, sign-in to in sync, core in its worker_thread',
        medianMs: offMain.syncMs,
        repetitions: 1,
        baseline: baseSync,
      },
    ];
  } finally {
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

export const mainDuringSyncBenchmark: Benchmark = {
  name: "Electron main's thread during a first sync (desktop core on main's thread vs in its worker)",
  run,
};
