import { recordLabel } from './conflict-handler';
import type { SyncHttpClient } from './http-client';
import { MAX_PULL_LIMIT, type WireDocument } from './protocol';
import type { RefusedRow } from './replication';
import type { SyncProblem } from './types';

/** One problem per record: a newer refusal of the same record replaces the older one. */
export const problemId = (collection: string, recordId: string) => `${collection}/${recordId}`;

/**
 * The problems a push's refusals make. A history entry refused because the change it describes
 * was refused in the same push is not a problem of its own: the record's problem says it.
 */
export function problemsFromRefusals(
  collection: string,
  refused: readonly RefusedRow[],
  at: number,
): SyncProblem[] {
  const own = refused.filter(({ refusal }) => refusal.reason !== 'recordRefused');
  return own.map(({ row, refusal }) => ({
    id: problemId(collection, refusal.id),
    collection,
    recordId: refusal.id,
    recordLabel: recordLabel(row.newDocumentState, refusal.id),
    code: refusal.code,
    message: refusal.message,
    ...(refusal.field !== undefined ? { field: refusal.field } : {}),
    ...(refusal.reason !== undefined ? { reason: refusal.reason } : {}),
    ...(refusal.params !== undefined ? { params: refusal.params } : {}),
    ...(refusal.refusals !== undefined ? { refusals: refusal.refusals } : {}),
    at,
    // The refused state itself: what the person typed is never only in a sync queue.
    document: { ...row.newDocumentState },
    ...(row.assumedMasterState ? { assumed: { ...row.assumedMasterState } } : {}),
  }));
}

/**
 * The server's current state of one record, or undefined when it has none. Pull by sequence is
 * the only read the server offers; discarding a problem is rare and explicit, so paging the
 * collection from the start is acceptable.
 */
export async function fetchServerState(
  client: SyncHttpClient,
  collection: string,
  primaryKey: string,
  recordId: string,
): Promise<WireDocument | undefined> {
  let seq = 0;
  let found: WireDocument | undefined;
  for (;;) {
    const page = await client.pull(collection, seq, MAX_PULL_LIMIT);
    for (const doc of page.documents) if (doc[primaryKey] === recordId) found = doc;
    if (page.documents.length < MAX_PULL_LIMIT) return found;
    seq = page.checkpoint.seq;
  }
}
