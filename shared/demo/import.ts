import type { RxCollection } from 'rxdb';
import type { DemoStatus } from '../api/demo-contract';
import { CrmError, validationError } from '../api/errors';
import type { CoreContext } from '../core/context';
import type { LtcDatabase } from '../core/database';
import { isSampleDocument, isSamplePerson } from './marker';
import { currentDemoStatus, hasRealRecords } from './status';

/** One demo/import command's arguments (see demo-contract.ts). */
export interface ImportBatch {
  collections: Record<string, Record<string, unknown>[]>;
  batch?: { loadId: string; index: number };
}

/**
 * The load each database has open: batch 0 opened it, later batches name it. Kept per database in
 * memory, not stored: a load cut off by a reload is not resumed, its records stay visible as
 * sample data and demo/remove takes them away; a later batch with an unknown id is refused.
 */
const openLoads = new WeakMap<LtcDatabase, string>();

export function forgetSampleLoad(database: LtcDatabase): void {
  openLoads.delete(database);
}

function taken(message: string): CrmError {
  return new CrmError({
    type: 'ValidationError',
    message,
    fields: [{ field: 'database', code: 'taken' }],
  });
}

/** Sample data goes only into a database without real records (and without sample data yet). */
export async function assertEmpty(ctx: CoreContext): Promise<void> {
  const status = await currentDemoStatus(ctx.database);
  if (status.hasRealRecords || status.present) {
    throw taken(
      status.present
        ? 'sample data is already loaded'
        : 'sample data loads only into an empty database: this one already holds records',
    );
  }
  if (isSamplePerson(ctx.currentUser.id)) {
    throw new CrmError({ type: 'InternalError', message: 'the acting person is a sample person' });
  }
}

/**
 * Batch 0 (or a whole firm in one command) gets the empty-database rule. A later batch only
 * continues the load batch 0 opened: the sample records of the earlier batches do not count
 * against it, real records made meanwhile do.
 */
async function assertMayImport(ctx: CoreContext, batch: ImportBatch['batch']): Promise<void> {
  if (!batch || batch.index === 0) return assertEmpty(ctx);
  if (openLoads.get(ctx.database) !== batch.loadId) {
    throw validationError(
      [{ field: 'batch.loadId', code: 'invalid' }],
      'no sample-data load with this id is open here: a load starts with batch 0',
    );
  }
  if (await hasRealRecords(ctx.database)) {
    throw taken('real records were made while sample data was loading');
  }
}

/**
 * Everything that can be checked before writing: known collections, sample documents only, no id
 * already stored. Field names say which collection and which document, so a bad batch reads as
 * "collections.leads.17" in a log rather than a bare storage error.
 */
async function assertBatchValid(
  known: Record<string, RxCollection | undefined>,
  collections: ImportBatch['collections'],
): Promise<void> {
  for (const [name, docs] of Object.entries(collections)) {
    const collection = known[name];
    const bad = docs.findIndex((doc) => !isSampleDocument(doc));
    if (!collection || bad >= 0) {
      throw validationError(
        [{ field: `collections.${name}`, code: 'invalid' }],
        collection
          ? `collections.${name}.${bad} is not sample data`
          : `collections.${name}: no such collection`,
      );
    }
    const ids = docs.map((doc) => String(doc[collection.schema.primaryPath]));
    const stored = await collection.findByIds(ids).exec();
    if (stored.size > 0) {
      throw validationError(
        [{ field: `collections.${name}`, code: 'taken' }],
        `collections.${name}: ${stored.size} of these ids are already stored`,
      );
    }
  }
}

/**
 * Writes one batch: one bulk write per collection. If the storage refuses a document (its schema
 * validator), what this batch already wrote is removed again before the refusal is thrown, so a
 * refused batch leaves none of its records behind.
 */
async function writeBatch(
  known: Record<string, RxCollection | undefined>,
  collections: ImportBatch['collections'],
): Promise<void> {
  const written: [RxCollection, string[]][] = [];
  try {
    for (const [name, docs] of Object.entries(collections)) {
      const collection = known[name]!;
      const result = await collection.bulkInsert(docs);
      written.push([collection, result.success.map((d) => d.primary)]);
      const first = result.error[0];
      if (first) {
        throw validationError(
          [{ field: `collections.${name}`, code: 'invalid' }],
          `collections.${name}: document ${String(first.documentId)} refused by the storage (${String(first.status)})`,
        );
      }
    }
  } catch (error) {
    for (const [collection, ids] of written) {
      if (ids.length > 0) await collection.bulkRemove(ids);
    }
    throw error;
  }
}

export async function importSampleBatch(ctx: CoreContext, args: ImportBatch): Promise<DemoStatus> {
  await assertMayImport(ctx, args.batch);
  const known = ctx.database.collections as Record<string, RxCollection | undefined>;
  await assertBatchValid(known, args.collections);
  await writeBatch(known, args.collections);
  if (args.batch?.index === 0) openLoads.set(ctx.database, args.batch.loadId);
  return currentDemoStatus(ctx.database);
}
