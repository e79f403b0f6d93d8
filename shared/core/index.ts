import type { RxStorage } from 'rxdb';
import type { CrmService } from '../api/crm-api';
import { analyticsStoreOf } from './analytics-store';
import type { CoreContext, CurrentUser } from './context';
import { openLtcDatabase, type LtcDatabase } from './database';
import { searchIndexOf } from './search-index';
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
  /**
   * How long after opening the quick search's index starts building by itself (default 500 ms,
   * so the first screen's queries come first); a search asked earlier starts it at once.
   */
  searchIndexStartMs?: number;
  /**
   * How long after opening the analytics store starts reading the collections by itself
   * (default 1 s); a dashboard opened earlier starts it at once.
   */
  analyticsStoreStartMs?: number;
}

export interface CrmCore {
  service: CrmService;
  database: LtcDatabase;
  /**
   * Who the core writes as from now on (owner of new records, author of stage events). The host
   * calls it when a sync account signs in (the server user) or out (the device's local profile);
   * records written before keep their owner.
   */
  setCurrentUser(user: CurrentUser): void;
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
  const ctx: CoreContext = {
    database,
    currentUser: { ...options.currentUser },
    now: options.now ?? Date.now,
  };
  searchIndexOf(database, options.searchIndexStartMs);
  analyticsStoreOf(database, options.analyticsStoreStartMs);
  return {
    service: createCrmService(ctx),
    database,
    setCurrentUser: (user) => {
      // Handlers read ctx.currentUser on every call, so replacing it affects new writes only.
      ctx.currentUser = { id: user.id, name: user.name, ...(user.role ? { role: user.role } : {}) };
    },
    close: async () => {
      await database.close();
    },
  };
}
