import type { GateApprovalRecord, OpportunityApproval } from '../domain/entities';
import { mayDecideApprovals, type Actor } from './actor';
import { ALLOWED, combine, refuse, type Verdict } from './verdict';

/*
 * Gate approvals (投标审批, 合同审批) on an opportunity. Anyone who may change the deal may ask;
 * only a manager or an admin decides (批准 or 驳回 with a reason). A decision stays until a later
 * decision replaces it, or until the card enters the stage, which uses the approval up: it moves
 * off the deal into the stage event of that move. So for someone who may not decide, the list is
 * append-only in its decisions: they may add or renew a request, never write, change or remove a
 * decision, except by the move that uses an approval.
 */

const DECISION_FIELDS = ['status', 'by', 'byName', 'at', 'reason'] as const;
const REQUEST_FIELDS = ['requestedBy', 'requestedByName', 'requestedAt'] as const;

type Fields = readonly (keyof OpportunityApproval)[];

function same(
  a: OpportunityApproval | undefined,
  b: OpportunityApproval | undefined,
  fields: Fields,
) {
  return fields.every((field) => (a?.[field] ?? null) === (b?.[field] ?? null));
}

function byStage(list: unknown): Map<string, OpportunityApproval> {
  const entries = Array.isArray(list) ? (list as OpportunityApproval[]) : [];
  return new Map(entries.map((entry) => [entry.stage, entry]));
}

/** The approval a stage event claims is the one `entry` gave (same person, same moment). */
export function recordMatches(entry: OpportunityApproval | undefined, record: GateApprovalRecord) {
  return entry?.status === 'approved' && entry.by === record.by && entry.at === record.at;
}

/**
 * Checks the change of an opportunity's approvals from `before` to `after`. `used` are the
 * approvals this same write's stage events record as used up by a move.
 */
export function checkApprovals(
  actor: Actor,
  before: { approvals?: unknown } | undefined,
  after: { approvals?: unknown },
  used: readonly GateApprovalRecord[],
): Verdict {
  const old = byStage(before?.approvals);
  const next = byStage(after.approvals);
  const decides = mayDecideApprovals(actor);
  const verdicts: Verdict[] = [];
  for (const stage of new Set([...old.keys(), ...next.keys()])) {
    const was = old.get(stage);
    const now = next.get(stage);
    const field = `approvals.${stage}`;
    if (same(was, now, [...DECISION_FIELDS, ...REQUEST_FIELDS])) continue;
    if (!now) {
      // Removed: a decider may withdraw; otherwise only a move that used it up removes it.
      const usedUp = used.some((record) => record.stage === stage && recordMatches(was, record));
      if (!decides && !usedUp) verdicts.push(refuse('approvalRemoved', field, { stage }));
      continue;
    }
    if (!same(was, now, DECISION_FIELDS)) {
      if (!decides) {
        // A rep may only ask: a new entry that is a bare request, or a request renewed on a
        // decided entry (the decision itself unchanged, checked above).
        const bareRequest = !was && now.status === 'requested' && !now.by && now.at === undefined;
        if (!bareRequest) verdicts.push(refuse('approvalDecision', field, { stage }));
      } else if (now.status !== 'requested' && now.by !== actor.id) {
        verdicts.push(refuse('approvalForged', field, { stage }));
      } else if (now.status === 'rejected' && !now.reason?.trim()) {
        verdicts.push(refuse('rejectionReason', `${field}.reason`, { stage }));
      }
    }
    if (!same(was, now, REQUEST_FIELDS) && now.requestedBy !== undefined) {
      if (now.requestedBy !== actor.id) verdicts.push(refuse('approvalForged', field, { stage }));
    }
  }
  return verdicts.length === 0 ? ALLOWED : combine(verdicts);
}
