import type { WireDocument } from '../../shared/sync/protocol';
import type { UserRow } from '../store/types';
import { refuseRepGateWrite } from './approval-permissions';
import type { SyncCollection } from './collections';

/**
 * Who may write what (docs/architecture.md, Sync): managers and admins write everything in their
 * organisation; a rep creates records owned by themself and changes or deletes only records the
 * server says they own, without handing them to someone else. Stage events and field changes are
 * facts: never changed by anyone once written, and a rep records only their own.
 * Returns why the write is refused, or undefined when it is allowed. Called with the master read
 * inside the push transaction, after identical re-pushes were already skipped.
 */
export function refusePermission(
  collection: SyncCollection,
  user: Pick<UserRow, 'id' | 'role'>,
  master: WireDocument | undefined,
  next: WireDocument,
): string | undefined {
  if (collection.appendOnly && master) {
    return `${collection.name} are append-only: an existing entry cannot be changed`;
  }
  if (user.role !== 'rep') return undefined;
  const gateRule = refuseRepGateWrite(collection.name, master, next);
  if (gateRule) return gateRule;
  if (collection.appendOnly && next.by !== user.id) {
    return 'A rep can only record their own changes';
  }
  if (!collection.hasOwner) return undefined;
  if (master && master.ownerId !== user.id) {
    return 'This record belongs to someone else; only its owner or a manager can change it';
  }
  if (next.ownerId !== user.id) {
    return master
      ? 'A rep cannot hand a record to someone else'
      : 'A rep can only create records owned by themself';
  }
  return undefined;
}
