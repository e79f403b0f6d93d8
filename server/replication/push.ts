import { deepEqual } from 'rxdb/plugins/utils';
import type { PushRefusal, PushResponse, PushRow, WireDocument } from '../../shared/sync/protocol';
import { HttpError } from '../errors';
import type { DocumentWrite, SyncStore, UserRow } from '../store/types';
import type { SyncCollection } from './collections';
import { refusePermission } from './permissions';

/** Schema problems of one row, or undefined. `_deleted` is ours, not the record's: checked apart. */
function invalidity(
  collection: SyncCollection,
  row: PushRow,
  id: string,
): Omit<PushRefusal, 'id' | 'code'> | undefined {
  const { _deleted, ...fields } = row.newDocumentState;
  if (typeof _deleted !== 'boolean') {
    return { field: '_deleted', message: '_deleted is required and must be true or false' };
  }
  const assumed = row.assumedMasterState;
  if (assumed && assumed[collection.primaryKey] !== id) {
    const field = `assumedMasterState.${collection.primaryKey}`;
    return { field, message: `${field} must be the same document as newDocumentState` };
  }
  return collection.validate(fields);
}

function documentId(collection: SyncCollection, row: PushRow, index: number): string {
  const id = row.newDocumentState[collection.primaryKey];
  if (typeof id !== 'string' || id.length === 0) {
    // Without its key a row cannot even be named in `refused`: the request itself is broken.
    const field = `[${index}].newDocumentState.${collection.primaryKey}`;
    throw new HttpError(400, 'validation', `${field} must be a non-empty string`, field);
  }
  return id;
}

/**
 * RxDB's push: validate every row, then inside one store transaction compare each with its
 * current master. A row equal to the master is skipped (a retry after a lost response applies
 * once); a row that would change a master it did not start from is a conflict (the master is
 * returned for the client's merge); refused rows never block the others.
 */
export async function pushRows(
  store: SyncStore,
  collection: SyncCollection,
  user: Pick<UserRow, 'id' | 'orgId' | 'role'>,
  rows: readonly PushRow[],
): Promise<PushResponse> {
  const invalid: PushRefusal[] = [];
  const candidates = new Map<string, PushRow>();
  const seen = new Set<string>();
  rows.forEach((row, index) => {
    const id = documentId(collection, row, index);
    if (seen.has(id)) {
      invalid.push({
        id,
        code: 'invalid',
        message: `document ${id} appears more than once in one push`,
      });
      return;
    }
    seen.add(id);
    const problem = invalidity(collection, row, id);
    if (problem) invalid.push({ id, code: 'invalid', ...problem });
    else candidates.set(id, row);
  });

  let conflicts: WireDocument[] = [];
  let forbidden: PushRefusal[] = [];
  if (candidates.size > 0) {
    await store.push(user.orgId, collection.name, [...candidates.keys()], (masters) => {
      // The store may retry its transaction: start from scratch on every call.
      conflicts = [];
      forbidden = [];
      const writes: DocumentWrite[] = [];
      for (const [id, row] of candidates) {
        const master = masters.get(id);
        const next = row.newDocumentState;
        if (master && deepEqual(master, next)) continue;
        const refusal = refusePermission(collection, user, master, next);
        if (refusal) {
          forbidden.push({ id, code: 'forbidden', message: refusal });
          continue;
        }
        if (master && (!row.assumedMasterState || !deepEqual(row.assumedMasterState, master))) {
          conflicts.push(master);
          continue;
        }
        writes.push({ id, data: next, updatedBy: user.id });
      }
      return writes;
    });
  }
  return { conflicts, refused: [...invalid, ...forbidden] };
}
