/**
 * Data for bench/sync-server.ts: organisations, reps with bearer tokens, and what a rep's laptop
 * pushes at the end of a day: new deals in the first stage, each with its creation stage event,
 * on customers (accounts and contacts) the rep already has on the server, so that the server's
 * rulebook (shared/rules) accepts every row. The baseline writes the same rows, events included,
 * straight into the same database through the store (SyncStore.pushBatch writing every row as is:
 * no HTTP, no JSON schema check, no rulebook, no conflict check, one transaction per batch).
 */
import { DEFAULT_TOKEN_TTL_MS, issueToken } from '../server/auth/tokens';
import type { BatchWrite, SyncStore, UserRow } from '../server/store/index';
import { newId } from '../shared/domain/ids';
import type { Opportunity } from '../shared/domain/entities';
import type { PushRow, WireDocument } from '../shared/sync/protocol';
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

/** A new record of `owner`, made by them at `at`, as the core writes it. */
function newRecord(
  owner: Pick<BenchUser, 'id' | 'name'>,
  at: number,
  id: string,
  fields: Partial<WireDocument>,
): WireDocument {
  return {
    id,
    createdAt: at,
    updatedAt: at,
    createdBy: owner.id,
    ownerId: owner.id,
    ownerName: owner.name,
    archived: false,
    _deleted: false,
    ...fields,
  };
}

/** A customer of a rep on the server: an account and a contact there. */
export interface Customer {
  accountId: string;
  contactId: string;
}

/**
 * `count` customers of `owner` written straight into the store (as if pushed on an earlier day):
 * the accounts and contacts the new deals name, which the rulebook checks exist.
 */
export async function customers(
  store: SyncStore,
  orgId: string,
  owner: Pick<BenchUser, 'id' | 'name'>,
  count: number,
): Promise<Customer[]> {
  const at = Date.now();
  const record = (fields: Partial<WireDocument>) => newRecord(owner, at, newId(), fields);
  const result: Customer[] = [];
  const writes: BatchWrite[] = [];
  for (let i = 0; i < count; i++) {
    const account = record({ name: `客户 ${i} 有限公司`, industry: '制造' });
    const contact = record({ accountId: account.id, name: `联系人 ${i}` });
    result.push({ accountId: String(account.id), contactId: String(contact.id) });
    writes.push(
      { collection: 'accounts', id: String(account.id), data: account, updatedBy: owner.id },
      { collection: 'contacts', id: String(contact.id), data: contact, updatedBy: owner.id },
    );
  }
  await store.pushBatch(orgId, () => Promise.resolve(writes));
  return result;
}

/**
 * `count` new deals of `owner` as their laptop pushes them: in Qualify of the built-in pipeline,
 * on the rep's customers in turn, each with the stage event of its creation alongside.
 */
export function newDeals(
  count: number,
  owner: Pick<BenchUser, 'id' | 'name'>,
  set: number,
  on: readonly Customer[],
): PushRow[] {
  const at = Date.now();
  return Array.from({ length: count }, (_, i): PushRow => {
    const customer = on[i % on.length]!;
    const id = benchId(set, i);
    return {
      newDocumentState: newRecord(owner, at, id, {
        title: `商机 ${i}：ERP 与数据平台`,
        accountId: customer.accountId,
        ...(i % 5 === 4 ? {} : { contactId: customer.contactId }),
        pipelineId: 'default',
        stage: 'qualify',
        stageOrder: 0,
        stageEnteredAt: at,
        probability: 10,
        ...(i % 7 === 6 ? {} : { amount: { minor: 10_000_00 + i * 1_000_00, currency: 'CNY' } }),
      }),
      stageEvents: [
        {
          id: benchId(set + 0x8000, i),
          phase: 'opportunity',
          recordId: id,
          to: 'qualify',
          at,
          by: owner.id,
          byName: owner.name,
          _deleted: false,
        },
      ],
    };
  });
}

/** The baseline: `rows` into `orgId` in transactions of `batch` rows; returns elapsed ms. */
export async function insertStraight(
  store: SyncStore,
  orgId: string,
  rows: readonly PushRow[],
  batch: number,
  updatedBy: string,
): Promise<number> {
  const start = performance.now();
  for (let i = 0; i < rows.length; i += batch) {
    await insertBatch(store, orgId, rows.slice(i, i + batch), updatedBy);
  }
  return performance.now() - start;
}

/** One batch of rows, each record with the stage events it brings, in one transaction. */
export async function insertBatch(
  store: SyncStore,
  orgId: string,
  rows: readonly PushRow[],
  updatedBy: string,
): Promise<void> {
  const writes: BatchWrite[] = rows.flatMap((row) => [
    {
      collection: COLLECTION,
      id: String(row.newDocumentState.id),
      data: row.newDocumentState,
      updatedBy,
      // As the server marks what a push creates, so the baseline skips the same reference delete.
      created: row.assumedMasterState === undefined,
    },
    ...(row.stageEvents ?? []).map((event) => ({
      collection: 'stageevents',
      id: String(event.id),
      data: { ...event, _deleted: false },
      updatedBy,
      created: true,
    })),
  ]);
  const notices = await store.pushBatch(orgId, () => Promise.resolve(writes));
  if (notices.length === 0) throw new Error('straight insert wrote nothing');
}
