import { certificateChangeIn } from '../security/certificate-pin';
import { withDefaultScheme } from '../security/transport';
import {
  SYNC_API_PREFIX,
  type BatchPushRequest,
  type BatchPushResponse,
  type CreateUserRequest,
  type ErrorResponse,
  type LoginRequest,
  type LoginResponse,
  type OrgSettings,
  type PullResponse,
  type PushResponse,
  type PushRow,
  type SyncUser,
  type UpdateUserRequest,
} from './protocol';

/**
 * Why a request failed, in the terms the engine acts on:
 * - unreachable: no answer (network down, server stopped, timeout) → offline, retry with backoff;
 * - unauthorized: 401, the token is no longer valid → signed out, local data kept;
 * - http: the server answered with another 4xx/5xx → error state with its message;
 * - protocol: the answer was not what a sync server sends (wrong address);
 * - certificate: the server presented another certificate than the pinned one, so nothing was
 *   sent (shared/security/certificate-pin.ts) → stop, and let the person decide.
 */
export type SyncHttpErrorKind =
  'unreachable' | 'unauthorized' | 'http' | 'protocol' | 'certificate';

/** The pinned and the presented fingerprints of a `certificate` failure. */
export interface CertificateMismatch {
  pinned: string;
  presented: string;
}

export class SyncHttpError extends Error {
  constructor(
    readonly kind: SyncHttpErrorKind,
    message: string,
    readonly status?: number,
    readonly code?: ErrorResponse['error']['code'],
    readonly field?: string,
    readonly certificate?: CertificateMismatch,
  ) {
    super(message);
    this.name = 'SyncHttpError';
  }
}

export function isSyncHttpError(error: unknown, kind?: SyncHttpErrorKind): error is SyncHttpError {
  return error instanceof SyncHttpError && (kind === undefined || error.kind === kind);
}

export interface SyncHttpClientOptions {
  /** The server's address as the person typed it, e.g. "http://192.168.1.10:8787". */
  serverUrl: string;
  /** Read on every request, so a new token takes effect without a new client. */
  token?: () => string | undefined;
  /** The server epoch pushes carry (epoch-recovery.ts); read on every push. */
  epoch?: () => string | undefined;
  fetch?: typeof fetch;
  /** Per request; a server that does not answer in time counts as unreachable. */
  timeoutMs?: number;
}

export interface SyncHttpClient {
  readonly baseUrl: string;
  health(): Promise<void>;
  login(request: LoginRequest): Promise<LoginResponse>;
  logout(): Promise<void>;
  /** Ends every session of the signed-in person, on every device. */
  logoutEverywhere(): Promise<void>;
  me(): Promise<SyncUser>;
  /** User administration (admins only; the server answers 403 otherwise). */
  listUsers(): Promise<SyncUser[]>;
  createUser(request: CreateUserRequest): Promise<SyncUser>;
  updateUser(id: string, patch: UpdateUserRequest): Promise<SyncUser>;
  resetPassword(id: string, password: string): Promise<void>;
  getSettings(): Promise<OrgSettings>;
  updateSettings(settings: OrgSettings): Promise<OrgSettings>;
  pull(collection: string, seq: number, limit: number): Promise<PullResponse>;
  push(collection: string, rows: PushRow[]): Promise<PushResponse>;
  /** Several collections' rows in one server transaction (records with the records they name). */
  pushBatch(request: BatchPushRequest): Promise<BatchPushResponse>;
  /** Opens the event stream; the caller reads the body and aborts through `signal`. */
  openStream(signal: AbortSignal): Promise<ReadableStream<Uint8Array>>;
}

export const DEFAULT_TIMEOUT_MS = 30_000;

/**
 * Checks and normalises a server address: http or https only (https:// when none is written), no
 * credentials, query or fragment, without the trailing slash. Throws a plain Error naming the
 * problem. Whether plain http:// may be used is the transport rule's to say (shared/security).
 */
export function normaliseServerUrl(input: string): string {
  let url: URL;
  try {
    url = new URL(withDefaultScheme(input));
  } catch {
    throw new Error(`"${input}" is not a server address`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new Error(`"${input}" is not an http or https address`);
  }
  if (url.username || url.password || url.search || url.hash) {
    throw new Error(`"${input}" must not contain a user name, query or fragment`);
  }
  return `${url.origin}${url.pathname}`.replace(/\/+$/, '');
}

export function createSyncHttpClient(options: SyncHttpClientOptions): SyncHttpClient {
  const baseUrl = normaliseServerUrl(options.serverUrl);
  const apiUrl = `${baseUrl}${SYNC_API_PREFIX}`;
  const doFetch = options.fetch ?? globalThis.fetch.bind(globalThis);
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;

  function headers(body: boolean): Record<string, string> {
    const result: Record<string, string> = { accept: 'application/json' };
    if (body) result['content-type'] = 'application/json';
    const token = options.token?.();
    if (token) result.authorization = `Bearer ${token}`;
    return result;
  }

  /** One request with a timeout; returns the parsed JSON body (undefined for 204). */
  async function request<T>(method: string, path: string, body?: unknown): Promise<T> {
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), timeoutMs);
    try {
      let response: Response;
      try {
        response = await doFetch(`${apiUrl}${path}`, {
          method,
          headers: headers(body !== undefined),
          body: body === undefined ? undefined : JSON.stringify(body),
          signal: controller.signal,
        });
      } catch (error) {
        throw unreachable(error, controller.signal.aborted, timeoutMs);
      }
      let text: string;
      try {
        text = await response.text();
      } catch (error) {
        throw unreachable(error, controller.signal.aborted, timeoutMs);
      }
      if (!response.ok) throw errorFromResponse(response.status, text);
      if (response.status === 204 || text === '') return undefined as T;
      try {
        return JSON.parse(text) as T;
      } catch {
        throw new SyncHttpError('protocol', 'the server did not answer with JSON', response.status);
      }
    } finally {
      clearTimeout(timer);
    }
  }

  return {
    baseUrl,
    health: async () => {
      const body = await request<{ ok?: unknown }>('GET', '/health');
      if (body?.ok !== true) throw new SyncHttpError('protocol', 'not an LTC Desk sync server');
    },
    login: async (login) => {
      const body = await request<LoginResponse>('POST', '/auth/login', login);
      if (typeof body?.token !== 'string' || typeof body.user?.id !== 'string') {
        throw new SyncHttpError('protocol', 'not an LTC Desk sync server');
      }
      return body;
    },
    logout: () => request<void>('POST', '/auth/logout'),
    logoutEverywhere: () => request<void>('POST', '/auth/logout-everywhere'),
    me: () => request<SyncUser>('GET', '/auth/me'),
    listUsers: async () => {
      const body = await request<SyncUser[]>('GET', '/admin/users');
      if (!Array.isArray(body)) throw new SyncHttpError('protocol', 'malformed user list');
      return body;
    },
    createUser: (user) => request<SyncUser>('POST', '/admin/users', user),
    updateUser: (id, patch) =>
      request<SyncUser>('PATCH', `/admin/users/${encodeURIComponent(id)}`, patch),
    resetPassword: (id, password) =>
      request<void>('POST', `/admin/users/${encodeURIComponent(id)}/password`, { password }),
    getSettings: () => request<OrgSettings>('GET', '/admin/settings'),
    updateSettings: (settings) => request<OrgSettings>('PATCH', '/admin/settings', settings),
    pull: async (collection, seq, limit) => {
      const query = `?seq=${encodeURIComponent(seq)}&limit=${encodeURIComponent(limit)}`;
      const body = await request<PullResponse>(
        'GET',
        `/sync/${encodeURIComponent(collection)}/pull${query}`,
      );
      if (!Array.isArray(body?.documents) || typeof body.checkpoint?.seq !== 'number') {
        throw new SyncHttpError('protocol', 'malformed pull response');
      }
      return body;
    },
    push: async (collection, rows) => {
      const epoch = options.epoch?.();
      const query = epoch === undefined ? '' : `?epoch=${encodeURIComponent(epoch)}`;
      const body = await request<PushResponse>(
        'POST',
        `/sync/${encodeURIComponent(collection)}/push${query}`,
        rows,
      );
      if (!Array.isArray(body?.conflicts) || !Array.isArray(body.refused)) {
        throw new SyncHttpError('protocol', 'malformed push response');
      }
      return body;
    },
    pushBatch: async (batch) => {
      const epoch = options.epoch?.();
      const body = await request<BatchPushResponse>(
        'POST',
        '/sync/push',
        epoch === undefined ? batch : { ...batch, epoch },
      );
      const results = body?.results;
      const valid =
        typeof results === 'object' &&
        results !== null &&
        Object.values(results).every(
          (r) => Array.isArray(r?.conflicts) && Array.isArray(r.refused),
        );
      if (!valid) throw new SyncHttpError('protocol', 'malformed push response');
      return body;
    },
    openStream: async (signal) => {
      let response: Response;
      try {
        response = await doFetch(`${apiUrl}/sync/stream`, {
          method: 'GET',
          headers: { ...headers(false), accept: 'text/event-stream' },
          signal,
        });
      } catch (error) {
        throw unreachable(error, false, timeoutMs);
      }
      if (!response.ok) throw errorFromResponse(response.status, await safeText(response));
      if (!response.body) throw new SyncHttpError('protocol', 'the event stream has no body');
      return response.body;
    },
  };
}

function unreachable(error: unknown, timedOut: boolean, timeoutMs: number): SyncHttpError {
  const changed = certificateChangeIn(error);
  if (changed) {
    const { pinned, presented } = changed;
    return new SyncHttpError('certificate', changed.message, undefined, undefined, undefined, {
      pinned,
      presented,
    });
  }
  const message = timedOut
    ? `the server did not answer within ${Math.round(timeoutMs / 1000)} s`
    : `server unreachable (${error instanceof Error ? messageWithCause(error) : String(error)})`;
  return new SyncHttpError('unreachable', message);
}

/** Node's fetch says only "fetch failed"; the cause (ECONNREFUSED …) is what helps a person. */
function messageWithCause(error: Error): string {
  const cause = (error as { cause?: unknown }).cause;
  const code = (cause as { code?: unknown } | undefined)?.code;
  return typeof code === 'string' ? `${error.message}: ${code}` : error.message;
}

async function safeText(response: Response): Promise<string> {
  try {
    return await response.text();
  } catch {
    return '';
  }
}

function errorFromResponse(status: number, text: string): SyncHttpError {
  let parsed: ErrorResponse | undefined;
  try {
    const body = JSON.parse(text) as Partial<ErrorResponse>;
    if (body && typeof body.error?.message === 'string') parsed = body as ErrorResponse;
  } catch {
    parsed = undefined;
  }
  const message = parsed?.error.message ?? `HTTP ${status}`;
  let kind: SyncHttpErrorKind = 'http';
  if (status === 401) kind = 'unauthorized';
  // A proxy in front of a stopped server answers 502-504 itself: the server is unreachable.
  else if (!parsed && status >= 502 && status <= 504) kind = 'unreachable';
  // A 404 without our error body: the address is some other web server.
  else if (!parsed && status === 404) kind = 'protocol';
  return new SyncHttpError(kind, message, status, parsed?.error.code, parsed?.error.field);
}
