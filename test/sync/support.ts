import { mkdtempSync, rmSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll } from 'vitest';
import { getRxStorageSqlite } from '../../main/storage/sqlite';
import { startTestServer, type TestServer, type TestUser } from '../../server/test-support';
import { openLtcDatabase, type LtcDatabase } from '../../shared/core';
import type { Account, Opportunity } from '../../shared/domain/entities';
import { newId } from '../../shared/domain/ids';
import type { CollectionName } from '../../shared/schema/collections';
import { createSyncEngine, type SyncEngineOptions } from '../../shared/sync/engine';
import type { SyncEngine, SyncStatus, TokenVault } from '../../shared/sync/types';

/**
 * Sync clients for tests: each a real LTC database on the desktop's SQLite storage in a temp
 * folder (so closing and reopening keeps the data, as on a laptop), with a subset of the
 * collections so several clients fit under RxDB's 13 open collections per process.
 */
export const CLIENT_COLLECTIONS: readonly CollectionName[] = [
  'accounts',
  'opportunities',
  'stageevents',
];

export class MemoryVault implements TokenVault {
  token: string | undefined;
  async load() {
    return this.token;
  }
  async save(token: string) {
    this.token = token;
  }
  async clear() {
    this.token = undefined;
  }
}

export interface TestClient {
  name: string;
  database: LtcDatabase;
  engine: SyncEngine;
  vault: MemoryVault;
  /** Closes the engine and the database (the data stays in the folder). */
  close(): Promise<void>;
  /** Closes and opens database and engine again, as a restarted app does. */
  reopen(): Promise<void>;
  /** Stops only the engine: the database stays open for edits made "while the laptop was off". */
  stopEngine(): Promise<void>;
  startEngine(): Promise<void>;
}

export function clientFolder(): { directory: string; remove(): void } {
  const directory = mkdtempSync(path.join(tmpdir(), 'ltc-sync-client-'));
  return { directory, remove: () => rmSync(directory, { recursive: true, force: true }) };
}

export async function openClient(
  directory: string,
  name: string,
  engineOptions: Partial<SyncEngineOptions> = {},
): Promise<TestClient> {
  const vault = new MemoryVault();
  const startEngine = (database: LtcDatabase) =>
    createSyncEngine({
      database,
      vault,
      collections: CLIENT_COLLECTIONS,
      // Quick retries: the tests stop and start servers.
      backoff: { initialMs: 50, maxMs: 400 },
      retryTimeMs: 50,
      requestTimeoutMs: 10_000,
      ...engineOptions,
    });
  const open = async () => {
    const database = await openLtcDatabase({
      storage: getRxStorageSqlite({ directory }),
      databaseName: name,
      collections: CLIENT_COLLECTIONS,
      devMode: true,
    });
    return { database, engine: await startEngine(database) };
  };
  const client = { name, vault, ...(await open()) } as TestClient;
  client.close = async () => {
    await client.engine.close();
    if (!client.database.closed) await client.database.close();
  };
  client.reopen = async () => {
    await client.close();
    Object.assign(client, await open());
  };
  client.stopEngine = () => client.engine.close();
  client.startEngine = async () => {
    client.engine = await startEngine(client.database);
  };
  return client;
}

/**
 * A TCP relay in front of the server: stop() is "the server is unreachable" for the clients
 * (connections refused, open ones cut), start() brings it back on the same address.
 */
export async function startRelay(target: string) {
  const { hostname, port: targetPort } = new URL(target);
  const sockets = new Set<net.Socket>();
  let server: net.Server | undefined;
  let port = 0;
  const listen = () =>
    new Promise<void>((resolve, reject) => {
      const relay = net.createServer((incoming) => {
        const outgoing = net.connect(Number(targetPort), hostname);
        for (const socket of [incoming, outgoing]) {
          sockets.add(socket);
          socket.on('close', () => sockets.delete(socket));
          socket.on('error', () => {
            incoming.destroy();
            outgoing.destroy();
          });
        }
        incoming.pipe(outgoing).pipe(incoming);
      });
      relay.once('error', reject);
      relay.listen(port, '127.0.0.1', () => {
        port = (relay.address() as net.AddressInfo).port;
        server = relay;
        resolve();
      });
    });
  await listen();
  return {
    get url() {
      return `http://127.0.0.1:${port}`;
    },
    async stop() {
      const closing = new Promise<void>((resolve) => server?.close(() => resolve()));
      for (const socket of sockets) socket.destroy();
      await closing;
      server = undefined;
    },
    start: listen,
  };
}

/** The first status (current or coming) that passes `test`. Tests wait on behaviour, not time. */
export function statusUntil(
  engine: SyncEngine,
  test: (status: SyncStatus) => boolean,
): Promise<SyncStatus> {
  return new Promise((resolve) => {
    let done = false;
    // The listener is called once before watchStatus returns its unsubscribe.
    const watch: { stop?: () => void } = {};
    watch.stop = engine.watchStatus((status) => {
      if (done || !test(status)) return;
      done = true;
      watch.stop?.();
      resolve(status);
    });
    if (done) watch.stop();
  });
}

export const synced = (status: SyncStatus) =>
  status.state === 'synced' && status.pendingChanges === 0;

export interface SyncFixture {
  /** The file's server (set once beforeAll has run). */
  readonly server: TestServer;
  /** The temp folder the clients' SQLite files live in. */
  readonly folder: { directory: string; remove(): void };
  /** A client in the folder, closed after the test. */
  open(name: string, engineOptions?: Partial<SyncEngineOptions>): Promise<TestClient>;
  /** A new client signed in as `user` and synced. */
  signedIn(user: TestUser): Promise<TestClient>;
  /** A new firm with a manager and a rep (`names`: the manager's, then the rep's). */
  managerAndRep(names: [string, string]): Promise<{ manager: TestUser; rep: TestUser }>;
}

/**
 * The setup every engine test file shares: one real server for the file, a temp folder for its
 * clients, and every client closed after each test (RxDB's open-collection limit is per process).
 */
export function useSyncFixture(backend: 'sqlite' | 'postgres'): SyncFixture {
  let server: TestServer | undefined;
  let folder: SyncFixture['folder'] | undefined;
  const clients: TestClient[] = [];
  let names = 0;
  beforeAll(async () => {
    server = await startTestServer({ backend });
    folder = clientFolder();
  });
  afterEach(async () => {
    await Promise.all(clients.splice(0).map((client) => client.close()));
  });
  afterAll(async () => {
    await server?.close();
    folder?.remove();
  });
  const fixture: SyncFixture = {
    get server() {
      if (!server) throw new Error('the sync fixture is used before beforeAll');
      return server;
    },
    get folder() {
      if (!folder) throw new Error('the sync fixture is used before beforeAll');
      return folder;
    },
    async open(name, engineOptions = {}) {
      const client = await openClient(fixture.folder.directory, name, engineOptions);
      clients.push(client);
      return client;
    },
    async signedIn(user) {
      const client = await fixture.open(`client-${++names}`);
      await client.engine.signIn({
        serverUrl: fixture.server.url,
        firmCode: user.user.firmCode,
        username: user.user.username,
        password: user.password,
      });
      await statusUntil(client.engine, synced);
      return client;
    },
    async managerAndRep([managerName, repName]) {
      const manager = await fixture.server.createUser({ role: 'manager', name: managerName });
      const rep = await fixture.server.createUser({
        orgId: manager.user.orgId,
        role: 'rep',
        name: repName,
      });
      return { manager, rep };
    },
  };
  return fixture;
}

let clock = Date.UTC(2026, 2, 2, 9, 0, 0);
const tick = () => (clock += 1000);

export function account(owner: { id: string; name: string }, name: string): Account {
  const at = tick();
  return {
    id: newId(),
    name,
    ownerId: owner.id,
    ownerName: owner.name,
    archived: false,
    createdAt: at,
    updatedAt: at,
    createdBy: owner.id,
  };
}

export function opportunity(
  owner: { id: string; name: string },
  accountId: string,
  title: string,
): Opportunity {
  const at = tick();
  return {
    id: newId(),
    title,
    accountId,
    pipelineId: 'default',
    stage: 'qualify',
    stageEnteredAt: at,
    stageOrder: 0,
    probability: 10,
    amount: { minor: 100_000, currency: 'CNY' },
    ownerId: owner.id,
    ownerName: owner.name,
    archived: false,
    createdAt: at,
    updatedAt: at,
    createdBy: owner.id,
  };
}

/**
 * Inserts a new deal as the core does (shared/core/opportunities.ts): its creation stage event
 * first, then the deal. The server takes a record's stage only with the event that entered it.
 */
export async function insertOpportunity(database: LtcDatabase, opp: Opportunity): Promise<void> {
  await database.stageevents.insert({
    id: newId(),
    phase: 'opportunity',
    recordId: opp.id,
    to: opp.stage,
    at: opp.stageEnteredAt,
    by: opp.ownerId,
    byName: opp.ownerName,
  });
  await database.opportunities.insert(opp);
}

export { tick };

/** A new account and a deal on it, owned by `user`, made on `client` and pushed. */
export async function pushedDeal(
  client: TestClient,
  user: TestUser,
  [accountName, title]: [string, string],
): Promise<{ acct: Account; opp: Opportunity }> {
  const owner = { id: user.user.id, name: user.user.name };
  const acct = account(owner, accountName);
  const opp = opportunity(owner, acct.id, title);
  await client.database.accounts.insert(acct);
  await insertOpportunity(client.database, opp);
  await client.engine.syncNow();
  return { acct, opp };
}

/** Moves the deal from qualify to solution on `client` as `user` would (stage event first). */
export async function moveToSolution(
  client: TestClient,
  user: TestUser,
  oppId: string,
): Promise<{ at: number; eventId: string }> {
  const at = tick();
  const eventId = newId();
  await client.database.stageevents.insert({
    id: eventId,
    phase: 'opportunity',
    recordId: oppId,
    from: 'qualify',
    to: 'solution',
    at,
    by: user.user.id,
    byName: user.user.name,
  });
  const doc = await client.database.opportunities.findOne(oppId).exec();
  await doc?.incrementalPatch({
    stage: 'solution',
    stageEnteredAt: at,
    stageOrder: 1,
    probability: 40,
    updatedAt: at,
  });
  return { at, eventId };
}
