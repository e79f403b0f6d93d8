import type { Actor } from '../../shared/rules/actor';
import type { Doc } from '../../shared/rules/catalog';
import { checkWrite } from '../../shared/rules/check-write';
import type { RuleFacts } from '../../shared/rules/facts';
import { isPermissionRefusal, refusalMessage } from '../../shared/rules/messages';
import type { Refusal } from '../../shared/rules/verdict';
import type { PushRefusal } from '../../shared/sync/protocol';

/**
 * The server's one call into the rulebook (shared/rules/check-write.ts): who may write what, stage
 * changes and gates, approvals, the audit trail, stamps, references and money are all decided
 * there, for the core, this server and the UI alike. This file only turns a verdict into the
 * push's refusal.
 */
export function judge(
  actor: Actor,
  collection: string,
  before: Doc | undefined,
  after: Doc,
  deleted: boolean,
  stageEvents: readonly Doc[],
  facts: RuleFacts,
): PushRefusal | undefined {
  const verdict = checkWrite({ actor, collection, before, after, deleted, stageEvents, facts });
  return verdict.ok ? undefined : refusalOf(String(after.id), verdict.refusals);
}

/** A refusal on the wire: the first reason as code, field and message, and all of them listed. */
export function refusalOf(id: string, refusals: readonly Refusal[]): PushRefusal {
  const [first] = refusals as [Refusal, ...Refusal[]];
  return {
    id,
    code: isPermissionRefusal(first) ? 'forbidden' : 'invalid',
    message: refusals.map(refusalMessage).join('; '),
    reason: first.code,
    ...(first.field !== undefined && { field: first.field }),
    ...(first.params !== undefined && { params: first.params }),
    ...(refusals.length > 1 && { refusals: [...refusals] }),
  };
}
