/**
 * What every rule of the rulebook answers: allowed, or refused with reasons. One shape for the
 * core (which throws it as a RuleRefused error), the sync server (which sends it back in a push's
 * `refused` list) and the UI (which explains it before anything is saved). `code` is a stable
 * key the i18n catalogs word in zh-CN and en; `field` names the offending field where there is
 * one; `params` carries what the sentence needs (a stage, a person's name, an amount).
 */

export const REFUSAL_CODES = [
  // Who may write what (ownership.ts)
  'notOwner',
  'handOver',
  'createForOther',
  'configureOnly',
  // Approvals (approvals.ts)
  'approvalDecision',
  'approvalRemoved',
  'approvalForged',
  'rejectionReason',
  // Stage changes (stage-chain.ts, stage-gates.ts)
  'unknownStage',
  'transition',
  'creationStage',
  'gateFields',
  'gateChecklist',
  'gateApproval',
  'gateFacts',
  'stageEventMissing',
  'stageEventMismatch',
  // Fields a passed gate holds (held-fields.ts)
  'heldField',
  // Audit trail (audit.ts)
  'appendOnly',
  'auditAuthor',
  'auditNotInRecord',
  'auditField',
  'recordRefused',
  // Stamped fields (stamps.ts)
  'impersonation',
  'stampedField',
  'unknownOwner',
  // References and money (references.ts)
  'referenceMissing',
  'referenced',
  'overDue',
  'paymentNotIssued',
  'paymentCurrency',
  'paidMismatch',
] as const;
export type RefusalCode = (typeof REFUSAL_CODES)[number];

export interface Refusal {
  code: RefusalCode;
  field?: string;
  /** Plain values only: refusals cross IPC and HTTP and are worded by the UI. */
  params?: Record<string, string | number>;
}

export type Verdict = { ok: true } | { ok: false; refusals: Refusal[] };

export const ALLOWED: Verdict = { ok: true };

export function refuse(code: RefusalCode, field?: string, params?: Refusal['params']): Verdict {
  const refusal: Refusal = { code };
  if (field !== undefined) refusal.field = field;
  if (params !== undefined) refusal.params = params;
  return { ok: false, refusals: [refusal] };
}

/** All refusals of several verdicts, in order; allowed when none refuses. */
export function combine(verdicts: Iterable<Verdict>): Verdict {
  const refusals: Refusal[] = [];
  for (const verdict of verdicts) if (!verdict.ok) refusals.push(...verdict.refusals);
  return refusals.length === 0 ? ALLOWED : { ok: false, refusals };
}

/** The first refusing verdict (rules that only make sense once the ones before them pass). */
export function firstRefusal(verdicts: Iterable<Verdict>): Verdict {
  for (const verdict of verdicts) if (!verdict.ok) return verdict;
  return ALLOWED;
}

/** One line for logs and for clients that do not word codes themselves. */
export function describeRefusal(refusal: Refusal): string {
  const params = refusal.params
    ? ` (${Object.entries(refusal.params)
        .map(([key, value]) => `${key}: ${value}`)
        .join(', ')})`
    : '';
  return `${refusal.code}${refusal.field ? ` on ${refusal.field}` : ''}${params}`;
}
