/**
 * One app start for the analytics scale benchmark, in a process of its own so the dashboard's
 * first result is the process's first and its memory is the process's own: opens the core on the
 * SQLite file named by argv, waits as a person glances at the board (and, if it is not done yet,
 * for the analytics store's background build), measures memory (heap used after a full GC, and
 * RSS), opens the dashboard for this quarter (the screen's default), waits
 * for its first result, and measures memory again with the dashboard still open. Prints one JSON
 * line. Run with --expose-gc.
 */
import { getRxStorageSqlite } from '../main/storage/sqlite';
import type { Dashboard } from '../shared/analytics';
import { analyticsStoreOf } from '../shared/core/analytics-store';
import { openCrmCore } from '../shared/core/index';
import { presetPeriod } from '../renderer/analytics/period';

const [directory, databaseName] = process.argv.slice(2) as [string, string];
const IDLE_MS = Number(process.env.LTC_BENCH_ANALYTICS_IDLE_MS ?? 3_000);

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function memory(): { heapMb: number; rssMb: number } {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) throw new Error('run with --expose-gc');
  gc();
  gc();
  const m = process.memoryUsage();
  return { heapMb: m.heapUsed / 2 ** 20, rssMb: m.rss / 2 ** 20 };
}

const opened = performance.now();
const core = await openCrmCore({
  storage: getRxStorageSqlite({ directory }),
  databaseName,
  currentUser: { id: 'bench-user', name: '基准' },
});
const openMs = performance.now() - opened;
await sleep(IDLE_MS);
// Opened means its background work is done too: the analytics store's build (it starts 1 s
// after the core opens; its time is printed beside the figures, so a slow build shows).
const store = analyticsStoreOf(core.database);
const readyAtIdleEnd = store.isReady;
await store.ready();
const afterOpen = memory();
const { from, to } = presetPeriod('quarter', Date.now());
const started = performance.now();
// The process's CPU time too: on a machine shared with other work, wall clock measures the load.
const cpuStarted = process.cpuUsage();
let stop = () => {};
const dashboard = await new Promise<Dashboard>((resolve, reject) => {
  stop = core.service.queries['analytics/dashboard'](
    { from, to, utcOffsetMinutes: -new Date(from).getTimezoneOffset() },
    resolve,
    reject,
  );
});
const firstMs = performance.now() - started;
const firstCpuMs = process.cpuUsage(cpuStarted).user / 1_000;
// A person looks at the dashboard: the throttled recomputations, if any, settle.
await sleep(1_000);
const afterDashboard = memory();
const build = { ...store.buildStats, readyAtIdleEnd };
stop();
await core.close();
const opportunities = dashboard.flows.find((f) => f.phase === 'opportunity');
console.log(
  JSON.stringify({
    openMs,
    firstMs,
    firstCpuMs,
    afterOpen,
    afterDashboard,
    build,
    wip: Object.values(opportunities?.wip ?? {}).reduce((a, b) => a + b, 0),
  }),
);
