/**
 * A new desktop's first sync (issue 19, item 3), in Node on the profile's SQLite file: sign in and
 * pull the whole sample firm (LTC_BENCH_LEADS, 250 = 1×) from a real sync server on 127.0.0.1,
 * through the host's own bridge, against a bulk insert of the very documents it ended with into a
 * fresh profile's same collections (the same storage, no sync). Also how late a 10 ms timer ran
 * in the process meanwhile: the desktop's main process must stay responsive while sync runs.
 * Target: first sync ≤ 3× the bulk insert.
 */
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import type { RxCollection, RxDocumentData } from 'rxdb';
import type { CoreHost } from '../main/core-host';
import { median, type Benchmark, type Measurement } from './measure';
import { profileFile, profileSize, type ProfileSize } from './profile-size';
import {
  openDesktopHost,
  startSampleFirmServer,
  syncAsManager,
  type SampleFirmServer,
} from './sample-firm-server';

const REPETITIONS = 3;

type StoredDoc = RxDocumentData<Record<string, unknown>>;

/**
 * Every stored document of every collection that holds any, as the storage keeps it (revision and
 * meta included): what the pull wrote, and what the baseline writes again in one bulk write per
 * collection, straight into the storage as the replication does (no hooks: the collections' own
 * insert hooks refuse server-stamped fields, which only a pull may bring).
 */
async function contents(host: CoreHost): Promise<Map<string, StoredDoc[]>> {
  const out = new Map<string, StoredDoc[]>();
  for (const [name, collection] of Object.entries(host.core.database.collections)) {
    const docs = await collection.find().exec();
    if (docs.length > 0)
      out.set(
        name,
        docs.map((doc) => doc.toMutableJSON(true) as unknown as StoredDoc),
      );
  }
  return out;
}

/** Runs `work` and reports its ms and the event loop's longest delay meanwhile (ms). */
async function timed(work: () => Promise<void>): Promise<{ ms: number; maxDelayMs: number }> {
  const delay = monitorEventLoopDelay({ resolution: 10 });
  delay.enable();
  const started = performance.now();
  await work();
  const ms = performance.now() - started;
  // One more tick of the monitor's timer, so that a stall just before the end is recorded.
  await new Promise((resolve) => setTimeout(resolve, 20));
  delay.disable();
  return { ms, maxDelayMs: delay.max / 1e6 };
}

export interface FirstSyncFigures {
  /** Medians, ms: sign-in to in sync, and the bulk insert of the same documents. */
  sync: number;
  insert: number;
  /** Medians of the event loop's longest delay during each, ms. */
  syncDelay: number;
  insertDelay: number;
  documents: number;
  /** The last round's profiles on disk: synced, and the same documents bulk-inserted. */
  syncedSize: ProfileSize;
  insertedSize: ProfileSize;
}

/** A new desktop's first sync from `server`, and the bulk insert it is read against. */
export async function firstSyncFigures(
  server: SampleFirmServer,
  repetitions = REPETITIONS,
): Promise<FirstSyncFigures> {
  const samples = { sync: [] as number[], insert: [] as number[] };
  const delays = { sync: [] as number[], insert: [] as number[] };
  let documents = 0;
  let sizes: { synced: ProfileSize; inserted: ProfileSize } | undefined;
  // One more run than counted: the first warms file caches and the JIT.
  for (let i = 0; i <= repetitions; i++) {
    const synced = await openDesktopHost(join(server.dir, `synced-${i}`));
    const sync = await timed(() => syncAsManager(synced, server));
    const pulled = await contents(synced);
    await synced.close();

    const fresh = await openDesktopHost(join(server.dir, `inserted-${i}`), false);
    const insert = await timed(async () => {
      const collections: Record<string, RxCollection> = fresh.core.database.collections;
      for (const [name, docs] of pulled) {
        const result = await collections[name]!.storageInstance.bulkWrite(
          docs.map((document) => ({ document })),
          'bench-bulk-insert',
        );
        if (result.error.length > 0)
          throw new Error(`bulk insert into ${name}: ${JSON.stringify(result.error[0])}`);
      }
    });
    await fresh.close();
    if (i === repetitions) {
      sizes = {
        synced: profileSize(profileFile(join(server.dir, `synced-${i}`))),
        inserted: profileSize(profileFile(join(server.dir, `inserted-${i}`))),
      };
    }
    rmSync(join(server.dir, `synced-${i}`), { recursive: true, force: true });
    rmSync(join(server.dir, `inserted-${i}`), { recursive: true, force: true });
    documents = [...pulled.values()].reduce((sum, docs) => sum + docs.length, 0);
    if (i === 0) continue;
    samples.sync.push(sync.ms);
    samples.insert.push(insert.ms);
    delays.sync.push(sync.maxDelayMs);
    delays.insert.push(insert.maxDelayMs);
  }
  return {
    sync: median(samples.sync),
    insert: median(samples.insert),
    syncDelay: median(delays.sync),
    insertDelay: median(delays.insert),
    documents,
    syncedSize: sizes!.synced,
    insertedSize: sizes!.inserted,
  };
}

async function run(): Promise<Measurement[]> {
  const server = await startSampleFirmServer('first-sync');
  let figures: FirstSyncFigures;
  try {
    figures = await firstSyncFigures(server);
  } finally {
    await server.close();
  }
  const { documents } = figures;
  const size = `${server.leads} leads, ${server.documents} records on the server, ${documents} documents pulled`;
  const insertLabel = `desktop: bulk insert of the same documents into a fresh profile (${size})`;
  const delayLabel = 'desktop: longest event-loop delay during the bulk insert';
  const { syncedSize: synced, insertedSize: inserted } = figures;
  return [
    { label: insertLabel, medianMs: figures.insert, repetitions: REPETITIONS },
    {
      label: `desktop: first sync, sign-in to in sync (${size})`,
      medianMs: figures.sync,
      repetitions: REPETITIONS,
      baseline: insertLabel,
      targetRatio: 3,
      note: sizeNote(synced, inserted),
    },
    { label: delayLabel, medianMs: figures.insertDelay, repetitions: REPETITIONS },
    {
      label: 'desktop: longest event-loop delay during the first sync',
      medianMs: figures.syncDelay,
      repetitions: REPETITIONS,
      baseline: delayLabel,
    },
  ];
}

const MB = (bytes: number) => `${(bytes / 1e6).toFixed(1)} MB`;

/** The synced profile's file against the bulk-inserted one's, and what the difference is. */
export function sizeNote(synced: ProfileSize, inserted: ProfileSize): string {
  const ratio = (synced.file / inserted.file).toFixed(2);
  const { collections, meta, other } = synced.parts;
  return (
    `on disk ${MB(synced.file)} vs ${MB(inserted.file)} (${ratio}×): ` +
    `collections ${MB(collections)} vs ${MB(inserted.parts.collections)}, ` +
    `replication meta ${MB(meta)}, other ${MB(other)} vs ${MB(inserted.parts.other)}`
  );
}

export const firstSyncDesktopBenchmark: Benchmark = {
  name: 'First sync of a new desktop (desktop core, SQLite)',
  run,
};
