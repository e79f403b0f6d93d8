// `node --import tsx scripts/demo-stats.ts [en]`: simulates the sample firm in memory and prints
// its records per collection and stage, to tune the simulation (shared/demo) by looking at it.
import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import { openCrmCore } from '../shared/core/index';

async function main(): Promise<void> {
  const core = await openCrmCore({
    storage: getRxStorageMemory(),
    databaseName: 'demo-stats',
    currentUser: { id: 'demo-stats', name: '' },
  });
  const started = Date.now();
  await core.service.commands['demo/load']({ language: process.argv[2] === 'en' ? 'en' : 'zh-CN' });
  console.log(`simulated in ${Date.now() - started} ms`);
  for (const [name, collection] of Object.entries(core.database.collections)) {
    const docs = (await collection.find().exec()).map((d) => d.toJSON() as Record<string, unknown>);
    const stages: Record<string, number> = {};
    for (const d of docs)
      if (typeof d.stage === 'string') stages[d.stage] = (stages[d.stage] ?? 0) + 1;
    console.log(name.padEnd(14), String(docs.length).padStart(5), JSON.stringify(stages));
  }
  await core.close();
}

void main();
