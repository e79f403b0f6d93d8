import type { RxCollection } from 'rxdb';
import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import { withoutMeta } from '../core/context';
import { openCrmCore } from '../core/index';
import { createCrmService } from '../core/service';
import { newId } from '../domain/ids';
import type { SampleLanguage } from './firm';
import { simulateSampleFirm } from './simulate';

export interface SimulatedFirm {
  /** Collection name → its documents (plain data), ready for one bulk write each. */
  collections: Record<string, Record<string, unknown>[]>;
}

/**
 * Simulates the sample firm in a core of its own on RxDB's memory storage and hands back every
 * document. Runs where RxDB's per-process collection limit allows a second core: a web worker
 * (the app's Load sample data) or the demo script. Writing the result with one bulk insert per
 * collection is what makes loading take seconds rather than minutes on IndexedDB.
 */
export async function simulateFirmInMemory(options: {
  language: SampleLanguage;
  now: number;
  leads?: number;
  seed?: number;
  /** Share of the simulated year done, 0..1 (a big firm takes minutes in Node). */
  onProgress?: (yearDone: number) => void;
}): Promise<SimulatedFirm> {
  const core = await openCrmCore({
    storage: getRxStorageMemory(),
    databaseName: `sample-firm-${newId()}`,
    currentUser: { id: 'demo-host', name: '' },
    now: () => options.now,
  });
  try {
    // The simulation itself rather than demo/load, to pass onProgress: the database is new, so
    // demo/load's empty-database check has nothing to refuse.
    await simulateSampleFirm(core.database, createCrmService, {
      language: options.language,
      leads: options.leads,
      seed: options.seed,
      end: options.now,
      onProgress: options.onProgress,
    });
    const collections: SimulatedFirm['collections'] = {};
    const all = core.database.collections as unknown as Record<string, RxCollection>;
    for (const [name, collection] of Object.entries(all)) {
      const docs = await collection.find().exec();
      if (docs.length > 0) {
        collections[name] = docs.map((d) => withoutMeta(d._data) as Record<string, unknown>);
      }
    }
    return { collections };
  } finally {
    await core.close();
  }
}
