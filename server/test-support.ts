import { randomBytes } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { newId } from '../shared/domain/ids';
import { afterAll, beforeAll, beforeEach } from 'vitest';
import type {
  ErrorResponse,
  LoginResponse,
  PullResponse,
  PushResponse,
  PushRow,
  Role,
  SyncUser,
} from '../shared/sync/protocol';
import { SYNC_API_PREFIX } from '../shared/sync/protocol';
import { createSyncServer, type SyncServerOptions } from './app';
import { DEFAULT_TOKEN_TTL_MS, issueToken } from './auth/tokens';
import { createUserAccount, firmOf, toSyncUser } from './auth/users';
import { openSyncStore, type SyncStoreConfig } from './store/index';
import { openTestStore, type TestStoreKind } from './store/test-support';
import type { SyncStore } from './store/types';

/**
 * A real sync server on 127.0.0.1 (random port) over a fresh real store, for tests of the server
 * and of the sync client. Users are made straight in the store (no login round trip, no rate limit).
 */
export interface StartTestServerOptions extends Omit<SyncServerOptions, 'store'> {
  backend: TestStoreKind;
}

export interface TestUser {
  user: SyncUser;
  token: string;
  password: string;
}

export interface TestServerInstance {
  /** Origin, e.g. http://127.0.0.1:40123 (what a person types as the server address). */
  url: string;
  /** url + SYNC_API_PREFIX. */
  apiUrl: string;
  store: SyncStore;
  app: FastifyInstance;
  close(): Promise<void>;
}

export interface TestServer extends TestServerInstance {
  /** A user in `orgId`, or in a new organisation of its own when orgId is omitted. */
  createUser(input: {
    orgId?: string;
    role: Role;
    username?: string;
    name?: string;
    password?: string;
  }): Promise<TestUser>;
  /** A second server instance on the same data (PostgreSQL: as behind a load balancer). */
  startInstance(): Promise<TestServerInstance>;
  /**
   * Stops the server and its store and starts both again on the same port and data; `changed`
   * options replace the old ones (say, another TLS certificate), and `stopped` runs in between
   * (a restore of a backup).
   */
  restart(changed?: Omit<SyncServerOptions, 'store'>, stopped?: () => Promise<void>): Promise<void>;
  /** How the store is opened (for backup and restore). */
  readonly config: SyncStoreConfig;
  /** Stops every instance and deletes the data. */
  close(): Promise<void>;
}

export const TEST_PASSWORD = 'correct horse battery';

async function listen(store: SyncStore, options: Omit<SyncServerOptions, 'store'>, port = 0) {
  const app = await createSyncServer({ ...options, store });
  await app.listen({ host: '127.0.0.1', port });
  const address = app.server.address();
  if (!address || typeof address === 'string') throw new Error('server has no TCP address');
  const url = `${options.https ? 'https' : 'http'}://127.0.0.1:${address.port}`;
  return { app, url, port: address.port };
}

export async function startTestServer(options: StartTestServerOptions): Promise<TestServer> {
  const { backend, ...initialOptions } = options;
  let serverOptions: Omit<SyncServerOptions, 'store'> = initialOptions;
  const now = serverOptions.now ?? Date.now;
  const testStore = await openTestStore(backend);
  let store = testStore.store;
  let main = await listen(store, serverOptions);
  /** Stores opened by restart(): TestStore.cleanup only knows the ones it opened. */
  const reopened: SyncStore[] = [];
  const instances: FastifyInstance[] = [];
  let closed = false;

  const server: TestServer = {
    get url() {
      return main.url;
    },
    get apiUrl() {
      return main.url + SYNC_API_PREFIX;
    },
    get store() {
      return store;
    },
    get app() {
      return main.app;
    },
    async createUser(input) {
      let orgId = input.orgId;
      if (!orgId) {
        orgId = newId();
        await store.createOrganisation({
          id: orgId,
          name: `Firm ${orgId.slice(-6)}`,
          createdAt: now(),
        });
      }
      const username = input.username ?? `${input.role}-${randomBytes(4).toString('hex')}`;
      const password = input.password ?? TEST_PASSWORD;
      const row = await createUserAccount(
        store,
        { orgId, username, name: input.name ?? username, role: input.role, password },
        now(),
      );
      const { token } = await issueToken(
        store,
        row,
        now(),
        serverOptions.tokenTtlMs ?? DEFAULT_TOKEN_TTL_MS,
      );
      return { user: toSyncUser(row, await firmOf(store, orgId)), token, password };
    },
    async startInstance() {
      const other = await testStore.openAnother();
      const instance = await listen(other, serverOptions);
      instances.push(instance.app);
      return {
        url: instance.url,
        apiUrl: instance.url + SYNC_API_PREFIX,
        store: other,
        app: instance.app,
        close: () => instance.app.close(),
      };
    },
    get config() {
      return testStore.config;
    },
    async restart(changed = {}, stopped) {
      serverOptions = { ...serverOptions, ...changed };
      await main.app.close();
      // The first store belongs to testStore.cleanup (which would close it twice); it just goes idle.
      const old = reopened.pop();
      if (old) await old.close();
      await stopped?.();
      store = await openSyncStore(testStore.config);
      reopened.push(store);
      main = await listen(store, serverOptions, main.port);
    },
    async close() {
      if (closed) return;
      closed = true;
      await Promise.all([main.app.close(), ...instances.map((app) => app.close())]);
      await Promise.all(reopened.map((s) => s.close()));
      await testStore.cleanup();
    },
  };
  return server;
}

export interface ApiResult<T = unknown> {
  status: number;
  /** Parsed JSON, or the raw text when the body is not JSON (undefined when empty). */
  body: T;
  headers: Headers;
}

/** One real HTTP request to the sync API; `json` is serialised, `raw` is sent as is. */
export async function callApi<T = unknown>(
  apiUrl: string,
  method: string,
  path: string,
  options: {
    token?: string;
    json?: unknown;
    raw?: string | Uint8Array;
    headers?: Record<string, string>;
  } = {},
): Promise<ApiResult<T>> {
  const headers: Record<string, string> = { ...options.headers };
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  let body: string | Uint8Array | undefined = options.raw;
  if (options.json !== undefined) {
    body = JSON.stringify(options.json);
    headers['content-type'] ??= 'application/json';
  } else if (options.raw !== undefined) {
    headers['content-type'] ??= 'application/json';
  }
  const response = await fetch(apiUrl + path, {
    method,
    headers,
    body: body as BodyInit | undefined,
  });
  const text = await response.text();
  let parsed: unknown = text === '' ? undefined : text;
  try {
    parsed = text === '' ? undefined : JSON.parse(text);
  } catch {
    // Not JSON: the raw text stays.
  }
  return { status: response.status, body: parsed as T, headers: response.headers };
}

/**
 * A sync server for one test file and, before every test, a fresh organisation with a manager and
 * two reps (every pull starts from seq 0 and sees only that test's data), with push and pull as
 * those people. Call inside a `describe`: it registers the hooks.
 */
/** Every document of a collection the token's user may see, page after page from seq 0. */
export async function pullEverything(
  apiUrl: string,
  token: string,
  collection: string,
): Promise<PullResponse['documents']> {
  const out: PullResponse['documents'] = [];
  for (let seq = 0; ;) {
    const page = await callApi<PullResponse>(
      apiUrl,
      'GET',
      `/sync/${collection}/pull?seq=${seq}&limit=1000`,
      { token },
    );
    if (page.status !== 200) throw new Error(`pull ${collection}: ${page.status}`);
    out.push(...page.body.documents);
    if (page.body.documents.length === 0) return out;
    seq = page.body.checkpoint.seq;
  }
}

export function useOrganisationFixture(backend: TestStoreKind) {
  const fixture = {} as {
    server: TestServer;
    manager: TestUser;
    repA: TestUser;
    repB: TestUser;
  };
  beforeAll(async () => {
    fixture.server = await startTestServer({ backend });
  });
  afterAll(() => fixture.server?.close());
  beforeEach(async () => {
    fixture.manager = await fixture.server.createUser({ role: 'manager' });
    const orgId = fixture.manager.user.orgId;
    fixture.repA = await fixture.server.createUser({ role: 'rep', orgId, name: 'Rep A' });
    fixture.repB = await fixture.server.createUser({ role: 'rep', orgId, name: 'Rep B' });
  });
  return {
    get: () => fixture,
    push: (who: TestUser, collection: string, rows: PushRow[]) =>
      callApi<PushResponse & ErrorResponse>(
        fixture.server.apiUrl,
        'POST',
        `/sync/${collection}/push`,
        { token: who.token, json: rows },
      ),
    pull: async (who: TestUser, collection: string, seq = 0) =>
      (
        await callApi<PullResponse>(
          fixture.server.apiUrl,
          'GET',
          `/sync/${collection}/pull?seq=${seq}`,
          { token: who.token },
        )
      ).body,
  };
}

/** A sign-in over HTTP, as the app makes it (the body as given: tests forge some). */
export function signInOverHttp(
  apiUrl: string,
  body: Record<string, unknown>,
  headers: Record<string, string> = {},
) {
  return callApi<LoginResponse & ErrorResponse>(apiUrl, 'POST', '/auth/login', {
    json: body,
    headers,
  });
}
