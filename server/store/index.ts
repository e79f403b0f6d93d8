import { openPostgresStore } from './postgres';
import { openSqliteStore } from './sqlite';
import type { SyncStore } from './types';

export * from './types';

export type SyncStoreConfig =
  | { kind: 'sqlite'; file: string }
  /** `schema`: see PostgresStoreOptions (tests use one schema per run). */
  | { kind: 'postgres'; databaseUrl: string; schema?: string };

/** Opens the store and brings its tables up to date (migrate()). */
export function openSyncStore(config: SyncStoreConfig): Promise<SyncStore> {
  return config.kind === 'sqlite'
    ? openSqliteStore(config.file)
    : openPostgresStore({
        databaseUrl: config.databaseUrl,
        ...(config.schema !== undefined && { schema: config.schema }),
      });
}
