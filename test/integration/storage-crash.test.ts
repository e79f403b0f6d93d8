/**
 * Crash safety of the SQLite storage: a child process (test/crash/writer.ts) writes continuously
 * and reports every acknowledged bulkWrite; this test kills it with SIGKILL at random moments —
 * while it writes, and now and then while it is still opening (creating tables in a fresh file) —
 * and after every kill reopens the file. Every acknowledged write must be there with at least its
 * revision, and SQLite's integrity check must say ok. Directories are reused across kills, so later
 * writers open files that survived earlier kills.
 *
 * Random but replayable: the seed is printed, and LTC_CRASH_SEED=<seed> runs the same schedule.
 */
import Database from 'better-sqlite3';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { getHeightOfRevision } from 'rxdb';
import { afterAll, describe, expect, it } from 'vitest';
import {
  CRASH_DATABASE,
  LINE,
  openCrashNotes,
  seededRandom,
  type AcknowledgedWrite,
  type Synchronous,
} from '../crash/crash-documents';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const WRITER = path.join(ROOT, 'test/crash/writer.ts');
/** 6 folders × 4 kills = 24 kills; each folder's later writers reopen a killed file. */
const FOLDERS = 6;
const KILLS_PER_FOLDER = 4;
const SEED = Number(process.env.LTC_CRASH_SEED ?? Date.now() % 1_000_000);

const scratch = mkdtempSync(path.join(tmpdir(), 'ltc-crash-'));
const children = new Set<ChildProcess>();
afterAll(() => {
  for (const child of children) child.kill('SIGKILL');
  rmSync(scratch, { recursive: true, force: true });
});

interface KilledWriter {
  acknowledged: AcknowledgedWrite[];
  failures: string[];
  /** Whether the kill came after the writer had opened the storage. */
  wasWriting: boolean;
}

/**
 * Runs one writer and kills it: `killWhileOpening` kills it within a few ms of it starting to open
 * the storage; otherwise a random 20-600 ms after it is ready, while it writes.
 */
function runAndKill(
  directory: string,
  synchronous: Synchronous,
  seed: number,
  killWhileOpening: boolean,
  delayMs: number,
): Promise<KilledWriter> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', WRITER, directory, synchronous, String(seed)],
    {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  children.add(child);
  const result: KilledWriter = { acknowledged: [], failures: [], wasWriting: false };
  let pending = '';
  let stderr = '';
  const kill = () => setTimeout(() => child.kill('SIGKILL'), delayMs);
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  child.stdout!.on('data', (chunk: Buffer) => {
    pending += chunk.toString();
    const lines = pending.split('\n');
    // A line cut by the kill has no newline yet: it was never fully reported, so it is ignored.
    pending = lines.pop()!;
    for (const line of lines) {
      const [kind, ...rest] = line.split(' ');
      const body = rest.join(' ');
      if (kind === LINE.opening && killWhileOpening) kill();
      else if (kind === LINE.ready) {
        result.wasWriting = true;
        if (!killWhileOpening) kill();
      } else if (kind === LINE.ack)
        result.acknowledged.push(...(JSON.parse(body) as AcknowledgedWrite[]));
      else if (kind === LINE.fail) result.failures.push(body);
    }
  });
  return new Promise((resolve, reject) => {
    // A writer that never gets as far as its scheduled kill is a failure, not a crash to check.
    const watchdog = setTimeout(() => {
      result.failures.push(`no kill point reached in 30 s: ${stderr}`);
      child.kill('SIGKILL');
    }, 30_000);
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(watchdog);
      children.delete(child);
      if (signal !== 'SIGKILL') result.failures.push(`exited with ${code}: ${stderr}`);
      resolve(result);
    });
  });
}

/** Reopens the storage and SQLite's own view of the file after a kill. */
async function checkAfterKill(
  directory: string,
  synchronous: Synchronous,
  acknowledged: Map<string, AcknowledgedWrite>,
) {
  const notes = await openCrashNotes(directory, synchronous);
  try {
    const stored = new Map(
      (await notes.findDocumentsById([...acknowledged.keys()], true)).map((doc) => [doc.id, doc]),
    );
    const lost: string[] = [];
    for (const [id, ack] of acknowledged) {
      const doc = stored.get(id);
      const height = doc ? getHeightOfRevision(doc._rev) : 0;
      const ackHeight = getHeightOfRevision(ack.rev);
      const same = doc?._rev === ack.rev;
      if (!doc || height < ackHeight || (same && (doc.n !== ack.n || doc._deleted !== ack.deleted)))
        lost.push(`${id}: acknowledged ${ack.rev} (n=${ack.n}), found ${doc?._rev ?? 'nothing'}`);
    }
    // A second connection, as any SQLite tool would open the file, while the storage has it open.
    const raw = new Database(path.join(directory, `${CRASH_DATABASE}.sqlite`), { readonly: true });
    try {
      const integrity = raw.pragma('integrity_check', { simple: false }) as {
        integrity_check: string;
      }[];
      return { lost, integrity: integrity.map((row) => row.integrity_check) };
    } finally {
      raw.close();
    }
  } finally {
    await notes.close();
  }
}

describe('SQLite storage crash safety (SIGKILL)', () => {
  it(`keeps every acknowledged write and an intact file across ${FOLDERS * KILLS_PER_FOLDER} kills (seed ${SEED})`, async () => {
    const random = seededRandom(SEED);
    let kills = 0;
    let writingKills = 0;
    let acknowledgedTotal = 0;
    for (let folder = 0; folder < FOLDERS; folder++) {
      const directory = path.join(scratch, `folder-${folder}`);
      // FULL on some folders, NORMAL on the others: both must survive a process crash.
      const synchronous: Synchronous = folder % 2 === 0 ? 'NORMAL' : 'FULL';
      const acknowledged = new Map<string, AcknowledgedWrite>();
      for (let round = 0; round < KILLS_PER_FOLDER; round++) {
        // Every folder's second writer is killed while it opens the file the first left behind
        // (a kill then can leave a hot journal: the case that once made the next open fail);
        // the others at random, one in five.
        const whileOpening = round === 1 || random() < 0.2;
        const delayMs = whileOpening ? Math.floor(random() * 25) : 20 + Math.floor(random() * 580);
        const run = await runAndKill(
          directory,
          synchronous,
          Math.floor(random() * 2 ** 31),
          whileOpening,
          delayMs,
        );
        const where = `folder ${folder} round ${round} (${synchronous}, ${whileOpening ? 'opening' : 'writing'} +${delayMs} ms)`;
        expect(run.failures, where).toEqual([]);
        kills += 1;
        if (run.wasWriting) writingKills += 1;
        acknowledgedTotal += run.acknowledged.length;
        for (const ack of run.acknowledged) acknowledged.set(ack.id, ack);

        const { lost, integrity } = await checkAfterKill(directory, synchronous, acknowledged);
        expect(lost, where).toEqual([]);
        expect(integrity, where).toEqual(['ok']);
      }
    }
    // The schedule must mostly hit writers mid-write (timing decides: a writer slow to start is
    // killed before it writes), and they must have acknowledged writes to lose.
    expect(writingKills).toBeGreaterThanOrEqual(kills / 2);
    expect(acknowledgedTotal).toBeGreaterThan(kills * 10);
  }, 180_000);
});
