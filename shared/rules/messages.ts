import type { Refusal, RefusalCode } from './verdict';

/**
 * One English sentence per refusal, for logs, the server's `message` and clients that do not word
 * reason codes themselves. The app says them in zh-CN or en from its i18n catalogs (rules.*).
 */
const SENTENCES: Record<RefusalCode, (p: Record<string, string | number>) => string> = {
  notOwner: (p) =>
    `This record belongs to ${p.ownerName || 'someone else'}; only its owner or a manager can change it`,
  handOver: () => 'A rep cannot hand a record to someone else',
  createForOther: () => 'A rep can only create records owned by themself',
  configureOnly: () => 'Only a manager or an admin can change pipelines',
  approvalDecision: (p) => `Only a manager or an admin can approve or reject a gate (${p.stage})`,
  approvalRemoved: (p) =>
    `An approval decision (${p.stage}) can only be replaced by a later decision or used by a move`,
  approvalForged: (p) => `The approval claimed for ${p.stage} was not given`,
  rejectionReason: (p) => `Rejecting ${p.stage} needs a reason`,
  unknownStage: (p) => `There is no stage "${p.stage}" in this record's process`,
  transition: (p) => `Cannot move from ${p.from} to ${p.to} (${p.reason})`,
  creationStage: (p) => `A new record cannot start in ${p.stage}`,
  gateFields: (p) => `The gate into ${p.stage} needs this field`,
  gateChecklist: (p) => `The gate into ${p.stage} needs "${p.item}" ticked`,
  gateApproval: (p) => `The gate into ${p.stage} needs a manager's approval`,
  gateFacts: (p) => `The gate into ${p.stage} is not met yet`,
  stageEventMissing: (p) => `The move into ${p.stage} has no stage event`,
  stageEventMismatch: () => 'The stage events do not describe this record\u2019s stage change',
  heldField: (p) => `A record in ${p.stage} keeps this field; move it back before removing it`,
  appendOnly: () => 'History entries are append-only: an existing entry cannot be changed',
  auditAuthor: () => 'A history entry must be written by the person who pushes it',
  auditNotInRecord: () => 'This history entry describes a change the record does not contain',
  auditField: (p) => `"${p.field}" is not a field of this record`,
  recordRefused: () => 'The change this history entry describes was refused',
  impersonation: () => 'The name given is another person\u2019s',
  stampedField: () => 'This field is set by the server and cannot be changed',
  unknownOwner: () => 'The owner is not a user of this firm',
  referenceMissing: () => 'The record this field names does not exist in this firm',
  referenced: () => 'Other records name this record, so it cannot be deleted (archive it instead)',
  overDue: (p) => `The payment is more than the ${p.due} ${p.currency} still due`,
  paymentNotIssued: (p) => `An invoice in ${p.stage} takes no payments`,
  paymentCurrency: (p) => `Payments on this invoice are in ${p.currency}`,
  paidMismatch: (p) => `An invoice in ${p.stage} must match what has been paid`,
};

export function refusalMessage(refusal: Refusal): string {
  const sentence = SENTENCES[refusal.code](refusal.params ?? {});
  return refusal.field ? `${sentence} [${refusal.field}]` : sentence;
}

/** Refusals about who may write, as opposed to what was written. */
const PERMISSION_CODES = new Set<RefusalCode>([
  'notOwner',
  'handOver',
  'createForOther',
  'configureOnly',
  'approvalDecision',
  'approvalRemoved',
  'approvalForged',
  'auditAuthor',
  'impersonation',
]);

export function isPermissionRefusal(refusal: Refusal): boolean {
  return PERMISSION_CODES.has(refusal.code);
}
