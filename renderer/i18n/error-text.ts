import type { ParseKeys, TFunction } from 'i18next';
import {
  PASSWORD_MIN_LENGTH,
  type CrmErrorData,
  type FieldIssue,
  type SyncFailureReason,
} from '../../shared/api';
import {
  PHASE_DEFINITIONS,
  isStageOf,
  moneyToInput,
  openStages,
  type GateRequirement,
  type Phase,
} from '../../shared/domain';
import type { ContractRequirement } from '../../shared/domain/contracts';
import type { DeliveryRequirement } from '../../shared/domain/delivery';
import { customStageName } from '../pipelines/stage-names';
import { refusalsText } from './refusal-text';

type GateBlocked = Extract<CrmErrorData, { type: 'GateBlocked' }>;
type TransitionNotAllowed = Extract<CrmErrorData, { type: 'TransitionNotAllowed' }>;
export type MoveRefusal = GateBlocked | TransitionNotAllowed;
type AnyRequirement = GateBlocked['missing'][number];

export function stageName(t: TFunction, stage: string): string {
  const custom = customStageName(stage);
  if (custom) return custom;
  return isStageOf('opportunity', stage) ? t(`stages.opportunity.${stage}`) : stage;
}

export function missingText(t: TFunction, requirement: GateRequirement): string {
  if (requirement === 'description') return t('pipelines.missing.description');
  return t(`move.missing.${requirement}`);
}

/** The catalog key of each contract and delivery gate requirement. */
const CONTRACTING_MISSING: Record<ContractRequirement | DeliveryRequirement, ParseKeys> = {
  lineItems: 'contracts.missing.lineItems',
  paymentPlan: 'contracts.missing.paymentPlan',
  paymentPlanBalanced: 'contracts.missing.paymentPlanBalanced',
  signedOn: 'contracts.missing.signedOn',
  deliveryAccepted: 'contracts.missing.deliveryAccepted',
  invoicesPaid: 'contracts.missing.invoicesPaid',
  terminatedReason: 'contracts.missing.terminatedReason',
  milestonesDone: 'delivery.missing.milestonesDone',
  acceptedOn: 'delivery.missing.acceptedOn',
};

/** One missing gate requirement of any phase; contracts and delivery name theirs in their sections. */
function requirementText(t: TFunction, phase: Phase, requirement: AnyRequirement): string {
  if (phase === 'contract' || phase === 'delivery') {
    return t(CONTRACTING_MISSING[requirement as ContractRequirement | DeliveryRequirement]);
  }
  return missingText(t, requirement as GateRequirement);
}

/** Why a transition rule refused a move, in words that say what is allowed instead. */
export function transitionText(t: TFunction, error: TransitionNotAllowed): string {
  const from = stageName(t, error.from);
  const to = stageName(t, error.to);
  switch (error.reason) {
    case 'sameStage':
      return t('move.transition.sameStage', { to });
    case 'fromTerminal': {
      const reopen =
        error.expected ??
        (isStageOf('opportunity', error.from)
          ? PHASE_DEFINITIONS.opportunity.reopen[error.from]
          : undefined);
      return reopen
        ? t('move.transition.fromTerminalReopen', { from, reopen: stageName(t, reopen) })
        : t('move.transition.fromTerminal', { from, to });
    }
    case 'systemOnly':
      return t('move.transition.systemOnly', { to });
    case 'notAdjacentTerminal': {
      const open = openStages('opportunity');
      const last: string | undefined = error.expected ?? open[open.length - 1];
      return t('move.transition.notAdjacentTerminal', { last: last ? stageName(t, last) : '', to });
    }
    default:
      return t('move.transition.unknown', { from, to });
  }
}

/** A field's label, or undefined for a field this form does not show. */
export type FieldLabel = (field: string) => string | undefined;

const CHOICE_FIELDS = new Set(['accountId', 'contactId']);

/** One field problem as the sentence shown under that field. */
export function fieldIssueText(t: TFunction, issue: FieldIssue, label: FieldLabel): string {
  const field = issue.field.split('.')[0] ?? issue.field;
  const name = label(field) ?? issue.field;
  switch (issue.code) {
    case 'required':
      return CHOICE_FIELDS.has(field)
        ? t('validation.requiredChoice', { label: name })
        : t('validation.required', { label: name });
    case 'tooShort':
      return field === 'password'
        ? t('sync.users.passwordTooShort', { min: PASSWORD_MIN_LENGTH })
        : t('validation.tooShort', { label: name });
    case 'tooLong':
      return t('validation.tooLong', { label: name });
    case 'weak':
      return t('sync.users.passwordWeak');
    case 'insecure':
      return t('sync.signIn.plainHttpRefused');
    case 'taken':
      return field === 'username'
        ? t('sync.users.usernameTaken')
        : t('validation.taken', { label: name });
    case 'notFound':
      return field === 'contactId'
        ? t('validation.contactOfOtherAccount')
        : t('validation.notFound', { label: name });
    case 'unknownField':
      return t('validation.unknownField', { label: name });
    case 'tooLarge':
      return tooLargeText(t, issue, name);
    case 'invalid':
      if (field === 'amount') return t('validation.amountInvalid');
      if (field === 'email') return t('validation.emailInvalid');
      if (field === 'expectedClose') return t('validation.dateInvalid');
      if (field === 'serverUrl') return t('sync.signIn.serverUrlInvalid');
      // Only the users dialog's fields can be invalid in these ways (sign-in's are just required).
      if (field === 'username') return t('sync.users.usernameInvalid');
      if (field === 'password') return t('sync.users.passwordRejected');
      return t('validation.invalid', { label: name });
  }
}

/**
 * Above a maximum the data sets: for a payment, the amount due ("最多可收 ¥12,000.00（待收金额）").
 * The amount is formatted by i18next's currency formatter in the UI language, from its exact
 * decimal string (Intl formats strings without float rounding), like renderer/i18n/format.ts.
 */
function tooLargeText(t: TFunction, issue: FieldIssue, name: string): string {
  const max = issue.params?.max;
  if (!max) return t('validation.invalid', { label: name });
  return t('collections.errors.overDue', {
    max: moneyToInput(max),
    formatParams: { max: { currency: max.currency } },
  });
}

function entityName(t: TFunction, entity: string): string {
  switch (entity) {
    case 'account':
    case 'contact':
    case 'opportunity':
    case 'lead':
    case 'contract':
    case 'delivery':
    case 'invoice':
    case 'payment':
    case 'activity':
    case 'stageEvent':
      return t(`errors.entities.${entity}`);
    default:
      return t('errors.entities.record');
  }
}

/** Any error the core can answer with, as one sentence for a person. Never a stack trace. */
export function crmErrorText(
  t: TFunction,
  error: CrmErrorData,
  label: FieldLabel = () => undefined,
): string {
  const separator = t('errors.listSeparator');
  switch (error.type) {
    case 'ValidationError':
      return t('errors.ValidationError', {
        fields: error.fields.map((issue) => fieldIssueText(t, issue, label)).join(separator),
      });
    case 'NotFound':
      return t('errors.NotFound', { entity: entityName(t, error.entity) });
    case 'Merged':
      return t('errors.Merged', { entity: entityName(t, error.entity) });
    case 'GateBlocked':
      return t('errors.GateBlocked', {
        to: stageName(t, error.to),
        missing: gateMissingTexts(t, error).join(separator),
      });
    case 'TransitionNotAllowed':
      return transitionText(t, error);
    case 'SignInFailed':
      return t(`sync.signIn.failed.${error.reason}`);
    case 'SyncFailed':
      return syncFailedText(t, error.reason);
    case 'UserAdminFailed':
      return error.reason === 'invalid'
        ? t('sync.users.failed.invalid', { message: error.message })
        : t(`sync.users.failed.${error.reason}`);
    case 'Forbidden':
      return t(`pipelines.forbidden.${error.action}`);
    case 'RuleRefused':
      return refusalsText(t, error.refusals, label);
    case 'Unavailable':
      return t('errors.Unavailable');
    case 'InternalError':
      return t('errors.InternalError');
  }
}

/** Why "Sync now" did not finish, when the engine knows the cause. */
function syncFailedText(t: TFunction, reason: SyncFailureReason | undefined): string {
  switch (reason) {
    case 'unreachable':
      return t('sync.failed.unreachable');
    case 'signedOut':
      return t('sync.failed.signedOut');
    default:
      return t('sync.failed.generic');
  }
}

/** Every unmet part of a gate, one phrase each: fields, unticked checklist items, approvals. */
export function gateMissingTexts(t: TFunction, error: GateBlocked): string[] {
  return [
    ...error.missing.map((m) => requirementText(t, error.phase, m)),
    ...(error.unchecked ?? []).map((item) =>
      t('pipelines.missing.checklist', { item: item.label }),
    ),
    ...(error.approvals ?? []).map((stage) =>
      t('pipelines.missing.approval', { stage: stageName(t, stage) }),
    ),
  ];
}

export function isMoveRefusal(error: CrmErrorData): error is MoveRefusal {
  return error.type === 'GateBlocked' || error.type === 'TransitionNotAllowed';
}
