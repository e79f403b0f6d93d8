import {
  getAssumedMasterState,
  getChangedDocumentsSince,
  getComposedPrimaryKeyOfDocumentData,
  writeDocToDocState,
} from 'rxdb';
import type { RxReplicationState } from 'rxdb/plugins/replication';
import type { SyncCheckpoint } from './protocol';

const PENDING_PAGE = 500;

/**
 * Local documents not yet acknowledged by the server, counted from RxDB's own replication state
 * so the number is right after a restart, offline, and whatever the engine saw before:
 *
 * - The upstream checkpoint (meta document "up|1") marks how far RxDB has processed the local
 *   storage's changes: every document written before it was pushed and acknowledged (or came from
 *   the server, or was resolved). RxDB moves it only after a push succeeded, so while offline it
 *   stays put and everything written since is after it.
 * - For each document changed since that checkpoint, the meta instance holds the assumed master
 *   state (what the server was last known to have). A document counts as pending when its local
 *   state differs from that (or there is none): pulled documents and acknowledged pushes are
 *   written to the meta too, so they are not counted even before the checkpoint moves on.
 *
 * Refused rows are recorded as pushed by RxDB (they are not retried) and appear as problems
 * instead. Requires a started replication (the meta instance is opened by start()).
 */
export async function countPendingChanges(
  state: RxReplicationState<unknown, SyncCheckpoint>,
): Promise<number> {
  await state.startPromise;
  const internal = state.internalReplicationState;
  if (!internal || state.isStopped()) return 0;
  // RxDB queues checkpoint writes without awaiting them: a count that read the upstream's
  // checkpoint before the queue ran would read every document the last pull wrote again.
  await internal.checkpointQueue;
  const { forkInstance, metaInstance, conflictHandler } = internal.input;
  const checkpointId = getComposedPrimaryKeyOfDocumentData(metaInstance.schema, {
    itemId: 'up',
    isCheckpoint: '1',
  });
  const [checkpointDoc] = await metaInstance.findDocumentsById([checkpointId], false);
  let checkpoint: unknown = checkpointDoc?.checkpointData;
  let count = 0;

  for (;;) {
    const page = await getChangedDocumentsSince(forkInstance, PENDING_PAGE, checkpoint);
    if (page.documents.length === 0) break;
    const idOf = (doc: object) => String((doc as Record<string, unknown>)[internal.primaryPath]);
    const assumed = await getAssumedMasterState(internal, page.documents.map(idOf));
    for (const doc of page.documents) {
      const master = assumed[idOf(doc)];
      const local = writeDocToDocState(doc, internal.hasAttachments, false);
      if (!master || !conflictHandler.isEqual(master.docData, local, 'ltc-pending-count')) {
        count += 1;
      }
    }
    checkpoint = page.checkpoint;
    if (page.documents.length < PENDING_PAGE) break;
  }
  return count;
}

/**
 * Of `ids`, the documents with local changes the server has not acknowledged (by the same measure
 * as countPendingChanges); sample documents never sync, so they are never pending.
 */
export async function pendingDocuments(
  state: RxReplicationState<unknown, SyncCheckpoint>,
  ids: readonly string[],
  isLocalOnly: (doc: Record<string, unknown>) => boolean,
): Promise<Set<string>> {
  const pending = new Set<string>();
  if (ids.length === 0) return pending;
  await state.startPromise;
  const internal = state.internalReplicationState;
  if (!internal || state.isStopped()) return pending;
  const { forkInstance, conflictHandler } = internal.input;
  const [docs, assumed] = await Promise.all([
    forkInstance.findDocumentsById([...ids], false),
    getAssumedMasterState(internal, [...ids]),
  ]);
  for (const doc of docs) {
    const data = doc as unknown as Record<string, unknown>;
    if (isLocalOnly(data)) continue;
    const id = String(data[internal.primaryPath]);
    const master = assumed[id];
    const local = writeDocToDocState(doc, internal.hasAttachments, false);
    if (!master || !conflictHandler.isEqual(master.docData, local, 'ltc-pending-reference')) {
      pending.add(id);
    }
  }
  return pending;
}
