import type { RxStorage } from 'rxdb';
import type { CrmService } from '../api/crm-api';
import type { CurrentUser } from './context';
import { openLtcDatabase, type LtcDatabase } from './database';
import { createCrmService } from './service';
import { repairOrphanStageEvents } from './stage-events';

export type { LtcDatabase, LtcCollections, LtcDocuments } from './database';
export { openLtcDatabase } from './database';
export type { CurrentUser } from './context';
export { DEFAULT_PIPELINE_ID } from './opportunities';

export interface CrmCoreOptions {
  // Any RxStorage (memory, Dexie, the project's SQLite); their internals types differ.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  storage: RxStorage<any, any>;
  databaseName: string;
  currentUser: CurrentUser;
  /** The clock for every time the core writes; tests inject their own. */
  now?: () => number;
  devMode?: boolean;
  multiInstance?: boolean;
}

export interface CrmCore {
  service: CrmService;
  database: LtcDatabase;
  close(): Promise<void>;
}

/**
 * Opens the database, removes stage events a crash left without their stage change, and returns
 * the domain service that hosts (Electron main, the web page) put behind their bridge.
 */
export async function openCrmCore(options: CrmCoreOptions): Promise<CrmCore> {
  const database = await openLtcDatabase(options);
  try {
    await repairOrphanStageEvents(database);
  } catch (error) {
    await database.close();
    throw error;
  }
  const ctx = { database, currentUser: options.currentUser, now: options.now ?? Date.now };
  return {
    service: createCrmService(ctx),
    database,
    close: async () => {
      await database.close();
    },
  };
}
