/**
 * Reopening a synced desktop profile (issue 19, item 1), in Node: from openCoreHost to the
 * opportunity board's first result with a card, on the profile's SQLite file, with sync on against
 * the same profile with sync off (its token file moved aside). The firm is the sample firm at 1×
 * (LTC_BENCH_LEADS for another size) on a real sync server on 127.0.0.1, synced into the profile
 * once through the host's own bridge. Opens alternate on/off. Target: sync on within 1.2×.
 */
import { renameSync } from 'node:fs';
import { join } from 'node:path';
import { SYNC_TOKEN_FILE, type CoreHost } from '../main/core-host';
import type { OpportunityBoard } from '../shared/api';
import { median, type Benchmark, type Measurement } from './measure';
import {
  ok,
  openDesktopHost,
  startSampleFirmServer,
  syncAsManager,
  type SampleFirmServer,
} from './sample-firm-server';

const REPETITIONS = 7;

/** Opens the profile and returns the ms until the board's first result that shows a card. */
async function openToFirstCard(userDataDir: string): Promise<{ ms: number; host: CoreHost }> {
  const started = performance.now();
  const host = await openDesktopHost(userDataDir);
  await new Promise<void>((resolve, reject) => {
    const stop = host.bridge.subscribe('board/opportunities', {}, (message) => {
      if (!message.ok) return reject(new Error(message.error.message));
      const board = message.value as OpportunityBoard;
      if (board.columns.some((column) => column.cards.length > 0)) {
        queueMicrotask(() => stop());
        resolve();
      }
    });
  });
  return { ms: performance.now() - started, host };
}

/** Medians of reopening the synced profile to its first card, sync on and sync off (ms). */
export async function firstCardFigures(
  server: SampleFirmServer,
  repetitions = REPETITIONS,
): Promise<{ on: number; off: number }> {
  const userData = join(server.dir, 'desktop-first-card');
  const first = await openDesktopHost(userData);
  await syncAsManager(first, server);
  const tokenFile = join(first.databaseFile, '..', SYNC_TOKEN_FILE);
  await first.close();

  const on: number[] = [];
  const off: number[] = [];
  for (let i = 0; i <= repetitions; i++) {
    const synced = await openToFirstCard(userData);
    // Closed once synced, as a person's laptop would be, so no open carries the last's sync.
    await ok(synced.host.bridge.invoke('sync/now', {}));
    await synced.host.close();
    renameSync(tokenFile, `${tokenFile}.aside`);
    const unsynced = await openToFirstCard(userData);
    await unsynced.host.close();
    renameSync(`${tokenFile}.aside`, tokenFile);
    // The first pair is not counted: file caches and the JIT warm up.
    if (i > 0) {
      on.push(synced.ms);
      off.push(unsynced.ms);
    }
  }
  return { on: median(on), off: median(off) };
}

async function run(): Promise<Measurement[]> {
  const server = await startSampleFirmServer('desktop-card');
  try {
    const { on, off } = await firstCardFigures(server);
    const size = `${server.leads} leads, ${server.documents} records`;
    const offLabel = `desktop: first card on open, sync off (${size})`;
    return [
      { label: offLabel, medianMs: off, repetitions: REPETITIONS },
      {
        label: `desktop: first card on open, sync on (${size})`,
        medianMs: on,
        repetitions: REPETITIONS,
        baseline: offLabel,
        targetRatio: 1.2,
      },
    ];
  } finally {
    await server.close();
  }
}

export const firstCardDesktopBenchmark: Benchmark = {
  name: 'Reopening a synced profile (desktop core)',
  run,
};
