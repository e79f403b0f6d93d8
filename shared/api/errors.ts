import type { ContractRequirement } from '../domain/contracts';
import type { DeliveryRequirement } from '../domain/delivery';
import type { GateRequirement } from '../domain/gates';
import type { Money } from '../domain/money';
import type { Phase } from '../domain/phases';
import type { Refusal } from '../rules/verdict';
import type { CertificateToTrust, SignInFailure, UserAdminFailure } from '../sync/types';

/**
 * One invalid field: `field` is the argument path ("amount.minor"), `code` a stable i18n key.
 * tooShort: under a minimum length above one (a password); taken: the value must be unique and
 * is already in use (a username, as the sync server answers); tooLarge: above a maximum that
 * depends on the data (a payment above the amount due), which `params.max` carries.
 */
export interface FieldIssue {
  field: string;
  code:
    | 'required'
    | 'tooShort'
    | 'tooLong'
    | 'invalid'
    | 'notFound'
    | 'unknownField'
    | 'taken'
    | 'tooLarge'
    /** A new password the server finds too easy to guess. */
    | 'weak'
    /** Plain http:// to another computer, which the transport rule refuses (shared/security/transport). */
    | 'insecure';
  /** What the message needs besides the field: tooLarge carries the largest allowed amount. */
  params?: { max?: Money };
}

/**
 * Every error that crosses the API boundary (IPC, or the in-page host) is one of these plain,
 * serialisable objects. The UI picks its text from the i18n catalog by `type` and details;
 * `message` is for logs. Anything unexpected becomes InternalError: never a stack trace in the UI.
 */
export type CrmErrorData =
  | { type: 'ValidationError'; message: string; fields: FieldIssue[] }
  | { type: 'NotFound'; message: string; entity: string; id: string }
  /** The record was merged into another (mergedInto): edits belong on the record that was kept. */
  | { type: 'Merged'; message: string; entity: string; id: string; mergedInto: string }
  | {
      type: 'TransitionNotAllowed';
      message: string;
      phase: Phase;
      from: string;
      to: string;
      reason: string;
      /** The stage that would be allowed instead (reopen target, last open stage), if known. */
      expected?: string;
    }
  | {
      type: 'GateBlocked';
      message: string;
      phase: Phase;
      from: string;
      to: string;
      /** What the gate asks for that is not there yet; the names depend on the phase. */
      missing: (GateRequirement | ContractRequirement | DeliveryRequirement)[];
      /** The gate's checklist items not ticked (pipelines with checklists). */
      unchecked?: { id: string; label: string; stage: string }[];
      /** Stages whose manager approval is not given yet. */
      approvals?: string[];
    }
  /** Sign-in to the sync server failed; `reason` picks the sentence (wrong password, offline…). */
  | {
      type: 'SignInFailed';
      message: string;
      reason: SignInFailure;
      /** untrustedCertificate, certificateChanged: the fingerprints the dialog shows to compare. */
      certificate?: CertificateToTrust;
    }
  /** "Sync now" did not finish; `reason` picks the sentence when the cause is known. */
  | { type: 'SyncFailed'; message: string; reason?: SyncFailureReason }
  /**
   * A user-administration call failed for a reason that belongs to no form field (not an admin,
   * the last active admin, server unreachable…); field problems come as ValidationError.
   */
  | { type: 'UserAdminFailed'; message: string; reason: UserAdminFailure }
  /**
   * The firm's rules (shared/rules) refuse the write: a colleague's record, an approval only a
   * manager may give, a field a passed gate holds… Each refusal has a stable code the UI words.
   */
  | { type: 'RuleRefused'; message: string; refusals: Refusal[] }
  /** The acting person's role may not do this (a rep approving a gate, changing pipelines). */
  | { type: 'Forbidden'; message: string; action: 'approve' | 'configurePipelines' }
  /** This host does not offer the command or query (a core hosted without sync). */
  | { type: 'Unavailable'; message: string; name: string }
  | { type: 'InternalError'; message: string };

export type CrmErrorType = CrmErrorData['type'];

/**
 * Why a sync did not finish: not signed in (or the server no longer accepts the sign-in), the
 * server cannot be reached, the server answered with an error, or sync was stopped meanwhile.
 */
export type SyncFailureReason = 'signedOut' | 'unreachable' | 'server' | 'stopped';

export class CrmError extends Error {
  readonly data: CrmErrorData;
  constructor(data: CrmErrorData) {
    super(data.message);
    this.name = data.type;
    this.data = data;
  }
  get type(): CrmErrorType {
    return this.data.type;
  }
}

export function validationError(fields: FieldIssue[], message?: string): CrmError {
  return new CrmError({
    type: 'ValidationError',
    message: message ?? `invalid fields: ${fields.map((f) => f.field).join(', ')}`,
    fields,
  });
}

export function notFound(entity: string, id: string): CrmError {
  return new CrmError({ type: 'NotFound', message: `${entity} ${id} not found`, entity, id });
}

export function toCrmErrorData(error: unknown): CrmErrorData {
  if (error instanceof CrmError) return error.data;
  return { type: 'InternalError', message: 'internal error' };
}

/** The result envelope that crosses IPC: thrown errors lose their shape there, envelopes don't. */
export type Envelope<T> = { ok: true; value: T } | { ok: false; error: CrmErrorData };
