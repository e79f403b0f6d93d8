import type { RxCollection } from 'rxdb';
import type { CurrentUser } from '../core/context';
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

/**
 * Hands records made before the first sign-in (owned by the device's local profile) to the server
 * user, so the server accepts them (a rep may only create records they own) and they stay the
 * person's own. Stage events carry their author in `by`/`byName` instead of an owner.
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
    const [idField, nameField] = hasField(collection, 'ownerId')
      ? ['ownerId', 'ownerName']
      : hasField(collection, 'by')
        ? ['by', 'byName']
        : [undefined, undefined];
    if (!idField || !nameField) continue;
    const docs = await collection.find({ selector: { [idField]: from.id } }).exec();
    if (docs.length === 0) continue;
    const touchesUpdatedAt = hasField(collection, 'updatedAt');
    const result = await collection.bulkUpsert(
      docs.map((doc) => {
        const data = doc.toMutableJSON() as Record<string, unknown>;
        data[idField] = to.id;
        data[nameField] = to.name;
        if (touchesUpdatedAt) data.updatedAt = Math.max(now, Number(data.updatedAt ?? 0));
        return data;
      }),
    );
    if (result.error.length > 0) throw result.error[0];
    changed += docs.length;
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
  if (local) await local.incrementalModify(() => ({ ...clone(fields), _deleted }));
  else if (!_deleted) await collection.upsert(clone(fields));
}

/** Writes a conflict entry's overwritten value (or group of values) back as a local edit. */
export async function restoreOverwritten(
  collection: AnyCollection,
  entry: ConflictEntry,
  now: number,
): Promise<void> {
  const doc = await collection.findOne(entry.recordId).exec();
  if (!doc) throw new Error('the record no longer exists on this device');
  const fields = fieldsOfUnit(entry.collection, entry.field);
  const values: Record<string, unknown> = entry.overwrittenFields ?? {
    [entry.field]: entry.overwrittenValue,
  };
  await doc.incrementalModify((data: Record<string, unknown>) => {
    const next = { ...data };
    for (const field of fields) {
      if (values[field] === undefined) delete next[field];
      else next[field] = clone(values[field]);
    }
    if (typeof next.updatedAt === 'number') next.updatedAt = Math.max(now, next.updatedAt);
    return next;
  });
}
