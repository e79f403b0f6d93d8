import { z } from 'zod';
import type { Account, Contact, Lead } from '../domain/entities';
import { normalizeEmail, normalizePhone, type LeadScorecard } from '../domain/leads';
import { id, optionalEmail, optionalText } from './fields';

/**
 * The duplicates-and-merge part of the CrmApi contract. Two records that are the same customer
 * (or person) become one: the TARGET keeps its values and fills its blanks from the SOURCE, every
 * record that pointed at the source points at the target, and the source is archived with
 * `mergedInto` saying where it went. Merged into commandSchemas with one spread.
 */

export const MERGE_KINDS = ['lead', 'account', 'contact'] as const;
export type MergeKind = (typeof MERGE_KINDS)[number];

/** The fields a merge may fill, per kind; the required ones (name, company) are never blank. */
export const MERGE_FIELDS = {
  lead: ['contactName', 'phone', 'email', 'source', 'scorecard'],
  account: ['industry', 'phone', 'website', 'address', 'notes'],
  contact: ['title', 'phone', 'email'],
} as const satisfies Record<MergeKind, readonly string[]>;

export type MergeField<K extends MergeKind> = (typeof MERGE_FIELDS)[K][number];
export type AnyMergeField = MergeField<MergeKind>;
export type MergeValue = string | LeadScorecard;

export interface FieldFill {
  field: AnyMergeField;
  value: MergeValue;
}
/** A field both records have, with different values: the target's stays. */
export interface FieldKept {
  field: AnyMergeField;
  kept: MergeValue;
  dropped: MergeValue;
}

/** Two ways of writing one phone number or email are no conflict worth showing. */
function sameValue(field: string, a: MergeValue, b: MergeValue): boolean {
  if (typeof a === 'string' && typeof b === 'string') {
    if (field === 'phone' && normalizePhone(a) !== '')
      return normalizePhone(a) === normalizePhone(b);
    if (field === 'email') return normalizeEmail(a) === normalizeEmail(b);
    return a.trim() === b.trim();
  }
  return JSON.stringify(a) === JSON.stringify(b);
}

const isBlank = (value: unknown) => value === undefined || value === null || value === '';

/**
 * What filling `target`'s blanks from `source` changes: pure, so the confirm dialog shows exactly
 * what the core will write (the core calls the same function on the records it read).
 */
export function blankFills(
  kind: MergeKind,
  target: object,
  source: object,
): { fills: FieldFill[]; kept: FieldKept[] } {
  const t = target as Record<string, MergeValue | undefined>;
  const s = source as Record<string, MergeValue | undefined>;
  const fills: FieldFill[] = [];
  const kept: FieldKept[] = [];
  for (const field of MERGE_FIELDS[kind]) {
    const value = s[field];
    if (isBlank(value) || value === undefined) continue;
    const current = t[field];
    if (isBlank(current) || current === undefined) fills.push({ field, value });
    else if (!sameValue(field, current, value)) kept.push({ field, kept: current, dropped: value });
  }
  return { fills, kept };
}

const pair = { sourceId: id, targetId: id };

export const mergeCommandSchemas = {
  /** Accounts that look like this name / phone (the account dialog's duplicate warning). */
  'accounts/findDuplicates': z.strictObject({
    name: optionalText(200),
    phone: optionalText(50),
    excludeId: id.optional(),
  }),
  /** Contacts with this phone or email, or this name in this account. */
  'contacts/findDuplicates': z.strictObject({
    accountId: id.optional(),
    name: optionalText(100),
    phone: optionalText(50),
    email: optionalText(254),
    excludeId: id.optional(),
  }),
  /** What merging source into target would write, without writing it. */
  'merge/preview': z.strictObject({ kind: z.enum(MERGE_KINDS), ...pair }),
  'leads/merge': z.strictObject(pair),
  'accounts/merge': z.strictObject(pair),
  'contacts/merge': z.strictObject(pair),
  /**
   * "Merge" from a create dialog: no new record; what the person typed fills the existing one's
   * blanks (its own values stay).
   */
  'leads/fillBlanks': z.strictObject({
    id,
    values: z.strictObject({
      contactName: optionalText(100),
      phone: optionalText(50),
      email: optionalEmail,
      source: optionalText(100),
    }),
  }),
  'accounts/fillBlanks': z.strictObject({
    id,
    values: z.strictObject({
      industry: optionalText(100),
      phone: optionalText(50),
      website: optionalText(200),
      address: optionalText(300),
      notes: optionalText(4000),
    }),
  }),
  'contacts/fillBlanks': z.strictObject({
    id,
    values: z.strictObject({
      title: optionalText(100),
      phone: optionalText(50),
      email: optionalEmail,
    }),
  }),
  /** The archived records merged into this one (the trail a target dialog shows). */
  'merge/mergedInto': z.strictObject({ kind: z.enum(MERGE_KINDS), targetId: id }),
  /** One lead, account or contact, archived or not (the record a merged one went into). */
  'merge/record': z.strictObject({ kind: z.enum(MERGE_KINDS), id }),
} as const;

/** Why two records look alike: the same normalised name, phone digits, or email. */
export type MatchField = 'name' | 'phone' | 'email';

export interface AccountDuplicate {
  kind: 'account';
  record: Account;
  matchedOn: MatchField[];
}
export interface ContactDuplicate {
  kind: 'contact';
  record: Contact;
  accountName: string;
  matchedOn: MatchField[];
}

/** The collections whose records a merge re-points, with how many it moves (or would). */
export type MergeMoves = Partial<
  Record<
    'contacts' | 'leads' | 'opportunities' | 'contracts' | 'deliveries' | 'invoices' | 'activities',
    number
  >
>;

export interface MergePreview {
  fills: FieldFill[];
  kept: FieldKept[];
  moves: MergeMoves;
}

export type MergedRecord =
  | { kind: 'lead'; record: Lead }
  | { kind: 'account'; record: Account }
  | { kind: 'contact'; record: Contact };

export interface MergeResult<T> {
  target: T;
  source: T;
  fills: FieldFill[];
  moves: MergeMoves;
}

export interface FillResult<T> {
  target: T;
  fills: FieldFill[];
}

export interface MergeCommandResults {
  'accounts/findDuplicates': AccountDuplicate[];
  'contacts/findDuplicates': ContactDuplicate[];
  'merge/preview': MergePreview;
  'leads/merge': MergeResult<Lead>;
  'accounts/merge': MergeResult<Account>;
  'contacts/merge': MergeResult<Contact>;
  'leads/fillBlanks': FillResult<Lead>;
  'accounts/fillBlanks': FillResult<Account>;
  'contacts/fillBlanks': FillResult<Contact>;
  'merge/mergedInto': MergedRecord[];
  'merge/record': MergedRecord | null;
}
