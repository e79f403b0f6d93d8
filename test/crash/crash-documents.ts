/**
 * What the crash-safety writer (writer.ts, a child process) and its parent test
 * (test/integration/storage-crash.test.ts) agree on: the collection, its schema, and the line
 * protocol on the child's stdout.
 */
import { fillWithDefaultSettings, type RxJsonSchema } from 'rxdb';
import { getRxStorageSqlite } from '../../main/storage/sqlite';

export const CRASH_DATABASE = 'crash';
export const CRASH_COLLECTION = 'notes';
/** Writes pick from this many ids, so later writes are mostly updates of earlier ones. */
export const CRASH_DOCUMENT_IDS = Array.from(
  { length: 300 },
  (_, i) => `note-${String(i).padStart(4, '0')}`,
);

export interface CrashNote {
  id: string;
  /** Writes of this document so far: 1 for the insert, then +1 per update or delete. */
  n: number;
  group: string;
  /** Random length, so rows spill over pages and the WAL grows past checkpoints. */
  payload: string;
}

export const crashSchema: RxJsonSchema<CrashNote> = {
  version: 0,
  primaryKey: 'id',
  type: 'object',
  properties: {
    id: { type: 'string', maxLength: 20 },
    n: { type: 'integer', minimum: 0, maximum: 1_000_000_000, multipleOf: 1 },
    group: { type: 'string', maxLength: 10 },
    payload: { type: 'string' },
  },
  required: ['id', 'n', 'group', 'payload'],
  // Index columns are written in the same transaction as the document: cover them too.
  indexes: ['group', ['group', 'n']],
};

export type Synchronous = 'NORMAL' | 'FULL';

/** Opens the notes collection on the project's SQLite storage in `directory`. */
export function openCrashNotes(directory: string, synchronous: Synchronous) {
  return getRxStorageSqlite({ directory, synchronous }).createStorageInstance<CrashNote>({
    databaseInstanceToken: `crash-${process.pid}-${Date.now()}`,
    databaseName: CRASH_DATABASE,
    collectionName: CRASH_COLLECTION,
    schema: fillWithDefaultSettings(crashSchema),
    options: {},
    multiInstance: false,
    devMode: false,
  });
}

export type CrashNotesInstance = Awaited<ReturnType<typeof openCrashNotes>>;

/** One acknowledged document write: its revision, and `n` to tell same-height revisions apart. */
export interface AcknowledgedWrite {
  id: string;
  rev: string;
  n: number;
  deleted: boolean;
}

/** Child → parent, one per line. */
export const LINE = {
  opening: 'OPENING',
  ready: 'READY',
  /** `ACK <json AcknowledgedWrite[]>`, printed only after bulkWrite's promise resolved. */
  ack: 'ACK',
  /** `FAIL <message>`: the writer hit something that is not a crash (a conflict, an error). */
  fail: 'FAIL',
} as const;

/** mulberry32: a small seeded PRNG, so a failing run can be replayed from its seed. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
