import type {
  FieldChange,
  FieldChangeItem,
  HistoryRecordType,
  RecordBase,
} from '../domain/entities';
import { HISTORY_RECORD_TYPES } from '../domain/entities';
import { newId } from '../domain/ids';
import { sameValue } from '../domain/same-value';
import { NOT_EDIT_FIELDS } from '../rules/catalog';
import { FIELD_CHANGE_VALUE_MAX, MAX_CHANGED_FIELDS } from '../schema/field-change-schema';
import type { CoreContext } from './context';

/*
 * The field-change log: what each saved command changed on a record, who and when.
 *
 * Values are kept as short display strings, not as the values themselves:
 *  - one fixed JSON schema: the storage and the sync server validate every document with ajv,
 *    and "a value of any field of any entity" has no schema worth the name;
 *  - bounded size: an entry is never bigger than a few hundred characters per field, however
 *    long the note or the line-item list that changed (the record keeps the full value);
 *  - stable: history is read, never replayed, so it need not follow later schema migrations of
 *    the record it describes.
 * Text is kept as it is (cut with "…" past FIELD_CHANGE_VALUE_MAX); numbers and booleans as
 * String(); money, lists and other objects as JSON (cut the same way), which the UI turns back
 * into "¥12,000.00" or "3 items" when it still parses.
 */

/**
 * Fields that are not edits (identity, timestamps, the stage bookkeeping every stage change
 * writes, which has its own history in the stage events): the rulebook's list, which the server
 * also holds field changes to.
 */
const NOT_HISTORY = NOT_EDIT_FIELDS;

/** Cuts by code points, as ajv's maxLength counts, so an emoji or 汉字 is never split. */
function cut(text: string): string {
  const chars = Array.from(text);
  return chars.length <= FIELD_CHANGE_VALUE_MAX
    ? text
    : `${chars.slice(0, FIELD_CHANGE_VALUE_MAX - 1).join('')}…`;
}

/** A value as the log stores it; undefined for "no value". */
export function displayValue(value: unknown): string | undefined {
  if (value === undefined || value === null || value === '') return undefined;
  if (typeof value === 'string') return cut(value);
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return cut(JSON.stringify(value));
}

/** The fields that differ between two versions of a record, in the record's field order. */
export function diffRecord(before: object, after: object): FieldChangeItem[] {
  const old = before as Record<string, unknown>;
  const next = after as Record<string, unknown>;
  const fields = [...new Set([...Object.keys(old), ...Object.keys(next)])];
  const items: FieldChangeItem[] = [];
  for (const field of fields) {
    if (NOT_HISTORY.has(field) || sameValue(old[field], next[field])) continue;
    const item: FieldChangeItem = { field };
    const from = displayValue(old[field]);
    const to = displayValue(next[field]);
    if (from !== undefined) item.from = from;
    if (to !== undefined) item.to = to;
    items.push(item);
  }
  return items;
}

export function isHistoryRecordType(entity: string): entity is HistoryRecordType {
  return (HISTORY_RECORD_TYPES as readonly string[]).includes(entity);
}

/**
 * The log entry for one update, or undefined when nothing a person would call a change happened
 * (an unchanged save, a stage-only write) or the entity keeps no field history.
 */
export function newFieldChange(
  ctx: CoreContext,
  entity: string,
  before: RecordBase,
  after: RecordBase,
): FieldChange | undefined {
  if (!isHistoryRecordType(entity)) return undefined;
  // Every entity has far fewer fields than the schema's bound; the cut is only a guard.
  const changes = diffRecord(before, after).slice(0, MAX_CHANGED_FIELDS);
  if (changes.length === 0) return undefined;
  return {
    id: newId(),
    recordType: entity,
    recordId: after.id,
    at: ctx.now(),
    by: ctx.currentUser.id,
    byName: ctx.currentUser.name,
    changes,
  };
}
