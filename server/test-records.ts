import { newId } from '../shared/domain/ids';
import type { PushRow, WireDocument } from '../shared/sync/protocol';
import type { TestUser } from './test-support';

/**
 * Documents as a real device writes them, for the server's tests (not imported by product code):
 * records owned by their maker, each stage change with its stage event, times moving forward.
 * Tests start from these legitimate pushes and then change one thing to forge.
 */

let clock = Date.UTC(2026, 3, 1, 9);
/** A strictly increasing time, so every stage entry follows the last one as on a device. */
export function tick(): number {
  clock += 1000;
  return clock;
}

function base(owner: TestUser, fields: Partial<WireDocument>): WireDocument {
  const at = tick();
  return {
    id: newId(),
    createdAt: at,
    updatedAt: at,
    ownerId: owner.user.id,
    ownerName: owner.user.name,
    archived: false,
    _deleted: false,
    ...fields,
  };
}

export function accountDoc(owner: TestUser, fields: Partial<WireDocument> = {}): WireDocument {
  return base(owner, { name: 'Acme Trading', ...fields });
}

export function contactDoc(
  owner: TestUser,
  accountId: string,
  fields: Partial<WireDocument> = {},
): WireDocument {
  return base(owner, { accountId, name: '张伟', ...fields });
}

/** A new lead in New. */
export function leadDoc(owner: TestUser, fields: Partial<WireDocument> = {}): WireDocument {
  const doc = base(owner, { company: '苏州精工', stage: 'new' });
  return { ...doc, stageEnteredAt: doc.createdAt, ...fields };
}

/** A new deal in Qualify of the built-in pipeline. */
export function dealDoc(
  owner: TestUser,
  accountId: string,
  fields: Partial<WireDocument> = {},
): WireDocument {
  const doc = base(owner, {
    title: 'ERP 升级',
    accountId,
    pipelineId: 'default',
    stage: 'qualify',
    stageOrder: 0,
    probability: 10,
  });
  return { ...doc, stageEnteredAt: doc.createdAt, ...fields };
}

export const OPPORTUNITY_STAGE_ORDER: Record<string, number> = {
  qualify: 0,
  solution: 1,
  proposal: 2,
  negotiation: 3,
  won: 4,
  lost: 5,
};

/** A stage event of `record`, written by `by` (its creation when `from` is absent). */
export function stageEventDoc(
  by: TestUser,
  record: WireDocument,
  change: { from?: string; to: string; at: number; phase?: string },
  fields: Partial<WireDocument> = {},
): WireDocument {
  return {
    id: newId(),
    phase: change.phase ?? 'opportunity',
    recordId: String(record.id),
    ...(change.from !== undefined ? { from: change.from } : {}),
    to: change.to,
    at: change.at,
    by: by.user.id,
    byName: by.user.name,
    _deleted: false,
    ...fields,
  };
}

/** The push row of a new record in its first stage, with its creation event. */
export function created(by: TestUser, record: WireDocument, phase = 'opportunity'): PushRow {
  const event = stageEventDoc(by, record, {
    to: String(record.stage),
    at: Number(record.stageEnteredAt),
    phase,
  });
  return { newDocumentState: record, stageEvents: [event] };
}

/** A move of a stored deal to `to`, as the core writes it: the record and its stage event. */
export function moved(
  by: TestUser,
  stored: WireDocument,
  to: string,
  fields: Partial<WireDocument> = {},
  eventFields: Partial<WireDocument> = {},
): PushRow & { newDocumentState: WireDocument } {
  const at = tick();
  const next: WireDocument = {
    ...stored,
    stage: to,
    stageOrder: OPPORTUNITY_STAGE_ORDER[to] ?? 0,
    stageEnteredAt: at,
    updatedAt: at,
    ...fields,
  };
  const event = stageEventDoc(by, stored, { from: String(stored.stage), to, at }, eventFields);
  return { assumedMasterState: stored, newDocumentState: next, stageEvents: [event] };
}

/** The fields of a deal its quote gates ask for (amount, expected close, contact). */
export function quoteFields(contactId: string): Partial<WireDocument> {
  return {
    amount: { minor: 430_000_00, currency: 'CNY' },
    expectedClose: '2026-09-30',
    contactId,
  };
}

/** A stored document as the server stamps it: its creator kept or set to the pusher. */
export function stamped(doc: WireDocument, createdBy: TestUser): WireDocument {
  return { ...doc, createdBy: doc.createdBy ?? createdBy.user.id };
}

/** A stage event as the server stores it: the author's name and role, and when it arrived. */
export function stampedEvent(event: WireDocument, by: TestUser): WireDocument {
  return {
    ...event,
    byName: by.user.name,
    role: by.user.role,
    receivedAt: expect.any(Number) as unknown as number,
  };
}

/** An entry of a deal's approvals (shared/domain/gates.ts ApprovalEntry, as JSON). */
type ApprovalJson = Record<string, unknown>;

/** An approval entry asking to move a deal into `stage`, as the rep's laptop writes it. */
export function approvalRequest(rep: TestUser, stage: string): ApprovalJson {
  return {
    stage,
    status: 'requested',
    requestedBy: rep.user.id,
    requestedByName: rep.user.name,
    requestedAt: tick(),
  };
}

/** The same entry decided by a manager or admin, in their own name. */
export function decided(
  request: ApprovalJson,
  by: TestUser,
  status: 'approved' | 'rejected',
  fields: ApprovalJson = {},
): ApprovalJson {
  return { ...request, status, by: by.user.id, byName: by.user.name, at: tick(), ...fields };
}
