import { COLLECTION_SCHEMAS } from '../schema/collections';
import type { Actor } from './actor';
import { NOT_EDIT_FIELDS, referencesOf, type AuditCollection, type Doc } from './catalog';
import type { RuleFacts } from './facts';
import { mayChange } from './ownership';
import { checkReferences } from './references';
import { checkStamps } from './stamps';
import { ALLOWED, combine, refuse, type Verdict } from './verdict';

/*
 * The audit trail on its own: a stage event or field change written as a document of its own
 * collection (a field change always is; a stage event normally travels with the record it moves,
 * see stage-chain.ts). Entries are facts: written once, never changed or deleted, by the person
 * they name, about a record that person may change, and describing that record.
 */

function schemaFields(collection: string): Set<string> {
  const schema = (COLLECTION_SCHEMAS as Record<string, { properties: Record<string, unknown> }>)[
    collection
  ];
  return new Set(schema ? Object.keys(schema.properties) : []);
}

export function checkAuditEntry(
  actor: Actor,
  collection: AuditCollection,
  before: Doc | undefined,
  entry: Doc,
  deleted: boolean,
  facts: RuleFacts,
): Verdict {
  if (before || deleted) return refuse('appendOnly');
  const stamps = checkStamps(actor, collection, undefined, entry, facts);
  const references = checkReferences(collection, undefined, entry, false, facts);
  if (!stamps.ok || !references.ok) return combine([stamps, references]);
  const [ref] = referencesOf(collection, entry);
  const record = ref && facts.record(ref.collection, ref.id);
  if (!ref || !record) return refuse('referenceMissing', 'recordId');
  if (!mayChange(actor, ref.collection, record)) {
    return refuse('notOwner', 'recordId', { ownerName: String(record.ownerName ?? '') });
  }
  if (collection === 'fieldchanges') {
    const fields = schemaFields(ref.collection);
    const changes = Array.isArray(entry.changes) ? (entry.changes as Doc[]) : [];
    const wrong = changes.find((item) => {
      const field = String(item.field);
      return !fields.has(field) || NOT_EDIT_FIELDS.has(field);
    });
    return wrong ? refuse('auditField', 'changes', { field: String(wrong.field) }) : ALLOWED;
  }
  // A stage event on its own can only be the record's latest move, which it then describes.
  const describes = record.stage === entry.to && record.stageEnteredAt === entry.at;
  return describes ? ALLOWED : refuse('auditNotInRecord', 'to');
}
