import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { RxDocumentData, RxJsonSchema, RxStorage, RxStorageInstance } from 'rxdb';
import { fillWithDefaultSettings, now, randomToken } from 'rxdb';
import type { SqliteInstanceCreationOptions, SqliteStorageInternals } from './types';

/** Test helpers for this folder's tests. Not imported by product code. */
export interface Deal {
  id: string;
  title: string;
  stage: string;
  amount: number;
}

export const DEAL_SCHEMA = fillWithDefaultSettings<Deal>({
  version: 0,
  primaryKey: 'id',
  type: 'object',
  properties: {
    id: { type: 'string', maxLength: 40 },
    title: { type: 'string', maxLength: 100 },
    stage: { type: 'string', maxLength: 20 },
    amount: { type: 'integer', minimum: 0, maximum: 1_000_000_000, multipleOf: 1 },
  },
  required: ['id', 'title', 'stage', 'amount'],
  indexes: [['stage', 'amount'], 'title'],
}) as RxJsonSchema<RxDocumentData<Deal>>;

export type DealInstance = RxStorageInstance<
  Deal,
  SqliteStorageInternals,
  SqliteInstanceCreationOptions
>;

export function tempDirectory(): { path: string; remove(): void } {
  const path = mkdtempSync(join(tmpdir(), 'ltc-sqlite-storage-'));
  return { path, remove: () => rmSync(path, { recursive: true, force: true }) };
}

export function openDeals(
  storage: RxStorage<SqliteStorageInternals, SqliteInstanceCreationOptions>,
  databaseName: string,
  collectionName = 'deals',
  schema: RxJsonSchema<RxDocumentData<Deal>> = DEAL_SCHEMA,
): Promise<DealInstance> {
  return storage.createStorageInstance<Deal>({
    databaseInstanceToken: randomToken(10),
    databaseName,
    collectionName,
    schema,
    options: {},
    multiInstance: false,
    devMode: false,
  });
}

let revision = 0;
export function dealDocument(fields: Partial<Deal> & { id: string }): RxDocumentData<Deal> {
  revision += 1;
  return {
    title: `Deal ${fields.id}`,
    stage: 'qualify',
    amount: 1000,
    ...fields,
    _deleted: false,
    _attachments: {},
    _rev: `1-${revision.toString(36).padStart(10, '0')}`,
    _meta: { lwt: now() },
  };
}

/** The next revision of a document, as RxDB writes it. */
export function nextVersion(
  previous: RxDocumentData<Deal>,
  change: Partial<RxDocumentData<Deal>>,
): RxDocumentData<Deal> {
  const height = Number(previous._rev.split('-')[0]) + 1;
  revision += 1;
  return {
    ...previous,
    ...change,
    _rev: `${height}-${revision.toString(36).padStart(10, '0')}`,
    _meta: { lwt: now() },
  };
}
