import {
  createRevision,
  fillWithDefaultSettings,
  type BulkWriteRow,
  type RxJsonSchema,
} from 'rxdb';
import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import { describe, expect, it } from 'vitest';
import { slicedWrites } from './sliced-writes';

interface Doc {
  id: string;
  n: number;
}

const schema = {
  version: 0,
  primaryKey: 'id',
  type: 'object',
  properties: { id: { type: 'string', maxLength: 40 }, n: { type: 'number' } },
  required: ['id', 'n'],
} as const;

async function instance(name: string) {
  const storage = slicedWrites(getRxStorageMemory(), 100);
  return storage.createStorageInstance<Doc>({
    databaseInstanceToken: 'token',
    databaseName: name,
    collectionName: 'docs',
    schema: fillWithDefaultSettings(schema as unknown as RxJsonSchema<Doc>),
    options: {},
    multiInstance: false,
    devMode: false,
  });
}

const row = (n: number): BulkWriteRow<Doc> => ({
  document: {
    id: `doc-${String(n).padStart(4, '0')}`,
    n,
    _deleted: false,
    _attachments: {},
    _rev: createRevision('token'),
    _meta: { lwt: Date.now() },
  },
});

describe('slicedWrites (big writes in slices, the thread given back between them)', () => {
  it('writes every row, a slice per bulkWrite, and gives the thread back between slices', async () => {
    const docs = await instance('sliced-all');
    const slices: number[] = [];
    docs.changeStream().subscribe((bulk) => slices.push(bulk.events.length));
    let ranBetween = false;
    setImmediate(() => (ranBetween = slices.length > 0 && slices.length < 3));
    const written = await docs.bulkWrite(
      Array.from({ length: 250 }, (_, n) => row(n)),
      'test',
    );
    expect(written.error).toEqual([]);
    expect(slices).toEqual([100, 100, 50]);
    // Work queued before the write ran while it was under way, between two slices.
    expect(ranBetween).toBe(true);
    const stored = await docs.findDocumentsById(['doc-0000', 'doc-0249'], false);
    expect(stored.map((d) => d.n)).toEqual([0, 249]);
    await docs.remove();
  });

  it('returns the errors of every slice', async () => {
    const docs = await instance('sliced-errors');
    await docs.bulkWrite([row(5), row(205)], 'first');
    // Inserting them again (no previous revision) conflicts, one in the first slice, one in the third.
    const written = await docs.bulkWrite(
      Array.from({ length: 250 }, (_, n) => row(n)),
      'again',
    );
    expect(written.error.map((e) => [e.status, e.documentId])).toEqual([
      [409, 'doc-0005'],
      [409, 'doc-0205'],
    ]);
    await docs.remove();
  });
});
