/**
 * The sample firm at a size, imported into the desktop core's SQLite files in `directory`
 * (database "firm") as the app's Load sample data does: simulated in memory, then written with
 * the core's demo/import. Returns how many documents were written.
 */
import { getRxStorageSqlite } from '../main/storage/sqlite';
import { openCrmCore } from '../shared/core/index';
import { simulateFirmInMemory } from '../shared/demo/export';

export async function importSampleFirm(directory: string, leads: number): Promise<number> {
  const firm = await simulateFirmInMemory({ language: 'zh-CN', now: Date.now(), leads });
  const core = await openCrmCore({
    storage: getRxStorageSqlite({ directory }),
    databaseName: 'firm',
    currentUser: { id: 'bench-user', name: '基准' },
  });
  await core.service.commands['demo/import']({ collections: firm.collections });
  await core.close();
  return Object.values(firm.collections).reduce((n, docs) => n + docs.length, 0);
}
