import { mayDecideApprovals, type Actor } from './actor';
import { managerOnlyFields, type Doc } from './catalog';
import { checkOwnership } from './ownership';

/**
 * What a person may do with a record, for the UI to offer only that: derived by asking the
 * rulebook about the write each action would make, so the screen and the server never disagree.
 */
export interface RecordAccess {
  /** Any change at all (edit, move, archive, activities on it as its owner). */
  canEdit: boolean;
  /** Why not, when not: the record is someone else's (`ownerName` says whose). */
  readOnlyReason?: 'notOwner' | 'configureOnly';
  ownerName?: string;
  /** Hand the record to someone else (负责人). */
  canReassign: boolean;
  /** Approve or reject a gate (only deciders; asking is part of canEdit). */
  canDecideApprovals: boolean;
  /** Fields this person neither sees nor writes. */
  hiddenFields: readonly string[];
}

const SOMEONE_ELSE = '\u0000someone-else';

export function recordAccess(actor: Actor, collection: string, record: Doc): RecordAccess {
  const edit = checkOwnership(actor, collection, record, record);
  const reassign = checkOwnership(actor, collection, record, { ...record, ownerId: SOMEONE_ELSE });
  const refusal = edit.ok ? undefined : edit.refusals[0];
  const access: RecordAccess = {
    canEdit: edit.ok,
    canReassign: reassign.ok,
    canDecideApprovals: mayDecideApprovals(actor),
    hiddenFields: actor.role === 'rep' ? managerOnlyFields(collection) : [],
  };
  if (refusal && (refusal.code === 'notOwner' || refusal.code === 'configureOnly')) {
    access.readOnlyReason = refusal.code;
    if (refusal.code === 'notOwner') access.ownerName = String(record.ownerName ?? '');
  }
  return access;
}
