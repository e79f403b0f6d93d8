import type { FastifyInstance } from 'fastify';
import type { LoginRequest, LoginResponse, SyncUser } from '../../shared/sync/protocol';
import { requireAuth } from '../auth/hook';
import { deviceTokenFor, isKnownDevice } from '../auth/known-devices';
import { dummyPasswordHash, verifyPassword } from '../auth/passwords';
import type { LoginRateLimiter } from '../auth/rate-limit';
import { issueToken } from '../auth/tokens';
import { normalizeUsername, orgName, toSyncUser } from '../auth/users';
import { HttpError } from '../errors';
import type { SyncStore } from '../store/types';

export interface AuthRoutesOptions {
  store: SyncStore;
  limiter: LoginRateLimiter;
  now: () => number;
  tokenTtlMs: number;
}

const loginSchema = {
  body: {
    type: 'object',
    additionalProperties: false,
    required: ['username', 'password'],
    properties: {
      username: { type: 'string', minLength: 1, maxLength: 256 },
      password: { type: 'string', minLength: 1, maxLength: 1024 },
      deviceToken: { type: 'string', minLength: 1, maxLength: 128 },
    },
  },
} as const;

/** One message for unknown user and wrong password: the response must not reveal which usernames exist. */
const WRONG_CREDENTIALS = 'Wrong username or password';

export function authRoutes(app: FastifyInstance, options: AuthRoutesOptions): void {
  const { store, limiter, now, tokenTtlMs } = options;

  app.post<{ Body: LoginRequest }>(
    '/auth/login',
    { schema: loginSchema, config: { public: true } },
    async (request): Promise<LoginResponse> => {
      const username = normalizeUsername(request.body.username);
      const { deviceToken } = request.body;
      const at = now();
      const user = await store.findUserByUsername(username);
      const knownDevice = await isKnownDevice(store, deviceToken, user);
      const attempt = await limiter.begin(
        { account: username, address: request.ip, ...(knownDevice && { knownDevice }) },
        at,
      );
      const retryAfter = attempt.retryAfterSeconds;
      if (retryAfter !== undefined) {
        throw new HttpError(
          429,
          'rateLimited',
          `Too many failed sign-ins. Try again in ${retryAfter} seconds.`,
          undefined,
          { 'retry-after': String(retryAfter) },
        );
      }
      // Unknown users cost the same scrypt work as known ones.
      const hash = user?.passwordHash ?? (await dummyPasswordHash());
      const passwordOk = await verifyPassword(request.body.password, hash);
      // A wrong password stays recorded as the failure it is (limiter.begin).
      if (!user || !passwordOk) throw new HttpError(401, 'unauthorized', WRONG_CREDENTIALS);
      await attempt.succeeded();
      // Only someone who knows the password learns that the account is disabled.
      if (user.disabled) {
        throw new HttpError(
          401,
          'unauthorized',
          'This account is disabled. Ask your administrator.',
        );
      }
      const { token, expiresAt } = await issueToken(store, user, at, tokenTtlMs);
      return {
        token,
        expiresAt,
        user: toSyncUser(user, await orgName(store, user.orgId)),
        deviceToken: await deviceTokenFor(store, user, deviceToken, knownDevice !== undefined, at),
      };
    },
  );

  app.post('/auth/logout', async (request, reply) => {
    const auth = requireAuth(request);
    await store.revokeToken(auth.tokenHash, now());
    return reply.code(204).send();
  });

  // Every session of the caller ends, this one too: a lost laptop's token stops working. Their
  // open event streams end at their next heartbeat.
  app.post('/auth/logout-everywhere', async (request, reply) => {
    const { user } = requireAuth(request);
    await store.revokeUserTokens(user.orgId, user.id, now());
    return reply.code(204).send();
  });

  app.get('/auth/me', async (request): Promise<SyncUser> => {
    const { user } = requireAuth(request);
    return toSyncUser(user, await orgName(store, user.orgId));
  });
}
