import { mayConfigure, writesEveryRecord, type Actor } from './actor';
import { managerOnlyFields, type Doc } from './catalog';
import { ALLOWED, refuse, type Verdict } from './verdict';

/**
 * Who may write a record at all. Managers and admins write every record of their firm (and only
 * they change the sales process: pipelines, stages, gates). A rep creates records owned by
 * themself and changes or deletes only records they own, without handing them to someone else;
 * the fields only managers see are not theirs to write. The record's owner before the change
 * decides (on the server, the stored owner, never the pushed one).
 */
export function checkOwnership(
  actor: Actor,
  collection: string,
  before: Doc | undefined,
  after: Doc,
): Verdict {
  if (collection === 'pipelines') {
    return mayConfigure(actor) ? ALLOWED : refuse('configureOnly');
  }
  if (writesEveryRecord(actor) || !('ownerId' in after || (before && 'ownerId' in before))) {
    return ALLOWED;
  }
  if (before && before.ownerId !== actor.id) {
    return refuse('notOwner', undefined, { ownerName: String(before.ownerName ?? '') });
  }
  if (after.ownerId !== actor.id) {
    return refuse(before ? 'handOver' : 'createForOther', 'ownerId');
  }
  for (const field of managerOnlyFields(collection)) {
    if (JSON.stringify(before?.[field]) !== JSON.stringify(after[field])) {
      return refuse('notOwner', field);
    }
  }
  return ALLOWED;
}

/** Whether `actor` may change `record` at all (the same rule, asked of an edit of it). */
export function mayChange(actor: Actor, collection: string, record: Doc): boolean {
  return checkOwnership(actor, collection, record, record).ok;
}
