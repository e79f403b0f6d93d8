import type { RxCollection } from 'rxdb';
import { callApi } from '../../../server/test-support';
import type { LtcDatabase } from '../../../shared/core';
import type { CollectionName } from '../../../shared/schema/collections';
import {
  PULL_BATCH_SIZE,
  type PullResponse,
  type WireDocument,
} from '../../../shared/sync/protocol';
import { CLIENT_COLLECTIONS } from '../support';

/** A document as compared: the wire fields, without RxDB's bookkeeping. */
export type Snapshot = Map<string, WireDocument>;
export type Snapshots = Record<CollectionName, Snapshot>;

/**
 * Everything the server holds for the organisation, tombstones included, by a full pull with a
 * manager's token. A document may appear once only: pull returns each at its latest seq.
 */
export async function serverState(apiUrl: string, token: string): Promise<Snapshots> {
  const state = {} as Snapshots;
  for (const name of CLIENT_COLLECTIONS) {
    const docs: Snapshot = new Map();
    for (let seq = 0; ;) {
      const response = await callApi<PullResponse>(
        apiUrl,
        'GET',
        `/sync/${name}/pull?seq=${seq}&limit=${PULL_BATCH_SIZE}`,
        { token },
      );
      if (response.status !== 200) throw new Error(`pull ${name}: HTTP ${response.status}`);
      const { documents, checkpoint } = response.body;
      for (const doc of documents) {
        const id = String(doc.id);
        if (docs.has(id)) throw new Error(`the server returned ${name}/${id} twice`);
        docs.set(id, doc);
      }
      if (documents.length === 0) break;
      seq = checkpoint.seq;
    }
    state[name] = docs;
  }
  return state;
}

/**
 * A desktop's documents, tombstones included: every id the server, any desktop's inserts or
 * this desktop's live documents know (a local document nobody else knows must show up too).
 */
export async function clientState(
  database: LtcDatabase,
  server: Snapshots,
  created: ReadonlyMap<CollectionName, ReadonlySet<string>>,
): Promise<Snapshots> {
  const state = {} as Snapshots;
  for (const name of CLIENT_COLLECTIONS) {
    const collection = database[name] as unknown as RxCollection;
    const live = (await collection.find().exec()).map((doc) => String(doc.get('id')));
    const ids = [...new Set([...server[name].keys(), ...(created.get(name) ?? []), ...live])];
    const docs: Snapshot = new Map();
    for (const doc of await collection.storageInstance.findDocumentsById(ids, true)) {
      const { _rev, _meta, _attachments, ...fields } = doc as unknown as Record<string, unknown>;
      // Stage events reach the server only with the record they move; the events of a move that
      // lost a conflict (or was refused and discarded) are removed on the desktop and were never
      // anywhere else: such a local tombstone is a document that never existed.
      const neverSynced =
        name === 'stageevents' && fields._deleted && !server[name].has(String(fields.id));
      if (!neverSynced) docs.set(String(fields.id), fields as WireDocument);
    }
    state[name] = docs;
  }
  return state;
}

/** Documents by id in id order, for comparing whole states. */
export function sorted(state: Snapshots): Record<string, [string, WireDocument][]> {
  return Object.fromEntries(
    Object.entries(state).map(([name, docs]) => [
      name,
      [...docs.entries()]
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([id, doc]) => [id, sortKeys(doc)]),
    ]),
  );
}

function sortKeys(doc: WireDocument): WireDocument {
  return Object.fromEntries(
    Object.keys(doc)
      .filter((key) => doc[key] !== undefined)
      .sort()
      .map((key) => [key, doc[key]]),
  ) as WireDocument;
}
