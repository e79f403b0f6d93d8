import type { FastifyInstance } from 'fastify';
import type { LoginRequest, LoginResponse, SyncUser } from '../../shared/sync/protocol';
import { requireAuth } from '../auth/hook';
import { deviceTokenFor, isKnownDevice } from '../auth/known-devices';
import { dummyPasswordHash, verifyPassword } from '../auth/passwords';
import type { LoginRateLimiter } from '../auth/rate-limit';
import { issueToken } from '../auth/tokens';
import { FIRM_CODE_MAX_INPUT, normalizeFirmCode } from '../auth/firm-code';
import { firmOf, normalizeUsername, toSyncUser } from '../auth/users';
import { HttpError } from '../errors';
import type { SyncStore } from '../store/types';

export interface AuthRoutesOptions {
  store: SyncStore;
  limiter: LoginRateLimiter;
  now: () => number;
  tokenTtlMs: number;
  /** The firm of sign-ins that name none (a server that serves one firm); normalised. */
  defaultFirmCode?: string;
}

const loginSchema = {
  body: {
    type: 'object',
    additionalProperties: false,
    required: ['username', 'password'],
    properties: {
      firmCode: { type: 'string', maxLength: FIRM_CODE_MAX_INPUT },
      username: { type: 'string', minLength: 1, maxLength: 256 },
      password: { type: 'string', minLength: 1, maxLength: 1024 },
      deviceToken: { type: 'string', minLength: 1, maxLength: 128 },
    },
  },
} as const;

/**
 * One message for an unknown firm, an unknown user and a wrong password: the response must not
 * reveal which firms or usernames exist.
 */
const WRONG_CREDENTIALS = 'Wrong firm code, username or password';

export function authRoutes(app: FastifyInstance, options: AuthRoutesOptions): void {
  const { store, limiter, now, tokenTtlMs, defaultFirmCode } = options;

  /** The firm a sign-in names, or the server's one firm when it names none. */
  function firmCodeOf(body: LoginRequest): string {
    const code = normalizeFirmCode(body.firmCode ?? '') || defaultFirmCode;
    if (!code) {
      throw new HttpError(
        400,
        'validation',
        'firmCode is required: this server serves more than one firm',
        'firmCode',
      );
    }
    return code;
  }

  app.post<{ Body: LoginRequest }>(
    '/auth/login',
    { schema: loginSchema, config: { public: true } },
    async (request): Promise<LoginResponse> => {
      const code = firmCodeOf(request.body);
      const username = normalizeUsername(request.body.username);
      const { deviceToken } = request.body;
      const at = now();
      const firm = await store.findOrganisationByCode(code);
      const user = firm && (await store.findUserByUsername(firm.id, username));
      const knownDevice = await isKnownDevice(store, deviceToken, user);
      const account = `${firm?.id ?? `unknown ${code}`}/${username}`;
      const attempt = await limiter.begin(
        { account, address: request.ip, ...(knownDevice && { knownDevice }) },
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
      if (!firm || !user || !passwordOk)
        throw new HttpError(401, 'unauthorized', WRONG_CREDENTIALS);
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
        user: toSyncUser(user, firm),
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
    return toSyncUser(user, await firmOf(store, user.orgId));
  });
}
