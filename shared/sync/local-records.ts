import type { RxCollection } from 'rxdb';
import type { CurrentUser } from '../core/context';
import { writeUnjudged } from '../core/rulebook';
import { newId } from '../domain/ids';
import { phaseOf } from '../rules/catalog';
import { fieldsOfUnit } from './merge';
import type { ConflictEntry } from './types';

// Sync works on any replicated collection; their document types differ.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyCollection = RxCollection<any>;

function hasField(collection: AnyCollection, field: string): boolean {
  const properties = collection.schema.jsonSchema.properties as Record<string, unknown>;
  return field in properties;
}

function clone<T>(value: T): T {
  return value === undefined ? value : (JSON.parse(JSON.stringify(value)) as T);
}

/** Every place a record names its person: owner, creator, author, who asked and who decided. */
function reownDocument(data: Record<string, unknown>, from: CurrentUser, to: CurrentUser): boolean {
  let changed = false;
  const swap = (target: Record<string, unknown>, idField: string, nameField?: string) => {
    if (target[idField] !== from.id) return;
    target[idField] = to.id;
    if (nameField) target[nameField] = to.name;
    changed = true;
  };
  swap(data, 'ownerId', 'ownerName');
  swap(data, 'by', 'byName');
  swap(data, 'createdBy');
  for (const list of ['approvals']) {
    const entries = data[list];
    if (!Array.isArray(entries)) continue;
    for (const entry of entries as Record<string, unknown>[]) {
      swap(entry, 'by', 'byName');
      swap(entry, 'requestedBy', 'requestedByName');
    }
  }
  return changed;
}

/**
 * Hands records made before the first sign-in (by the device's local profile) to the server user,
 * so the server accepts them (a rep may only create records they own, history entries must be
 * their author's) and they stay the person's own: owner, creator, stage-event author, and the
 * approvals the person gave while alone on the device (a rep's are refused by the server then,
 * as any approval a rep gives; a manager's or admin's stand). Housekeeping, not an edit: the
 * rulebook does not judge it (shared/core/rulebook.ts).
 */
export async function reownRecords(
  collections: readonly AnyCollection[],
  from: CurrentUser,
  to: CurrentUser,
  now: number,
): Promise<number> {
  if (from.id === to.id) return 0;
  let changed = 0;
  for (const collection of collections) {
    const idField = hasField(collection, 'ownerId')
      ? 'ownerId'
      : hasField(collection, 'by')
        ? 'by'
        : undefined;
    if (!idField) continue;
    // Approvals name people too (a colleague's deal may carry the person's decision): those
    // collections are read whole, once, at sign-in.
    const selector = hasField(collection, 'approvals') ? {} : { [idField]: from.id };
    const docs = await collection.find({ selector }).exec();
    const touchesUpdatedAt = hasField(collection, 'updatedAt');
    const rewritten = docs.flatMap((doc) => {
      const data = doc.toMutableJSON() as Record<string, unknown>;
      if (!reownDocument(data, from, to)) return [];
      if (touchesUpdatedAt) data.updatedAt = Math.max(now, Number(data.updatedAt ?? 0));
      return [data];
    });
    if (rewritten.length === 0) continue;
    const ids = rewritten.map((data) => String(data[collection.schema.primaryPath as string]));
    const result = await writeUnjudged(collection.database, collection.name, ids, () =>
      collection.bulkUpsert(rewritten),
    );
    if (result.error.length > 0) throw result.error[0];
    changed += rewritten.length;
  }
  return changed;
}

/**
 * Writes a replicated state (the server's, for a discarded problem) as the local document in one
 * write, deleted or not, so the push that follows carries exactly that state.
 */
export async function writeReplicatedState(
  collection: AnyCollection,
  id: string,
  state: Record<string, unknown> & { _deleted: boolean },
): Promise<void> {
  const { _deleted, ...fields } = state;
  const local = await collection.findOne(id).exec();
  // The server's own state, not an edit of the person's: the rulebook does not judge it.
  await writeUnjudged(collection.database, collection.name, [id], async () => {
    if (local) await local.incrementalModify(() => ({ ...clone(fields), _deleted }));
    else if (!_deleted) await collection.upsert(clone(fields));
  });
}

/**
 * Writes a conflict entry's overwritten value (or group of values) back as a local edit, by `by`.
 * Restoring a stage is a move like any other: from the stage the record has now to the restored
 * one, entered now, with its stage event, judged by the same rules (a gate that is not met says
 * why, and nothing is written).
 */
export async function restoreOverwritten(
  collection: AnyCollection,
  entry: ConflictEntry,
  now: number,
  by: CurrentUser,
): Promise<void> {
  const doc = await collection.findOne(entry.recordId).exec();
  if (!doc) throw new Error('the record no longer exists on this device');
  const fields = fieldsOfUnit(entry.collection, entry.field);
  const values: Record<string, unknown> = entry.overwrittenFields ?? {
    [entry.field]: entry.overwrittenValue,
  };
  const phase = phaseOf(collection.name);
  const current = doc.toMutableJSON() as Record<string, unknown>;
  const move =
    phase &&
    fields.includes('stage') &&
    values.stage !== undefined &&
    values.stage !== current.stage
      ? {
          id: newId(),
          phase,
          recordId: entry.recordId,
          from: String(current.stage),
          to: String(values.stage),
          at: Math.max(now, Number(current.stageEnteredAt) + 1),
          by: by.id,
          byName: by.name,
          ...(typeof values.lostReason === 'string' && values.stage === 'lost'
            ? { reason: values.lostReason }
            : {}),
        }
      : undefined;
  const write = () =>
    doc.incrementalModify((data: Record<string, unknown>) => {
      const next = { ...data };
      for (const field of fields) {
        if (values[field] === undefined) delete next[field];
        else next[field] = clone(values[field]);
      }
      if (move) next.stageEnteredAt = move.at;
      if (typeof next.updatedAt === 'number') next.updatedAt = Math.max(now, next.updatedAt);
      return next;
    });
  if (!move) {
    await write();
    return;
  }
  const events = collection.database.collections.stageevents as AnyCollection;
  const event = await events.insert(move);
  try {
    await write();
  } catch (error) {
    await event.remove().catch(() => undefined);
    throw error;
  }
}
