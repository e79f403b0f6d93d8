/**
 * Issue 19's scale suite: what a person waits for, with the sample firm at 1×, 10× and 50×
 * (250, 2,500 and 12,500 leads; LTC_BENCH_SCALES=1,10 picks others), each figure printed against
 * the same figure at 1× measured in the same run: the growth the issue asks to keep flat. In the
 * desktop core in Node, on the profile's SQLite file, from a real sync server on 127.0.0.1:
 * reopening a synced profile to its first card (sync on and off), a new desktop's first sync and
 * the event loop's longest delay meanwhile, and the first sync against a bulk insert of the same
 * documents. The board update size and the first search keystroke have their own scale benches
 * (board-update-size.ts, search-first-keystroke.ts), as analytics has (analytics*.ts).
 */
import { firstCardFigures } from './first-card-desktop';
import { firstSyncFigures, sizeNote } from './first-sync-desktop';
import type { Benchmark, Measurement } from './measure';
import { startSampleFirmServer } from './sample-firm-server';

const LEADS_AT_1X = 250;
/** Fewer repetitions than the single-size benches: the 50× firm takes minutes per round. */
const REPETITIONS = 3;

interface AtScale {
  times: number;
  records: number;
  figures: { name: string; ms: number }[];
  /** The synced profile on disk against the same documents bulk-inserted. */
  size: string;
}

async function measureAt(times: number): Promise<AtScale> {
  const server = await startSampleFirmServer(`scale-${times}x`, LEADS_AT_1X * times);
  try {
    const card = await firstCardFigures(server, REPETITIONS);
    const sync = await firstSyncFigures(server, REPETITIONS);
    return {
      times,
      records: server.documents,
      figures: [
        { name: 'first card on open, sync off', ms: card.off },
        { name: 'first card on open, sync on', ms: card.on },
        { name: 'first sync, sign-in to in sync', ms: sync.sync },
        { name: 'bulk insert of the same documents', ms: sync.insert },
        { name: 'longest event-loop delay during the first sync', ms: sync.syncDelay },
      ],
      size: sizeNote(sync.syncedSize, sync.insertedSize),
    };
  } finally {
    await server.close();
  }
}

async function run(): Promise<Measurement[]> {
  const scales = (process.env.LTC_BENCH_SCALES ?? '1,10,50').split(',').map(Number);
  const results: AtScale[] = [];
  for (const times of scales) results.push(await measureAt(times));
  const base = results[0]!;
  const label = (at: AtScale, name: string) =>
    `desktop ${at.times}× (${at.records.toLocaleString('en')} records): ${name}`;
  const rows: Measurement[] = [];
  for (const { name } of base.figures) {
    for (const at of results) {
      const figure = at.figures.find((f) => f.name === name)!;
      rows.push({
        label: label(at, name),
        medianMs: figure.ms,
        repetitions: REPETITIONS,
        ...(at === base ? {} : { baseline: label(base, name) }),
      });
    }
  }
  // And the first sync read against the bulk insert at each size (issue 19's target: ≤ 3×).
  for (const at of results) {
    const insert = at.figures.find((f) => f.name === 'bulk insert of the same documents')!;
    const sync = at.figures.find((f) => f.name === 'first sync, sign-in to in sync')!;
    rows.push({
      label: `${label(at, 'first sync')}, against its bulk insert`,
      medianMs: sync.ms,
      repetitions: REPETITIONS,
      baseline: label(at, insert.name),
      targetRatio: 3,
      note: at.size,
    });
  }
  return rows;
}

export const scaleBenchmark: Benchmark = {
  name: 'Scale suite: 1×, 10×, 50× the sample firm (desktop core), growth against 1×',
  run,
};
