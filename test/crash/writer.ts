/**
 * The crash-safety writer: `node --import tsx test/crash/writer.ts <directory> <NORMAL|FULL>
 * <seed>`. Opens the notes collection on the SQLite storage and writes forever (inserts, updates,
 * deletes, a few documents per bulkWrite), printing one ACK line per bulkWrite only after its
 * promise resolved. The parent kills it with SIGKILL; it never closes the storage on purpose.
 */
import { createRevision, now, type RxDocumentData } from 'rxdb';
import {
  CRASH_DOCUMENT_IDS,
  LINE,
  openCrashNotes,
  seededRandom,
  type AcknowledgedWrite,
  type CrashNote,
  type Synchronous,
} from './crash-documents';

const [directory, synchronous, seedText] = process.argv.slice(2);
if (!directory || (synchronous !== 'NORMAL' && synchronous !== 'FULL') || !seedText) {
  console.error('usage: writer.ts <directory> <NORMAL|FULL> <seed>');
  process.exit(2);
}
const random = seededRandom(Number(seedText));
const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
// A writer the parent forgot (or could not) kill must not run for ever.
setTimeout(() => process.exit(3), 60_000).unref();

function nextState(id: string, previous: RxDocumentData<CrashNote> | undefined, token: string) {
  const n = (previous?.n ?? 0) + 1;
  const base = {
    id,
    n,
    group: pick(['north', 'south', 'east', 'west']),
    payload: `${id}#${n}:`.padEnd(Math.floor(random() * 3000) + 8, 'x'),
    _attachments: {},
    _meta: { lwt: now() },
    // A deleted note comes back on its next write, as a deleted-then-restored record would.
    _deleted: previous !== undefined && !previous._deleted && random() < 0.1,
  };
  return { ...base, _rev: createRevision(token, previous) } as RxDocumentData<CrashNote>;
}

async function main(dir: string, level: Synchronous): Promise<void> {
  console.log(LINE.opening);
  const notes = await openCrashNotes(dir, level);
  const token = `writer-${process.pid}`;
  // The writer continues from whatever survived earlier kills.
  const state = new Map(
    (await notes.findDocumentsById(CRASH_DOCUMENT_IDS, true)).map((doc) => [doc.id, doc]),
  );
  console.log(`${LINE.ready} ${state.size}`);
  for (;;) {
    const ids = new Set(
      Array.from({ length: 1 + Math.floor(random() * 6) }, () => pick(CRASH_DOCUMENT_IDS)),
    );
    const rows = [...ids].map((id) => {
      const previous = state.get(id);
      return { previous, document: nextState(id, previous, token) };
    });
    const result = await notes.bulkWrite(rows, 'crash-writer');
    if (result.error.length > 0) {
      console.log(
        `${LINE.fail} ${JSON.stringify(result.error.map((e) => [e.status, e.documentId]))}`,
      );
      process.exit(1);
    }
    const acknowledged: AcknowledgedWrite[] = rows.map(({ document }) => {
      state.set(document.id, document);
      return { id: document.id, rev: document._rev, n: document.n, deleted: document._deleted };
    });
    console.log(`${LINE.ack} ${JSON.stringify(acknowledged)}`);
  }
}

main(directory, synchronous).catch((error: unknown) => {
  console.log(`${LINE.fail} ${error instanceof Error ? error.stack : String(error)}`);
  process.exit(1);
});
