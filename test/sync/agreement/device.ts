import { getRxStorageSqlite } from '../../../main/storage/sqlite';
import type { TestUser } from '../../../server/test-support';
import type { CrmService } from '../../../shared/api/crm-api';
import { openLtcDatabase, type LtcDatabase } from '../../../shared/core';
import { createCrmService } from '../../../shared/core/service';
import { repairOrphanStageEvents } from '../../../shared/core/stage-events';
import type { CollectionName } from '../../../shared/schema/collections';
import { createSyncEngine } from '../../../shared/sync/engine';
import type { SyncEngine, SyncProblem } from '../../../shared/sync/types';
import { MemoryVault, startRelay } from '../support';

/**
 * The collections a device of the agreement test holds: enough for accounts, contacts, deals with
 * their gates, approvals, history and pipelines. Six, so two devices fit under RxDB's limit of 13
 * open collections per process; a third takes turns (its data stays in its SQLite folder).
 */
export const DEVICE_COLLECTIONS: readonly CollectionName[] = [
  'accounts',
  'contacts',
  'opportunities',
  'stageevents',
  'fieldchanges',
  'pipelines',
];

type Relay = Awaited<ReturnType<typeof startRelay>>;

/**
 * One person's laptop: a real LTC database on the desktop's SQLite storage, the real core (with
 * the person's role, so the rulebook judges every command before it writes, as on a signed-in
 * device) and the real sync engine, behind its own TCP relay so it can be offline alone.
 */
export class Device {
  database: LtcDatabase | undefined;
  engine: SyncEngine | undefined;
  service: CrmService | undefined;
  online = true;
  /** Every problem the engine ever listed: the server refused something this device sent. */
  readonly problems: SyncProblem[] = [];
  private stopWatching: (() => void) | undefined;
  private signedIn = false;
  /** The token vault outlives the database's closing, as the OS keychain does. */
  private readonly vault = new MemoryVault();

  private constructor(
    readonly index: number,
    readonly user: TestUser,
    private readonly directory: string,
    private readonly relay: Relay,
    private readonly clock: () => number,
  ) {}

  static async create(
    index: number,
    user: TestUser,
    directory: string,
    serverUrl: string,
    clock: () => number,
  ) {
    return new Device(index, user, directory, await startRelay(serverUrl), clock);
  }

  get isOpen(): boolean {
    return this.database !== undefined;
  }

  async open(): Promise<void> {
    if (this.database) return;
    const database = await openLtcDatabase({
      storage: getRxStorageSqlite({ directory: this.directory }),
      databaseName: `device-${this.index}`,
      collections: DEVICE_COLLECTIONS,
      devMode: true,
    });
    await repairOrphanStageEvents(database);
    const engine = await createSyncEngine({
      database,
      vault: this.vault,
      collections: DEVICE_COLLECTIONS,
      backoff: { initialMs: 20, maxMs: 200 },
      retryTimeMs: 20,
      requestTimeoutMs: 10_000,
    });
    const { id, name, role } = this.user.user;
    this.service = createCrmService({ database, currentUser: { id, name, role }, now: this.clock });
    this.stopWatching = engine.watchProblems((problems) => this.problems.push(...problems));
    // Signed in once; a reopened laptop finds its account and token and syncs on its own.
    if (!this.signedIn) {
      await engine.signIn({
        serverUrl: this.relay.url,
        firmCode: this.user.user.firmCode,
        username: this.user.user.username,
        password: this.user.password,
      });
      this.signedIn = true;
    }
    this.database = database;
    this.engine = engine;
  }

  async close(): Promise<void> {
    this.stopWatching?.();
    await this.engine?.close();
    await this.database?.close();
    this.database = undefined;
    this.engine = undefined;
    this.service = undefined;
  }

  async setOnline(online: boolean): Promise<void> {
    if (online === this.online) return;
    this.online = online;
    if (online) await this.relay.start();
    else await this.relay.stop();
  }

  /** "Sync now" until in sync (a relay just back may fail the first attempt). */
  async sync(): Promise<void> {
    if (!this.engine || !this.online) return;
    for (let attempt = 1; ; attempt++) {
      try {
        await this.engine.syncNow();
        return;
      } catch (error) {
        if (attempt >= 20) throw error;
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    }
  }

  async dispose(): Promise<void> {
    await this.close();
    if (this.online) await this.relay.stop();
  }
}
