import type { SqliteConnection, SqliteSynchronous, TableState } from './connection';
import type { TableLayout } from './table-layout';

export interface SqliteStorageOptions {
  /** Each RxDB database name maps to `${directory}/${databaseName}.sqlite`. */
  directory: string;
  /** See connection.ts for the measurements behind the default, NORMAL. */
  synchronous?: SqliteSynchronous;
}

/** Nothing to set per collection: every collection is laid out the same way. */
export type SqliteInstanceCreationOptions = Record<string, never>;

export interface SqliteStorageInternals {
  filePath: string;
  layout: TableLayout;
  table: TableState;
  connection: SqliteConnection;
}
