/**
 * One app start for the first-keystroke benchmark, in a process of its own so the first search
 * is the process's first, as when a person opens the app: opens the core on the SQLite file named
 * by argv, waits as a person glances at the board, types, then types again at typing pace; prints
 * the times as one JSON line.
 */
import { getRxStorageSqlite } from '../main/storage/sqlite';
import type { SearchHit } from '../shared/api/search-contract';
import { openCrmCore, type CrmCore } from '../shared/core/index';
import { searchIndexOf } from '../shared/core/search-index';

const [directory, databaseName, typed] = process.argv.slice(2) as [string, string, string];
const IDLE_MS = Number(process.env.LTC_BENCH_SEARCH_IDLE_MS ?? 3_000);
const LATER = 9;
/** Between two keystrokes of a person typing. */
const TYPING_MS = 150;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The process's user CPU time of each keystroke: wall clock measures a shared machine's load. */
const cpu: number[] = [];

function keystroke(core: CrmCore): Promise<number> {
  const started = performance.now();
  const cpuStarted = process.cpuUsage();
  return new Promise((resolve, reject) => {
    const stop = core.service.queries['search/quick'](
      { text: typed },
      (hits: SearchHit[]) => {
        const ms = performance.now() - started;
        cpu.push(process.cpuUsage(cpuStarted).user / 1_000);
        if (hits.length === 0) reject(new Error(`"${typed}" found nothing in the sample firm`));
        queueMicrotask(() => stop());
        resolve(ms);
      },
      reject,
    );
  });
}

const core = await openCrmCore({
  storage: getRxStorageSqlite({ directory }),
  databaseName,
  currentUser: { id: 'bench-user', name: '基准' },
});
await sleep(IDLE_MS);
const first = await keystroke(core);
const later: number[] = [];
for (let i = 0; i < LATER; i++) {
  await sleep(TYPING_MS);
  later.push(await keystroke(core));
}
const build = searchIndexOf(core.database).buildStats;
await core.close();
console.log(JSON.stringify({ first, later, build, cpu }));
