import type { RxCollection } from 'rxdb';
import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import type { TestServer, TestUser } from '../../../server/test-support';
import type { CrmService } from '../../../shared/api/crm-api';
import { CrmError } from '../../../shared/api/errors';
import { openLtcDatabase, type LtcDatabase } from '../../../shared/core';
import { isWriteConflict } from '../../../shared/core/context';
import { createCrmService } from '../../../shared/core/service';
import { repairOrphanStageEvents } from '../../../shared/core/stage-events';
import { newId } from '../../../shared/domain/ids';
import type { CollectionName } from '../../../shared/schema/collections';
import { createSyncEngine } from '../../../shared/sync/engine';
import type { ConflictEntry, SyncEngine, SyncProblem } from '../../../shared/sync/types';
import { CLIENT_COLLECTIONS, MemoryVault, startRelay } from '../support';
import { clientState, serverState, sorted, type Snapshots } from './state';
import type { EditedCollection, Scenario, Step } from './steps';

/** Every local write a person made, in the order made (seq), across all clients. */
export type LedgerEntry =
  | { kind: 'create'; seq: number; client: number; collection: CollectionName; id: string }
  | { kind: 'delete'; seq: number; client: number; collection: EditedCollection; id: string }
  | {
      kind: 'edit';
      seq: number;
      client: number;
      collection: EditedCollection;
      id: string;
      /** The field, or the merge group's first field ('stage' for a move). */
      field: string;
      /**
       * The field whose value identifies this edit. A stage move is identified by its
       * stageEnteredAt (unique: the test clock never repeats); stages themselves repeat.
       */
      key: string;
      value: unknown;
      /** `key`'s value in the local state this edit replaced (undefined for a new record). */
      before: unknown;
    };

/** Omit over each member of the union (a plain Omit merges them). */
type WithoutSeq<E> = E extends unknown ? Omit<E, 'seq'> : never;
type Unsequenced = WithoutSeq<LedgerEntry>;

type Relay = Awaited<ReturnType<typeof startRelay>>;

export interface Peer {
  index: number;
  user: TestUser;
  relay: Relay;
  connected: boolean;
  database: LtcDatabase;
  engine: SyncEngine;
  service: CrmService;
  conflicts: ConflictEntry[];
  /** Every problem this client ever listed (a later refusal of the same record replaces one). */
  problemsSeen: SyncProblem[];
  problems: SyncProblem[];
  /** The state each local save replaced, by collection/id (RxDB's preSave hook). */
  replaced: Map<string, Record<string, unknown>>;
  stopWatching: () => void;
}

let runs = 0;

/**
 * A few desktops of one organisation, each its own RxDB database on memory storage running the
 * real sync engine through its own TCP relay (so one desktop can be cut off alone), the core's
 * service for edits, and a ledger of everything they did.
 */
export class Cluster {
  readonly peers: Peer[] = [];
  readonly ledger: LedgerEntry[] = [];
  /** Local inserts (service creates, stage events, …) per collection: the only ids allowed. */
  readonly created = new Map<CollectionName, Set<string>>(
    CLIENT_COLLECTIONS.map((name) => [name, new Set<string>()]),
  );
  private seq = 0;
  private value = 0;
  /** The core's clock, shared by all desktops: never repeats, so every move has its own time. */
  private clock = Date.UTC(2026, 3, 1, 9, 0, 0);
  private readonly run = ++runs;

  private constructor(readonly server: TestServer) {}

  static async start(server: TestServer, scenario: Scenario): Promise<Cluster> {
    const cluster = new Cluster(server);
    try {
      const first = await server.createUser({ role: 'manager', name: '经理 0' });
      for (let i = 0; i < scenario.clients; i++) {
        const rep = scenario.withRep && i === scenario.clients - 1;
        const user =
          i === 0
            ? first
            : await server.createUser({
                orgId: first.user.orgId,
                role: rep ? 'rep' : 'manager',
                name: `${rep ? '代表' : '经理'} ${i}`,
              });
        await cluster.openPeer(i, user);
      }
      // A shared start: each desktop creates an account with a deal, and everyone has them all.
      for (const peer of cluster.peers) {
        await cluster.step({ kind: 'createAccount', client: peer.index });
        await cluster.step({ kind: 'createOpportunity', client: peer.index, account: 0 });
      }
      for (let round = 0; round < 2; round++) {
        for (const peer of cluster.peers) await syncNow(peer);
      }
    } catch (error) {
      await cluster.close();
      throw error;
    }
    return cluster;
  }

  private async openPeer(index: number, user: TestUser): Promise<void> {
    const relay = await startRelay(this.server.url);
    const database = await openLtcDatabase({
      storage: getRxStorageMemory(),
      databaseName: `convergence-${this.run}-${index}-${newId().slice(-8)}`,
      collections: CLIENT_COLLECTIONS,
      devMode: true,
    });
    // What openCrmCore does before the core writes (it sets up the in-flight list of moves).
    await repairOrphanStageEvents(database);
    const engine = await createSyncEngine({
      database,
      vault: new MemoryVault(),
      collections: CLIENT_COLLECTIONS,
      backoff: { initialMs: 20, maxMs: 200 },
      retryTimeMs: 20,
      requestTimeoutMs: 10_000,
    });
    const peer: Peer = {
      index,
      user,
      relay,
      connected: true,
      database,
      engine,
      service: createCrmService({
        database,
        currentUser: { id: user.user.id, name: user.user.name },
        now: () => (this.clock += 1000),
      }),
      conflicts: [],
      problemsSeen: [],
      problems: [],
      replaced: new Map(),
      stopWatching: () => {},
    };
    for (const name of CLIENT_COLLECTIONS) {
      const collection = database[name] as unknown as RxCollection<Record<string, unknown>>;
      // Replication writes bypass RxDB's hooks: these see exactly the desktop's own writes.
      collection.preSave((_next, old) => {
        const data = old as unknown as Record<string, unknown>;
        peer.replaced.set(`${name}/${String(data.id)}`, data);
      }, false);
      collection.postInsert((data) => {
        this.created.get(name)?.add(String(data.id));
        this.record({ kind: 'create', client: index, collection: name, id: String(data.id) });
      }, false);
    }
    const unwatchConflicts = engine.watchConflicts((entries) => (peer.conflicts = entries));
    const unwatchProblems = engine.watchProblems((problems) => {
      peer.problems = problems;
      peer.problemsSeen.push(...problems);
    });
    peer.stopWatching = () => {
      unwatchConflicts();
      unwatchProblems();
    };
    this.peers.push(peer);
    await engine.signIn({
      serverUrl: relay.url,
      firmCode: user.user.firmCode,
      username: user.user.username,
      password: user.password,
    });
  }

  private record(entry: Unsequenced): void {
    this.ledger.push({ ...entry, seq: ++this.seq } as LedgerEntry);
  }

  private nextValue(): number {
    return ++this.value;
  }

  private peer(index: number): Peer {
    const peer = this.peers[index % this.peers.length];
    if (!peer) throw new Error('no clients');
    return peer;
  }

  /** The n-th (modulo) live record of a collection on a desktop, in id order. */
  private async pick(peer: Peer, collection: EditedCollection, n: number) {
    const docs = await (peer.database[collection] as unknown as RxCollection)
      .find({ sort: [{ id: 'asc' }] })
      .exec();
    return docs.length === 0 ? undefined : docs[n % docs.length];
  }

  async step(step: Step): Promise<void> {
    trace(`run ${this.run} step`, step);
    switch (step.kind) {
      case 'restartServer':
        return this.server.restart();
      case 'disconnect': {
        const peer = this.peer(step.client);
        if (!peer.connected) return;
        peer.connected = false;
        return peer.relay.stop();
      }
      case 'reconnect': {
        const peer = this.peer(step.client);
        if (peer.connected) return;
        peer.connected = true;
        return peer.relay.start();
      }
      case 'sync': {
        const peer = this.peer(step.client);
        if (peer.connected) await syncNow(peer);
        return;
      }
      default:
        return this.write(step);
    }
  }

  /** A person's edit. One the core refuses (gate, record gone meanwhile) changes nothing. */
  private async write(step: Exclude<Step, { kind: 'restartServer' }>): Promise<void> {
    const peer = this.peer(step.client);
    peer.replaced.clear();
    try {
      await this.writeOn(peer, step);
    } catch (error) {
      if (error instanceof CrmError || isWriteConflict(error)) return;
      throw error;
    }
  }

  private async writeOn(peer: Peer, step: Exclude<Step, { kind: 'restartServer' }>) {
    const { commands } = peer.service;
    const client = peer.index;
    const n = this.nextValue();
    switch (step.kind) {
      case 'createAccount': {
        const created = await commands['accounts/create']({ name: `客户 ${n}` });
        this.recordEdit(peer, 'accounts', created.id, 'name', 'name', created.name, true);
        return;
      }
      case 'createOpportunity': {
        const account = await this.pick(peer, 'accounts', step.account);
        if (!account) return;
        const created = await commands['opportunities/create']({
          title: `商机 ${n}`,
          accountId: String(account.get('id')),
          amount: { minor: 100_000 + n, currency: 'CNY' },
        });
        for (const [field, key, value] of [
          ['title', 'title', created.title],
          ['amount', 'amount', created.amount],
          ['stage', 'stageEnteredAt', created.stageEnteredAt],
        ] as const) {
          this.recordEdit(peer, 'opportunities', created.id, field, key, value, true);
        }
        return;
      }
      case 'editAccount': {
        const doc = await this.pick(peer, 'accounts', step.record);
        if (!doc) return;
        const value = step.field === 'name' ? `客户 ${n}` : `010-${n}`;
        const id = String(doc.get('id'));
        await commands['accounts/update']({ id, patch: { [step.field]: value } });
        this.recordEdit(peer, 'accounts', id, step.field, step.field, value);
        return;
      }
      case 'editOpportunity': {
        const doc = await this.pick(peer, 'opportunities', step.record);
        if (!doc) return;
        const value = {
          title: `商机 ${n}`,
          amount: { minor: 100_000 + n, currency: 'CNY' },
          description: `说明 ${n}`,
          expectedClose: new Date(Date.UTC(2026, 0, 1) + n * 86_400_000).toISOString().slice(0, 10),
        }[step.field];
        const id = String(doc.get('id'));
        await commands['opportunities/update']({ id, patch: { [step.field]: value } });
        this.recordEdit(peer, 'opportunities', id, step.field, step.field, value);
        return;
      }
      case 'move': {
        const doc = await this.pick(peer, 'opportunities', step.record);
        if (!doc) return;
        const moved = await commands['opportunities/move']({
          id: String(doc.get('id')),
          to: step.to,
          ...(step.to === 'lost' ? { lostReason: `原因 ${n}` } : {}),
        });
        this.recordEdit(
          peer,
          'opportunities',
          moved.id,
          'stage',
          'stageEnteredAt',
          moved.stageEnteredAt,
        );
        return;
      }
      case 'delete': {
        const doc = await this.pick(peer, step.collection, step.record);
        if (!doc) return;
        await doc.remove();
        this.record({
          kind: 'delete',
          client,
          collection: step.collection,
          id: String(doc.get('id')),
        });
        return;
      }
    }
  }

  private recordEdit(
    peer: Peer,
    collection: EditedCollection,
    id: string,
    field: string,
    key: string,
    value: unknown,
    created = false,
  ): void {
    const before = created ? undefined : peer.replaced.get(`${collection}/${id}`)?.[key];
    if (!created && !peer.replaced.has(`${collection}/${id}`)) {
      throw new Error(`no local save seen for ${collection}/${id}`);
    }
    this.record({ kind: 'edit', client: peer.index, collection, id, field, key, value, before });
  }

  /**
   * Heals the world and lets it settle: every relay up, every desktop syncs in rounds; after
   * the first rounds each problem (a refused push) is discarded, as the person would, so the
   * desktop follows the server again; then rounds until every desktop holds the server's data.
   */
  async heal(): Promise<void> {
    trace(`run ${this.run} heal`);
    for (const peer of this.peers) {
      if (!peer.connected) {
        peer.connected = true;
        await peer.relay.start();
      }
    }
    for (let round = 0; round < 2; round++) for (const peer of this.peers) await syncNow(peer);
    for (const peer of this.peers) {
      for (const problem of [...peer.problems]) await peer.engine.discardProblem(problem.id);
    }
    for (let round = 0; round < 8; round++) {
      for (const peer of this.peers) await syncNow(peer);
      if (await this.converged()) break;
    }
    // One more round: nothing may move once everyone agrees.
    for (const peer of this.peers) await syncNow(peer);
  }

  private async converged(): Promise<boolean> {
    const state = await this.serverState();
    const server = JSON.stringify(sorted(state));
    for (const peer of this.peers) {
      if (JSON.stringify(sorted(await this.clientState(peer, state))) !== server) return false;
    }
    return true;
  }

  serverState(): Promise<Snapshots> {
    return serverState(this.server.apiUrl, this.peers[0]?.user.token ?? '');
  }

  clientState(peer: Peer, server: Snapshots): Promise<Snapshots> {
    return clientState(peer.database, server, this.created);
  }

  async close(): Promise<void> {
    for (const peer of this.peers.splice(0)) {
      peer.stopWatching();
      await peer.engine.close();
      await peer.database.remove();
      if (peer.connected) await peer.relay.stop();
    }
  }
}

/**
 * "Sync now" until it reports in sync. Right after a relay or the server comes back, the first
 * attempt may still see the old connection fail; a few more are allowed.
 */
async function syncNow(peer: Peer): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    trace(`sync client ${peer.index}, attempt ${attempt}`);
    try {
      await peer.engine.syncNow();
      return;
    } catch (error) {
      if (attempt >= 20) throw error;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
}

/** CONVERGENCE_TRACE=1 prints every step and sync attempt (for replaying a failure). */
function trace(...what: unknown[]): void {
  if (process.env.CONVERGENCE_TRACE) console.info(new Date().toISOString(), ...what);
}
