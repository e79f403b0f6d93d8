import type { RxCollection, RxDocument } from 'rxdb';
import { CrmError, notFound } from '../api/errors';
import type { RecordBase } from '../domain/entities';
import { newId } from '../domain/ids';
import type { CollectionName } from '../schema/collections';
import { plain, retryOnConflict, type CoreContext } from './context';
import type { LtcDatabase, LtcDocuments } from './database';
import { newFieldChange } from './field-changes';
import { assertValidDocument } from './validation';

/** Collections whose documents are owned, archivable records (all but stage events and field changes). */
export type RecordCollection = {
  [C in CollectionName]: LtcDocuments[C] extends RecordBase ? C : never;
}[CollectionName];

/** The entity name errors carry ("account"), from the collection's schema title. */
export function entityOf(collection: RxCollection): string {
  return collection.schema.jsonSchema.title ?? collection.name;
}

/**
 * Command fields → document fields. `null` and `''` both mean "no value": null is how a patch
 * clears a field, and an emptied text box arrives as ''. Absent keys are left alone.
 */
export function applyPatch<T extends object>(current: T, patch: object): T {
  const next: Record<string, unknown> = { ...(current as Record<string, unknown>) };
  for (const [key, value] of Object.entries(patch)) {
    if (value === undefined) continue;
    if (value === null || value === '') delete next[key];
    else next[key] = value;
  }
  return next as T;
}

export async function findOrNotFound<T>(
  collection: RxCollection<T>,
  id: string,
): Promise<RxDocument<T>> {
  const doc = await collection.findOne(id).exec();
  if (!doc) throw notFound(entityOf(collection), id);
  return doc;
}

/** The fields every new record starts with: a device-made id, now, and the acting user as owner. */
export function newRecordBase(ctx: CoreContext): RecordBase {
  const at = ctx.now();
  return {
    id: newId(),
    createdAt: at,
    updatedAt: at,
    ownerId: ctx.currentUser.id,
    ownerName: ctx.currentUser.name,
    archived: false,
    createdBy: ctx.currentUser.id,
  };
}

/** A new owned record: base fields filled in, empty fields dropped, schema-checked, inserted. */
export async function insertRecord<C extends RecordCollection>(
  ctx: CoreContext,
  name: C,
  fields: object,
): Promise<LtcDocuments[C]> {
  const doc = applyPatch(newRecordBase(ctx), fields) as LtcDocuments[C];
  assertValidDocument(name, doc);
  const collection = ctx.database[name] as unknown as RxCollection<LtcDocuments[C]>;
  return plain(await collection.insert(doc));
}

/**
 * Reads, changes and writes one record against the revision it read (a plain `modify`, not an
 * incremental one), so `check` always judges the state that is actually replaced.
 *
 * Every update that changes a field a person would call a change also writes a FieldChange (the
 * record's history; see field-changes.ts), so every command built on updateRecord / patchRecord /
 * archiveRecord is in the history without doing anything. Order and failure:
 *   1. the entry is made and schema-checked together with the record, before anything is written;
 *   2. the record is written; 3. the entry is inserted.
 * A crash (or a failed insert) between 2 and 3 leaves a record change without its history line.
 * That is the acceptable side to fail on: the record is the truth and stays right, and a missing
 * line only makes the history less complete, whereas writing the entry first could leave a line
 * claiming a change that never happened. The window is one local write long, and a failed insert
 * does not turn a saved edit into an error: the person would retry a save that already happened.
 */
export async function updateRecord<C extends RecordCollection>(
  ctx: CoreContext,
  name: C,
  id: string,
  change: (current: LtcDocuments[C]) => LtcDocuments[C] | Promise<LtcDocuments[C]>,
): Promise<LtcDocuments[C]> {
  const collection = ctx.database[name] as unknown as RxCollection<LtcDocuments[C]>;
  const { record, history } = await retryOnConflict(async () => {
    const doc = await findOrNotFound(collection, id);
    const current = plain(doc);
    const next = await change(current);
    if (next === current) return { record: current, history: undefined };
    assertValidDocument(name, next);
    const entry = newFieldChange(ctx, entityOf(collection), current, next);
    if (entry) assertValidDocument('fieldchanges', entry);
    return { record: plain(await doc.modify(() => next)), history: entry };
  });
  // A database opened with only some collections (several sync clients in one test process,
  // under RxDB's limit of open collections) keeps no history; hosts always open them all.
  const log = ctx.database.collections.fieldchanges as LtcDatabase['fieldchanges'] | undefined;
  if (history && log) {
    await log.insert(history).catch((error: unknown) => {
      console.warn(`history entry for ${name}/${id} not written`, error);
    });
  }
  return record;
}

export function patchRecord<C extends RecordCollection>(
  ctx: CoreContext,
  name: C,
  id: string,
  patch: object,
  check: (next: LtcDocuments[C]) => Promise<void> = async () => undefined,
): Promise<LtcDocuments[C]> {
  return updateRecord(ctx, name, id, async (current) => {
    // A merged duplicate is kept only to point at the record that was kept; an edit here would
    // be lost from every view (it is archived), so it is refused with where to make it instead.
    const mergedInto = (current as { mergedInto?: string }).mergedInto;
    if (mergedInto) {
      throw new CrmError({
        type: 'Merged',
        message: `${name} ${id} was merged into ${mergedInto}`,
        entity: entityOf(ctx.database[name] as unknown as RxCollection),
        id,
        mergedInto,
      });
    }
    const next = { ...applyPatch(current, patch), updatedAt: ctx.now() };
    await check(next);
    return next;
  });
}

/** Archiving is idempotent: an archived record stays as it is. */
export function archiveRecord<C extends RecordCollection>(
  ctx: CoreContext,
  name: C,
  id: string,
): Promise<LtcDocuments[C]> {
  return updateRecord(ctx, name, id, (current) =>
    current.archived ? current : { ...current, archived: true, updatedAt: ctx.now() },
  );
}
