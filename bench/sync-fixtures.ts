/**
 * Data for bench/sync-server.ts: organisations, reps with bearer tokens, opportunity documents
 * valid against the LTC schema, and the baseline — the same rows written straight into the same
 * database through the store (SyncStore.push with a decide that writes every row as is: no HTTP,
 * no JSON schema check, no permission or conflict check, one transaction per batch).
 */
import { DEFAULT_TOKEN_TTL_MS, issueToken } from '../server/auth/tokens';
import type { SyncStore, UserRow } from '../server/store/index';
import { newId } from '../shared/domain/ids';
import type { Opportunity } from '../shared/domain/entities';
import type { WireDocument } from '../shared/sync/protocol';
import { COLLECTION } from './sync-client';
import { ltcDataSet } from './opportunity-data';

export interface BenchUser {
  id: string;
  orgId: string;
  name: string;
  token: string;
}

export async function createOrganisation(store: SyncStore, name: string): Promise<string> {
  const id = newId();
  await store.createOrganisation({ id, name, createdAt: Date.now() });
  return id;
}

/**
 * A rep straight in the store. The password hash is a placeholder: nobody signs in (scrypt for
 * 200 users would only slow the set-up), the token is issued directly.
 */
export async function createRep(store: SyncStore, orgId: string, name: string): Promise<BenchUser> {
  const row: UserRow = {
    id: newId(),
    orgId,
    username: `bench-${newId()}`,
    name,
    role: 'rep',
    passwordHash: 'bench-no-sign-in',
    disabled: false,
    createdAt: Date.now(),
  };
  await store.createUser(row);
  const { token } = await issueToken(store, row, Date.now(), DEFAULT_TOKEN_TTL_MS);
  return { id: row.id, orgId, name, token };
}

let templates: Opportunity[] = [];

/** UUID-shaped, unique per (set, i), at most 36 characters like the schema's ID. */
function benchId(set: number, i: number): string {
  return `0190b000-${set.toString(16).padStart(4, '0')}-7000-8000-${i.toString(16).padStart(12, '0')}`;
}

/**
 * `count` opportunities owned by `owner` (a rep may only create their own), from the storage
 * benchmarks' realistic data set; `set` keeps ids of different sets apart.
 */
export function opportunities(
  count: number,
  owner: Pick<BenchUser, 'id' | 'name'>,
  set: number,
): WireDocument[] {
  if (templates.length < count) templates = ltcDataSet(count, 2_000).opportunities;
  return templates.slice(0, count).map((template, i) => ({
    ...template,
    id: benchId(set, i),
    ownerId: owner.id,
    ownerName: owner.name,
    _deleted: false,
  }));
}

/** The baseline: `documents` into `orgId` in transactions of `batch` rows; returns elapsed ms. */
export async function insertStraight(
  store: SyncStore,
  orgId: string,
  documents: readonly WireDocument[],
  batch: number,
  updatedBy: string,
): Promise<number> {
  const start = performance.now();
  for (let i = 0; i < documents.length; i += batch) {
    await insertBatch(store, orgId, documents.slice(i, i + batch), updatedBy);
  }
  return performance.now() - start;
}

export async function insertBatch(
  store: SyncStore,
  orgId: string,
  documents: readonly WireDocument[],
  updatedBy: string,
): Promise<void> {
  const ids = documents.map((d) => d.id as string);
  const writes = documents.map((data) => ({ id: data.id as string, data, updatedBy }));
  const seq = await store.push(orgId, COLLECTION, ids, () => writes);
  if (seq === undefined) throw new Error('straight insert wrote nothing');
}
