import type { RxCollection } from 'rxdb';
import { validationError } from '../api/errors';
import {
  blankFills,
  type FieldFill,
  type MergeKind,
  type MergeMoves,
  type MergePreview,
  type MergeResult,
} from '../api/merge-contract';
import type { RecordBase } from '../domain/entities';
import { mayChange } from '../rules/ownership';
import { plain, retryOnConflict, type CoreContext } from './context';
import type { LtcDocuments } from './database';
import { findOrNotFound, updateRecord, type RecordCollection } from './records';
import { assertValidDocument } from './validation';

/*
 * MERGING source INTO target (the same customer or person entered twice).
 *
 * RxDB has no transaction across documents, so a merge is made safe by order and idempotence:
 *   1. Check everything before the first write: both exist, they differ, the target is open (not
 *      archived, not itself merged away), the source is open or already merged into THIS target
 *      (an unfinished or repeated merge), kind-specific rules, that a rep owns every record the
 *      merge writes (the sync server would refuse the rest), and the schema of the target with
 *      its blanks filled and of the archived source. A refused merge writes nothing.
 *   2. Stamp the source `mergedInto: target` (still open): the marker of a merge under way.
 *   3. Fill the target's blanks from the source (its own values stay).
 *   4. Re-point every record that refers to the source (contacts, opportunities, … activities).
 *   5. Archive the source.
 * Interrupted anywhere after 2, the source is left open WITH the stamp; the source's dialog says
 * "merged into X" and offers to finish, and running the merge again repeats 3–5, each of which
 * changes only what is not yet done (blanks still blank, references still to the source). Running
 * it again after it finished is harmless too, and picks up records that sync brought in later
 * still pointing at the source (made offline on another device before the merge reached it).
 */

type MergeCollection = 'leads' | 'accounts' | 'contacts';
type Mergeable = LtcDocuments[MergeCollection];

/** A record that refers to the merged kind: its collection and the field holding the id. */
export interface Reference {
  collection: RecordCollection;
  field: string;
  moves: keyof MergeMoves;
}

export interface MergeSpec {
  kind: MergeKind;
  collection: MergeCollection;
  references: Reference[];
  /** Kind-specific refusals, after the common ones. */
  check?(source: Mergeable, target: Mergeable): void;
}

const COLLECTION_OF: Record<MergeKind, MergeCollection> = {
  lead: 'leads',
  account: 'accounts',
  contact: 'contacts',
};
export const collectionOf = (kind: MergeKind) => COLLECTION_OF[kind];

function withFills<T extends object>(record: T, fills: FieldFill[], at: number): T {
  if (fills.length === 0) return record;
  const next: Record<string, unknown> = { ...record, updatedAt: at };
  for (const { field, value } of fills) next[field] = value;
  return next as T;
}

/**
 * Who may change a record is the rulebook's (shared/rules/ownership.ts; a rep only their own). A
 * merge the rulebook would half refuse must not start: checked in step 1, over the two records
 * and every record the merge re-points.
 */
function assertMayWrite(
  ctx: CoreContext,
  records: readonly { collection: string; record: RecordBase }[],
): void {
  const foreign = records
    .filter(({ collection, record }) => !mayChange(ctx.currentUser, collection, record as never))
    .map(({ record }) => record)[0];
  if (foreign) {
    throw validationError(
      [{ field: 'ownerId', code: 'invalid' }],
      `record ${foreign.id} belongs to someone else: a rep merges only their own records`,
    );
  }
}

/** The common refusals of step 1; the errors name the argument a person would have to change. */
export function assertMergeable(source: Mergeable & RecordBase, target: Mergeable): void {
  if (target.archived || target.mergedInto) {
    throw validationError(
      [{ field: 'targetId', code: 'notFound' }],
      `target ${target.id} is archived${target.mergedInto ? ` (merged into ${target.mergedInto})` : ''}`,
    );
  }
  if (source.mergedInto && source.mergedInto !== target.id) {
    throw validationError(
      [{ field: 'sourceId', code: 'notFound' }],
      `source ${source.id} was already merged into ${source.mergedInto}`,
    );
  }
  if (source.archived && !source.mergedInto) {
    throw validationError(
      [{ field: 'sourceId', code: 'notFound' }],
      `source ${source.id} is archived`,
    );
  }
}

async function readPair(ctx: CoreContext, spec: MergeSpec, sourceId: string, targetId: string) {
  if (sourceId === targetId) {
    throw validationError(
      [{ field: 'targetId', code: 'invalid' }],
      `a ${spec.kind} cannot be merged into itself`,
    );
  }
  const collection = ctx.database[spec.collection] as unknown as RxCollection<Mergeable>;
  const source = plain(await findOrNotFound(collection, sourceId));
  const target = plain(await findOrNotFound(collection, targetId));
  assertMergeable(source, target);
  spec.check?.(source, target);
  return { source, target };
}

/** Every record that points at the source now, per reference (what step 4 re-points). */
async function referencing(ctx: CoreContext, spec: MergeSpec, sourceId: string) {
  const found: { ref: Reference; records: RecordBase[] }[] = [];
  for (const ref of spec.references) {
    const collection = ctx.database[ref.collection] as unknown as RxCollection<RecordBase>;
    const docs = await collection.find({ selector: { [ref.field]: sourceId } }).exec();
    found.push({ ref, records: docs.map((doc) => plain(doc)) });
  }
  return found;
}

function countMoves(found: { ref: Reference; records: RecordBase[] }[]): MergeMoves {
  const moves: MergeMoves = {};
  for (const { ref, records } of found) {
    if (records.length > 0) moves[ref.moves] = (moves[ref.moves] ?? 0) + records.length;
  }
  return moves;
}

/** Step 1 alone: what the merge would write. */
export async function previewMerge(
  ctx: CoreContext,
  spec: MergeSpec,
  sourceId: string,
  targetId: string,
): Promise<MergePreview> {
  const { source, target } = await readPair(ctx, spec, sourceId, targetId);
  const found = await referencing(ctx, spec, sourceId);
  assertMayWrite(ctx, [
    { collection: spec.collection, record: source },
    { collection: spec.collection, record: target },
    ...found.flatMap((f) => f.records.map((record) => ({ collection: f.ref.collection, record }))),
  ]);
  return { ...blankFills(spec.kind, target, source), moves: countMoves(found) };
}

export function runMerge<T extends Mergeable>(
  ctx: CoreContext,
  spec: MergeSpec,
  sourceId: string,
  targetId: string,
): Promise<MergeResult<T>> {
  return retryOnConflict(() => merge<T>(ctx, spec, sourceId, targetId));
}

async function merge<T extends Mergeable>(
  ctx: CoreContext,
  spec: MergeSpec,
  sourceId: string,
  targetId: string,
): Promise<MergeResult<T>> {
  // Step 1.
  const { source, target } = await readPair(ctx, spec, sourceId, targetId);
  const found = await referencing(ctx, spec, sourceId);
  assertMayWrite(ctx, [
    { collection: spec.collection, record: source },
    { collection: spec.collection, record: target },
    ...found.flatMap((f) => f.records.map((record) => ({ collection: f.ref.collection, record }))),
  ]);
  const at = ctx.now();
  const { fills } = blankFills(spec.kind, target, source);
  assertValidDocument(spec.collection, withFills(target, fills, at));
  const archived = { ...source, mergedInto: targetId, archived: true, updatedAt: at };
  assertValidDocument(spec.collection, archived);

  const name = spec.collection;
  // Each write re-reads its record and re-checks (a sync may have changed it since step 1).
  const update = (id: string, change: (current: Mergeable) => Mergeable) =>
    updateRecord(ctx, name, id, change as never) as Promise<Mergeable>;
  // Step 2.
  await update(sourceId, (current) => {
    assertMergeable(current, target);
    return current.mergedInto === targetId
      ? current
      : { ...current, mergedInto: targetId, updatedAt: at };
  });
  // Step 3: blanks judged on the target as it is now, so a value written meanwhile is kept.
  let filled: FieldFill[] = [];
  const finalTarget = await update(targetId, (current) => {
    if (current.archived) throw validationError([{ field: 'targetId', code: 'notFound' }]);
    filled = blankFills(spec.kind, current, source).fills;
    return withFills(current, filled, at);
  });
  // Step 4: the records found in step 1 (one that sync adds meanwhile is for a rerun to move).
  const moves: MergeMoves = {};
  for (const { ref, records } of found) {
    for (const { id } of records) {
      let moved = false;
      await updateRecord(ctx, ref.collection, id, ((current: Record<string, unknown>) => {
        // Re-pointed meanwhile (or pointed elsewhere by a person): left as it is.
        if (current[ref.field] !== sourceId) return current;
        moved = true;
        return { ...current, [ref.field]: targetId, updatedAt: at };
      }) as never);
      if (moved) moves[ref.moves] = (moves[ref.moves] ?? 0) + 1;
    }
  }
  // Step 5.
  const finalSource = await update(sourceId, (current) =>
    current.archived ? current : { ...current, archived: true, updatedAt: at },
  );
  return { target: finalTarget as T, source: finalSource as T, fills: filled, moves };
}

/** "Merge" from a create dialog: the typed values fill the existing record's blanks. */
export function fillBlanks<T extends Mergeable>(
  ctx: CoreContext,
  kind: MergeKind,
  id: string,
  values: object,
): Promise<{ target: T; fills: FieldFill[] }> {
  let fills: FieldFill[] = [];
  return updateRecord(ctx, collectionOf(kind), id, ((current: Mergeable) => {
    if (current.archived) throw validationError([{ field: 'id', code: 'notFound' }]);
    assertMayWrite(ctx, [{ collection: collectionOf(kind), record: current }]);
    fills = blankFills(kind, current, values).fills;
    return withFills(current, fills, ctx.now());
  }) as never).then((target) => ({ target: target as T, fills }));
}
