import { isUtf8 } from 'node:buffer';
import helmet from '@fastify/helmet';
import Fastify, { type FastifyInstance, type FastifyReply } from 'fastify';
import { SYNC_API_PREFIX } from '../shared/sync/protocol';
import { installBearerAuth } from './auth/hook';
import { DEFAULT_LOGIN_LIMITS, LoginRateLimiter, type LoginLimits } from './auth/rate-limit';
import { DEFAULT_TOKEN_TTL_MS } from './auth/tokens';
import { installCors } from './cors';
import { errorBody, HttpError, installErrorHandling } from './errors';
import { ChangeHub } from './replication/change-hub';
import { createCollectionRegistry, type CollectionSchemas } from './replication/collections';
import { adminRoutes } from './routes/admin';
import { normalizeFirmCode } from './auth/firm-code';
import { authRoutes } from './routes/auth';
import { healthRoutes } from './routes/health';
import { DEFAULT_HEARTBEAT_MS, streamRoutes } from './routes/stream';
import { syncRoutes } from './routes/sync';
import type { SyncStore } from './store/types';

export const DEFAULT_BODY_LIMIT_BYTES = 5 * 1024 * 1024;

export interface SyncServerOptions {
  store: SyncStore;
  /** Collection name → RxDB JSON schema; default the LTC collections (COLLECTION_SCHEMAS). */
  collections?: CollectionSchemas;
  /** The clock for token expiry and login rate limits (tests move it). */
  now?: () => number;
  tokenTtlMs?: number;
  bodyLimitBytes?: number;
  logger?: boolean;
  loginLimits?: Partial<LoginLimits>;
  /** Interval of the stream's comment heartbeats (default 15 s). */
  heartbeatMs?: number;
  /**
   * Behind this many reverse proxies: the client address (for sign-in limits) is the one the
   * outermost trusted proxy saw, from X-Forwarded-For; entries a client added are ignored.
   */
  trustProxy?: number;
  /** Serve HTTPS with this PEM key and certificate (server/tls); plain HTTP when absent. */
  https?: { key: string; cert: string };
  /**
   * A server that serves one firm: sign-ins that name no firm code go to this one (normalised,
   * auth/firm-code.ts). Without it, every sign-in names its firm.
   */
  defaultFirmCode?: string;
}

/** The sync server, routes registered under SYNC_API_PREFIX; not yet listening. */
export async function createSyncServer(options: SyncServerOptions): Promise<FastifyInstance> {
  const { store } = options;
  const now = options.now ?? Date.now;
  const bodyLimit = options.bodyLimitBytes ?? DEFAULT_BODY_LIMIT_BYTES;

  const app = Fastify({
    logger: options.logger ?? false,
    bodyLimit,
    // As Fastify's own hop count does (its types lack the number form): the socket's peer and
    // the next hops up to n are proxies; the first address beyond them is the client's.
    trustProxy: (_address: string, hop: number) => hop < (options.trustProxy ?? 0),
    ...(options.https ? { https: options.https } : {}),
    // Bodies are never coerced into arrays, and unknown properties are refused rather than
    // silently dropped; querystrings still get their numbers parsed.
    ajv: { customOptions: { coerceTypes: true, removeAdditional: false } },
    // A malformed URL (bad percent-encoding) gets the same error shape as everything else.
    frameworkErrors: (error, _request, reply) => {
      void (reply as FastifyReply).code(400).send(errorBody('badRequest', error.message));
    },
  });
  installErrorHandling(app);

  // An empty JSON body (logout from a client that always sets the content type) is no body, not an error.
  const jsonParser = app.getDefaultJsonParser('error', 'error');
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser(
    'application/json',
    { parseAs: 'buffer', bodyLimit },
    (request, body, done) => {
      // Bytes that are not UTF-8 would be decoded into U+FFFD and stored as "��": refused instead,
      // so what is stored is exactly what the person typed.
      const bytes = body as Buffer;
      if (!isUtf8(bytes)) {
        done(new HttpError(400, 'badRequest', 'The request body is not valid UTF-8'), undefined);
        return;
      }
      const text = bytes.toString('utf8');
      if (text.trim() === '') done(null, undefined);
      else jsonParser(request, text, done);
    },
  );

  const hub = new ChangeHub(store);
  app.addHook('onClose', async () => hub.close());

  // Fastify closes the keep-alive connections idle when close() starts; one whose request was
  // still running stays open for the keep-alive timeout (72 s), holding up close(). While
  // closing, every response asks the client to close the connection after it.
  let closing = false;
  app.addHook('preClose', async () => {
    closing = true;
  });
  app.addHook('onSend', async (_request, reply) => {
    if (closing) void reply.header('connection', 'close');
  });

  const collections = createCollectionRegistry(options.collections);
  const limiter = new LoginRateLimiter(store, { ...DEFAULT_LOGIN_LIMITS, ...options.loginLimits });
  const tokenTtlMs = options.tokenTtlMs ?? DEFAULT_TOKEN_TTL_MS;

  // Security headers on every answer. The API serves JSON only, so its CSP allows nothing at all;
  // its answers are read by the app from other origins (app://ltc, the web build), hence CORP
  // cross-origin (CORS still decides who may read them).
  await app.register(helmet, {
    contentSecurityPolicy: {
      useDefaults: false,
      directives: { defaultSrc: ["'none'"], frameAncestors: ["'none'"], baseUri: ["'none'"] },
    },
    crossOriginResourcePolicy: { policy: 'cross-origin' },
    frameguard: { action: 'deny' },
    referrerPolicy: { policy: 'no-referrer' },
  });
  installCors(app);
  installBearerAuth(app, store, now);
  await app.register(
    async (api) => {
      healthRoutes(api);
      authRoutes(api, {
        store,
        limiter,
        now,
        tokenTtlMs,
        ...(options.defaultFirmCode !== undefined && {
          defaultFirmCode: normalizeFirmCode(options.defaultFirmCode),
        }),
      });
      adminRoutes(api, { store, now });
      syncRoutes(api, { store, collections, now });
      streamRoutes(api, {
        store,
        hub,
        now,
        heartbeatMs: options.heartbeatMs ?? DEFAULT_HEARTBEAT_MS,
      });
    },
    { prefix: SYNC_API_PREFIX },
  );
  return app;
}
