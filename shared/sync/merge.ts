/**
 * The client's conflict rule: a three-way merge per field, with the state both sides last agreed
 * on (RxDB's assumedMasterState) as the base. A field changed on one side takes that side's value;
 * a field changed on both sides to different values keeps THE SERVER'S value (the first edit to
 * reach the server wins; device clocks are never compared) and the local value is reported as a
 * conflict so the person can restore it. Pure: no clock, no I/O, same inputs → same output.
 */

/** A document as replication sees it: the record's fields plus `_deleted`. */
export type MergeDocument = Record<string, unknown>;

/**
 * Fields that only make sense together merge as one unit: a stage without its entry time (or its
 * board position, default probability, or the reason the gate asked for) would be a state neither
 * person made. The group's first field names it in the conflict log.
 */
export const FIELD_GROUPS: Readonly<Record<string, readonly (readonly string[])[]>> = {
  leads: [['stage', 'stageEnteredAt', 'disqualifiedReason']],
  opportunities: [['stage', 'stageEnteredAt', 'stageOrder', 'probability', 'lostReason']],
  contracts: [['stage', 'stageEnteredAt']],
  deliveries: [['stage', 'stageEnteredAt']],
  invoices: [['stage', 'stageEnteredAt']],
};

/** Never merged field by field: the key, and the bookkeeping the merge sets itself. */
const PRIMARY_KEY = 'id';
const UPDATED_AT = 'updatedAt';
/**
 * Deletion is merged like a field, but a disagreement about it (only possible when there is no
 * base) is not a conflict a person can restore from a list; the server's state stands.
 */
const DELETED = '_deleted';

export interface FieldConflict {
  /** The field, or the group's first field. */
  field: string;
  /** Every field of the unit (one for a plain field). */
  fields: readonly string[];
  /** The server's value of `field` (kept). */
  keptValue: unknown;
  /** The local value of `field` (overwritten). */
  overwrittenValue: unknown;
  /** For a group: the local values of all its fields (a missing key means the field was absent). */
  overwrittenFields?: Record<string, unknown>;
}

export interface MergeResult {
  merged: MergeDocument;
  conflicts: FieldConflict[];
}

/** The field units of a collection, in a fixed order, for the keys present in the documents. */
export function mergeUnits(collection: string, docs: readonly MergeDocument[]): string[][] {
  const groups = FIELD_GROUPS[collection] ?? [];
  const grouped = new Set(groups.flat());
  const keys = new Set<string>();
  for (const doc of docs) for (const key of Object.keys(doc)) keys.add(key);
  const singles = [...keys]
    .filter((key) => !grouped.has(key) && key !== PRIMARY_KEY && key !== UPDATED_AT)
    .sort();
  return [...groups.map((group) => [...group]), ...singles.map((key) => [key])];
}

/** The fields a conflict entry's field stands for (the whole group for a group's first field). */
export function fieldsOfUnit(collection: string, field: string): readonly string[] {
  return (FIELD_GROUPS[collection] ?? []).find((group) => group[0] === field) ?? [field];
}

export function mergeDocuments(
  collection: string,
  base: MergeDocument | undefined,
  local: MergeDocument,
  server: MergeDocument,
): MergeResult {
  const merged: MergeDocument = {};
  const conflicts: FieldConflict[] = [];
  const baseDoc = base ?? {};
  for (const unit of mergeUnits(collection, [baseDoc, local, server])) {
    const localChanged = !unitEqual(unit, baseDoc, local) || base === undefined;
    const serverChanged = !unitEqual(unit, baseDoc, server) || base === undefined;
    let winner = server;
    if (localChanged && !serverChanged) winner = local;
    else if (localChanged && serverChanged && !unitEqual(unit, local, server)) {
      const [field] = unit as [string, ...string[]];
      if (field !== DELETED) {
        conflicts.push({
          field,
          fields: unit,
          keptValue: server[field],
          overwrittenValue: local[field],
          ...(unit.length > 1 ? { overwrittenFields: pick(local, unit) } : {}),
        });
      }
    }
    for (const key of unit) if (winner[key] !== undefined) merged[key] = winner[key];
  }
  if (server[PRIMARY_KEY] !== undefined) merged[PRIMARY_KEY] = server[PRIMARY_KEY];
  const serverUpdated = server[UPDATED_AT];
  const localUpdated = local[UPDATED_AT];
  if (typeof serverUpdated === 'number') {
    // When the server's state wins every field, the result is exactly the server's document:
    // pushing it back is then a no-op instead of a new version that only moves updatedAt.
    const sameAsServer = mergeUnits(collection, [merged, server]).every((unit) =>
      unitEqual(unit, merged, server),
    );
    merged[UPDATED_AT] =
      !sameAsServer && typeof localUpdated === 'number'
        ? Math.max(serverUpdated, localUpdated)
        : serverUpdated;
  } else if (localUpdated !== undefined) {
    merged[UPDATED_AT] = localUpdated;
  }
  return { merged: orderKeys(merged), conflicts };
}

function pick(doc: MergeDocument, fields: readonly string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const field of fields) if (doc[field] !== undefined) out[field] = doc[field];
  return out;
}

function unitEqual(unit: readonly string[], a: MergeDocument, b: MergeDocument): boolean {
  return unit.every((key) => jsonEqual(a[key], b[key]));
}

function orderKeys(doc: MergeDocument): MergeDocument {
  return Object.fromEntries(
    Object.keys(doc)
      .sort()
      .map((key) => [key, doc[key]]),
  );
}

/** Deep equality of JSON values; an absent value equals only another absent value. */
export function jsonEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a) && Array.isArray(b)) {
    return a.length === b.length && a.every((item, i) => jsonEqual(item, b[i]));
  }
  const ra = a as Record<string, unknown>;
  const rb = b as Record<string, unknown>;
  const ka = Object.keys(ra).filter((k) => ra[k] !== undefined);
  const kb = Object.keys(rb).filter((k) => rb[k] !== undefined);
  return ka.length === kb.length && ka.every((k) => jsonEqual(ra[k], rb[k]));
}

/** JSON with sorted keys, so equal values always give the same text (ids, hashes). */
export function canonicalJson(value: unknown): string {
  if (value === undefined) return 'undefined';
  if (typeof value !== 'object' || value === null) return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const record = value as Record<string, unknown>;
  const keys = Object.keys(record)
    .filter((k) => record[k] !== undefined)
    .sort();
  return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson(record[k])}`).join(',')}}`;
}

/**
 * A 64-bit FNV-1a hash as 16 hex digits: synchronous and the same in Node and browsers (RxDB's
 * conflict handler must answer isEqual synchronously, and ids must not depend on the platform).
 */
export function hash64(text: string): string {
  let h1 = 0x811c9dc5;
  let h2 = 0x01000193 ^ text.length;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 0x01000193);
    h2 = Math.imul(h2 ^ c, 0x5bd1e995) ^ (h2 >>> 15);
  }
  return (h1 >>> 0).toString(16).padStart(8, '0') + (h2 >>> 0).toString(16).padStart(8, '0');
}
