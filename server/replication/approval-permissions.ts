import type { WireDocument } from '../../shared/sync/protocol';

/**
 * What a rep may not write, beyond ownership (permissions.ts): the sales process itself
 * (pipelines, their stages and gates) and manager decisions on gates (approved / refused
 * approvals on opportunities). A rep may ask for an approval, and a move may drop a decision it
 * used up; it may not add or alter one. Returns why, or undefined.
 */
export function refuseRepGateWrite(
  collection: string,
  master: WireDocument | undefined,
  next: WireDocument,
): string | undefined {
  if (collection === 'pipelines') return 'Only a manager or an admin can change pipelines';
  if (collection !== 'opportunities') return undefined;
  const decided = (doc: WireDocument | undefined) =>
    new Map(
      (Array.isArray(doc?.approvals) ? (doc.approvals as Record<string, unknown>[]) : [])
        .filter((a) => a.status === 'approved' || a.status === 'rejected')
        // The decision's own fields, so key order in the stored JSON does not matter.
        .map((a) => [String(a.stage), [a.status, a.by, a.at, a.reason].map(String).join('|')]),
    );
  const before = decided(master);
  for (const [stage, entry] of decided(next)) {
    if (before.get(stage) !== entry) {
      return 'Only a manager or an admin can approve or reject a gate';
    }
  }
  return undefined;
}
