import type { GateApprovalRecord } from '../domain/entities';
import type { Actor } from './actor';
import { checkApprovals } from './approvals';
import { checkAuditEntry } from './audit';
import { isAuditCollection, isRuled, type Doc } from './catalog';
import type { RuleFacts } from './facts';
import { checkOwnership } from './ownership';
import { checkReferences } from './references';
import { checkHeldFields, checkStageChain } from './stage-chain';
import { checkStamps } from './stamps';
import { ALLOWED, combine, type Verdict } from './verdict';

/** One write to judge: a document replacing its stored version (or none), by an actor. */
export interface WriteInput {
  actor: Actor;
  collection: string;
  /** The stored version: the server's master, or the core's current document. */
  before?: Doc;
  /** The new version's fields (without `_deleted`). */
  after: Doc;
  /** A hard delete (RxDB's `_deleted`); people archive, so only a device's own cleanup deletes. */
  deleted?: boolean;
  /** The stage events of this write's stage change, see stage-chain.ts. */
  stageEvents?: readonly Doc[];
  facts: RuleFacts;
}

function usedApprovals(events: readonly Doc[]): GateApprovalRecord[] {
  return events.flatMap((event) =>
    Array.isArray(event.approvals) ? (event.approvals as GateApprovalRecord[]) : [],
  );
}

/**
 * THE RULEBOOK'S ONE ENTRY. Whether `actor` may make this write, with every reason it may not.
 * Called by the core before it writes (offline included), by the sync server for every pushed
 * document (comparing it with its stored version, in the role its user table gives), and through
 * access.ts by the UI before it offers an action. Collections the rulebook does not know (a
 * test's) pass: their schema is all there is to check.
 */
export function checkWrite(input: WriteInput): Verdict {
  const { actor, collection, before, after, facts } = input;
  const deleted = input.deleted ?? false;
  if (!isRuled(collection)) return ALLOWED;
  if (isAuditCollection(collection)) {
    return checkAuditEntry(actor, collection, before, after, deleted, facts);
  }
  // Someone who may not touch the record at all hears only that.
  const ownership = checkOwnership(actor, collection, before, after);
  if (!ownership.ok) return ownership;
  if (deleted) return checkReferences(collection, before, after, true, facts);
  const events = input.stageEvents ?? [];
  return combine([
    checkStamps(actor, collection, before, after, facts),
    checkReferences(collection, before, after, false, facts),
    checkStageChain(actor, collection, before, after, events, facts),
    checkHeldFields(collection, before, after, facts),
    collection === 'opportunities'
      ? checkApprovals(actor, before, after, usedApprovals(events))
      : ALLOWED,
  ]);
}
