import type { CommandHandlers, CrmService, QueryHandlers } from '../api/crm-api';
import type { RxCollection } from 'rxdb';
import type { CoreContext } from '../core/context';
import type { LtcDatabase } from '../core/database';
import { subscribeLive } from '../core/live';
import { assertEmpty, forgetSampleLoad, importSampleBatch } from './import';
import { sampleSelector } from './marker';
import { simulateSampleFirm } from './simulate';
import { currentDemoStatus, demoStatus$ } from './status';

type DemoCommands = Pick<CommandHandlers, 'demo/load' | 'demo/import' | 'demo/remove'>;
type DemoQueries = Pick<QueryHandlers, 'demo/status'>;

/** Collections whose documents name a record (recordId): history and activities of sample records. */
const ABOUT_RECORDS = ['stageevents', 'fieldchanges', 'activities'] as const;

/**
 * Removes the sample firm: every document a sample person owns or wrote, and the history and
 * activities about a sample record even if a real person added them while trying the app (they
 * would point at nothing). Documents are removed for good: RxDB keeps only a deletion marker,
 * and the sync engine drops sample documents from every push, deletions included.
 */
export async function removeSampleData(database: LtcDatabase): Promise<number> {
  const sampleIds = new Set<string>();
  let removed = 0;
  // Generic over every collection: each has ownerId (records) or by (history), typed apart.
  const collections = Object.values(database.collections) as unknown as RxCollection[];
  for (const collection of collections) {
    const properties = collection.schema.jsonSchema.properties as Record<string, unknown>;
    const field = 'ownerId' in properties ? 'ownerId' : 'by' in properties ? 'by' : undefined;
    if (!field) continue;
    const docs = await collection.find({ selector: sampleSelector(field) }).exec();
    for (const doc of docs) sampleIds.add(doc.primary);
    if (docs.length > 0) {
      const result = await collection.bulkRemove(docs.map((d) => d.primary));
      if (result.error.length > 0) throw result.error[0];
      removed += docs.length;
    }
  }
  for (const name of ABOUT_RECORDS) {
    const collection = database[name];
    const docs = (await collection.find().exec()).filter((d) => sampleIds.has(d.recordId));
    if (docs.length > 0) {
      const result = await collection.bulkRemove(docs.map((d) => d.primary));
      if (result.error.length > 0) throw result.error[0];
      removed += docs.length;
    }
  }
  return removed;
}

export function demoCommands(
  ctx: CoreContext,
  makeService: (ctx: CoreContext) => CrmService,
): DemoCommands {
  return {
    'demo/load': async ({ language, leads, seed }) => {
      await assertEmpty(ctx);
      await simulateSampleFirm(ctx.database, makeService, {
        language,
        leads,
        seed,
        end: ctx.now(),
      });
      return currentDemoStatus(ctx.database);
    },
    'demo/import': (args) => importSampleBatch(ctx, args),
    'demo/remove': async () => {
      forgetSampleLoad(ctx.database);
      return { removed: await removeSampleData(ctx.database) };
    },
  };
}

export function demoQueries(ctx: CoreContext): DemoQueries {
  return {
    'demo/status': (_args, onResult, onError) =>
      subscribeLive(demoStatus$(ctx.database), onResult, onError),
  };
}
