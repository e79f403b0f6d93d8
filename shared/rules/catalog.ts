import type { HistoryRecordType } from '../domain/entities';
import type { Phase } from '../domain/phases';

/**
 * What the rules know about each synced collection: which phase's stages it moves through, which
 * fields point at other records, which fields only managers see. The rules, the sync server's
 * reference index and the sync client's push grouping all read this one table.
 */

/** A document as the rules see it: plain JSON, no RxDB bookkeeping. */
export type Doc = Record<string, unknown>;

export const STAGED_COLLECTIONS = {
  leads: 'lead',
  opportunities: 'opportunity',
  contracts: 'contract',
  deliveries: 'delivery',
  invoices: 'invoice',
} as const satisfies Record<string, Phase>;
export type StagedCollection = keyof typeof STAGED_COLLECTIONS;

export const PHASE_COLLECTIONS: Record<Phase, StagedCollection> = {
  lead: 'leads',
  opportunity: 'opportunities',
  contract: 'contracts',
  delivery: 'deliveries',
  invoice: 'invoices',
};

export function phaseOf(collection: string): Phase | undefined {
  return (STAGED_COLLECTIONS as Record<string, Phase | undefined>)[collection];
}

/** The append-only record histories: facts about other records, never edited. */
export const AUDIT_COLLECTIONS = ['stageevents', 'fieldchanges'] as const;
export type AuditCollection = (typeof AUDIT_COLLECTIONS)[number];

export function isAuditCollection(collection: string): collection is AuditCollection {
  return (AUDIT_COLLECTIONS as readonly string[]).includes(collection);
}

/** The collections the rulebook governs (others, such as a test's, get schema checks only). */
export const RULED_COLLECTIONS = [
  'accounts',
  'contacts',
  'leads',
  'opportunities',
  'contracts',
  'deliveries',
  'invoices',
  'payments',
  'activities',
  'pipelines',
  ...AUDIT_COLLECTIONS,
] as const;

export function isRuled(collection: string): boolean {
  return (RULED_COLLECTIONS as readonly string[]).includes(collection);
}

/** A field change's recordType (the schema title) → the collection that holds such records. */
export const HISTORY_TYPE_COLLECTIONS: Record<HistoryRecordType, string> = {
  account: 'accounts',
  contact: 'contacts',
  lead: 'leads',
  opportunity: 'opportunities',
  contract: 'contracts',
  delivery: 'deliveries',
  invoice: 'invoices',
  payment: 'payments',
  activity: 'activities',
  pipeline: 'pipelines',
};

/** An activity's recordType → collection. */
const ACTIVITY_RECORD_COLLECTIONS: Record<string, string> = {
  account: 'accounts',
  contact: 'contacts',
  ...PHASE_COLLECTIONS,
};

/**
 * One field that names another record. `mustExist`: the server refuses the document while the
 * record it names is not in the firm (or is deleted). Fields stamped before their record is
 * written (a contract's deliveryId and invoiceIds, an opportunity's contractId, a lead's
 * conversion ids before Converted) mark work in progress and may name a record not yet there.
 */
interface ReferenceField {
  field: string;
  collection: string | ((doc: Doc) => string | undefined);
  mustExist: boolean | ((doc: Doc) => boolean);
}

const converted = (doc: Doc) => doc.stage === 'converted';

const REFERENCE_FIELDS: Record<string, ReferenceField[]> = {
  contacts: [{ field: 'accountId', collection: 'accounts', mustExist: true }],
  leads: [
    { field: 'convertedAccountId', collection: 'accounts', mustExist: converted },
    { field: 'convertedContactId', collection: 'contacts', mustExist: converted },
    { field: 'convertedOpportunityId', collection: 'opportunities', mustExist: converted },
  ],
  opportunities: [
    { field: 'accountId', collection: 'accounts', mustExist: true },
    { field: 'contactId', collection: 'contacts', mustExist: true },
    { field: 'contractId', collection: 'contracts', mustExist: false },
  ],
  contracts: [
    { field: 'accountId', collection: 'accounts', mustExist: true },
    { field: 'contactId', collection: 'contacts', mustExist: true },
    { field: 'opportunityId', collection: 'opportunities', mustExist: true },
    { field: 'deliveryId', collection: 'deliveries', mustExist: false },
    { field: 'invoiceIds', collection: 'invoices', mustExist: false },
  ],
  deliveries: [
    { field: 'contractId', collection: 'contracts', mustExist: true },
    { field: 'accountId', collection: 'accounts', mustExist: true },
  ],
  invoices: [
    { field: 'contractId', collection: 'contracts', mustExist: true },
    { field: 'accountId', collection: 'accounts', mustExist: true },
  ],
  payments: [{ field: 'invoiceId', collection: 'invoices', mustExist: true }],
  activities: [
    {
      field: 'recordId',
      collection: (doc) => ACTIVITY_RECORD_COLLECTIONS[String(doc.recordType)],
      mustExist: true,
    },
  ],
  fieldchanges: [
    {
      field: 'recordId',
      collection: (doc) =>
        HISTORY_TYPE_COLLECTIONS[String(doc.recordType) as HistoryRecordType] ?? undefined,
      mustExist: true,
    },
  ],
  stageevents: [
    {
      field: 'recordId',
      collection: (doc) => PHASE_COLLECTIONS[doc.phase as Phase],
      mustExist: true,
    },
  ],
};

/** A reference of one document: the field, the record it names, and whether that must exist. */
export interface Reference {
  field: string;
  collection: string;
  id: string;
  mustExist: boolean;
}

/** Every record `doc` names, by field (a list field gives one reference per element). */
export function referencesOf(collection: string, doc: Doc): Reference[] {
  const out: Reference[] = [];
  for (const ref of REFERENCE_FIELDS[collection] ?? []) {
    const target = typeof ref.collection === 'function' ? ref.collection(doc) : ref.collection;
    if (!target) continue;
    const mustExist = typeof ref.mustExist === 'function' ? ref.mustExist(doc) : ref.mustExist;
    const value = doc[ref.field];
    const ids = Array.isArray(value) ? value : [value];
    for (const id of ids) {
      if (typeof id === 'string' && id !== '') {
        out.push({ field: ref.field, collection: target, id, mustExist });
      }
    }
  }
  return out;
}

/**
 * Where records of `collection` may be named by a record that depends on them (collection and
 * field): for "is this record named anywhere?" on a device, which has no reference index. A field
 * whose target depends on the document (an activity's record) is listed for every collection;
 * the caller checks each document it finds with dependsOn. The audit trail is not listed: a
 * record's history does not keep the record from being deleted (see dependsOn).
 */
export function referrersOf(collection: string): { collection: string; field: string }[] {
  const out: { collection: string; field: string }[] = [];
  for (const [from, fields] of Object.entries(REFERENCE_FIELDS)) {
    if (isAuditCollection(from)) continue;
    for (const ref of fields) {
      if (typeof ref.collection === 'function' || ref.collection === collection) {
        out.push({ collection: from, field: ref.field });
      }
    }
  }
  return out;
}

/**
 * The references that make a record depend on another: those that must exist, from records that
 * are not the audit trail (a stage event names its record, but the history of a deleted record
 * is still history). Such a reference keeps its target from being deleted.
 */
export function dependsOn(collection: string, doc: Doc): Reference[] {
  if (isAuditCollection(collection)) return [];
  return referencesOf(collection, doc).filter((ref) => ref.mustExist);
}

/**
 * Fields only managers and admins see and write (经理备注: a floor price, a private note). The
 * server never sends them to a rep, and keeps their stored value when a rep's device pushes a
 * document without them.
 */
export const MANAGER_ONLY_FIELDS: Record<string, readonly string[]> = {
  opportunities: ['managerNote'],
};

export function managerOnlyFields(collection: string): readonly string[] {
  return MANAGER_ONLY_FIELDS[collection] ?? [];
}

/** Fields that describe no edit: identity, timestamps and the stage bookkeeping of a move. */
export const NOT_EDIT_FIELDS = new Set([
  'id',
  'createdAt',
  'createdBy',
  'updatedAt',
  'stage',
  'stageEnteredAt',
  'stageOrder',
]);
