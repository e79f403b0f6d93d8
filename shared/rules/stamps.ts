import type { Actor } from './actor';
import { isAuditCollection, managerOnlyFields, type Doc } from './catalog';
import type { RuleFacts } from './facts';
import { ALLOWED, combine, refuse, type Verdict } from './verdict';

/*
 * Fields that say who and when: a record's owner name, creator and creation time, an audit
 * entry's author. The server stamps them from its own user table and clock (stampWrite), so a
 * device can neither claim to be someone else nor backdate a record; what a device sends is
 * checked first, and a claim that names another person of the firm is refused outright.
 */

/** Nothing in LTC Desk was made before 2000; a createdAt before it is a forged or broken clock. */
export const EARLIEST_TIME = Date.UTC(2000, 0, 1);
/** Devices' clocks drift: a time up to a day ahead of the server's is accepted as it is. */
export const CLOCK_SKEW_MS = 24 * 60 * 60 * 1000;

/** `name` is another user's name: the document would show that person as owner or author. */
function impersonates(facts: RuleFacts, id: unknown, name: unknown): boolean {
  if (!facts.knowsUsers || typeof name !== 'string') return false;
  const own = facts.user(String(id));
  if (own && own.name === name) return false;
  const other = facts.userNamed(name);
  return other !== undefined && other.id !== id;
}

export function checkStamps(
  actor: Actor,
  collection: string,
  before: Doc | undefined,
  after: Doc,
  facts: RuleFacts,
): Verdict {
  if (isAuditCollection(collection)) {
    if (after.by !== actor.id) return refuse('auditAuthor', 'by');
    return impersonates(facts, after.by, after.byName)
      ? refuse('impersonation', 'byName')
      : ALLOWED;
  }
  if (!('ownerId' in after)) return ALLOWED;
  const verdicts: Verdict[] = [];
  const createdAt = after.createdAt;
  if (before) {
    if (createdAt !== before.createdAt) verdicts.push(refuse('stampedField', 'createdAt'));
    if (
      before.createdBy !== undefined &&
      after.createdBy !== undefined &&
      after.createdBy !== before.createdBy
    ) {
      verdicts.push(refuse('stampedField', 'createdBy'));
    }
  } else {
    if (
      typeof createdAt !== 'number' ||
      createdAt < EARLIEST_TIME ||
      createdAt > facts.now + CLOCK_SKEW_MS
    ) {
      verdicts.push(refuse('stampedField', 'createdAt'));
    }
    if (after.createdBy !== undefined && after.createdBy !== actor.id) {
      verdicts.push(refuse('stampedField', 'createdBy'));
    }
  }
  const ownerChanged =
    !before || before.ownerId !== after.ownerId || before.ownerName !== after.ownerName;
  if (ownerChanged && facts.knowsUsers && collection !== 'pipelines') {
    const owner = facts.user(String(after.ownerId));
    if (!owner) verdicts.push(refuse('unknownOwner', 'ownerId'));
    else if (impersonates(facts, after.ownerId, after.ownerName)) {
      verdicts.push(refuse('impersonation', 'ownerName'));
    }
  }
  return combine(verdicts);
}

/**
 * The document as the server stores it: owner name from the user table, creator kept from the
 * first version, an audit entry's author name and role from the signed-in user and the time the
 * server received it (the device's own time stays in `at`: work done offline happened earlier
 * than it synced).
 */
export function stampWrite(
  actor: Actor,
  collection: string,
  before: Doc | undefined,
  after: Doc,
  facts: RuleFacts,
): Doc {
  const out: Doc = { ...after };
  if (isAuditCollection(collection)) {
    out.byName = actor.name;
    if (actor.role) out.role = actor.role;
    out.receivedAt = facts.now;
    return out;
  }
  if (!('ownerId' in after)) return out;
  const owner = facts.knowsUsers ? facts.user(String(after.ownerId)) : undefined;
  if (owner) out.ownerName = owner.name;
  const createdBy = before ? before.createdBy : actor.id;
  if (createdBy !== undefined) out.createdBy = createdBy;
  else delete out.createdBy;
  return out;
}

/**
 * A rep's device never receives the fields only managers see, so its documents arrive without
 * them: the stored values are put back before the write is judged and stored. A value a rep did
 * send is left for checkOwnership to refuse.
 */
export function restoreHiddenFields(
  viewer: Actor,
  collection: string,
  before: Doc | undefined,
  after: Doc,
): Doc {
  if (viewer.role !== 'rep' || !before) return after;
  const hidden = managerOnlyFields(collection).filter(
    (field) => !(field in after) && before[field] !== undefined,
  );
  if (hidden.length === 0) return after;
  const out: Doc = { ...after };
  for (const field of hidden) out[field] = before[field];
  return out;
}

/** A document as a viewer may see it: without the fields their role does not see. */
export function withoutHiddenFields(
  viewer: Pick<Actor, 'role'>,
  collection: string,
  doc: Doc,
): Doc {
  const hidden = viewer.role === 'rep' ? managerOnlyFields(collection) : [];
  if (!hidden.some((field) => field in doc)) return doc;
  const out: Doc = { ...doc };
  for (const field of hidden) delete out[field];
  return out;
}
