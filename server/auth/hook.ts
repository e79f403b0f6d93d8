import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Role } from '../../shared/sync/protocol';
import { HttpError } from '../errors';
import type { SyncStore } from '../store/types';
import { resolveToken, type Session } from './tokens';

export type AuthContext = Session;

declare module 'fastify' {
  interface FastifyRequest {
    /** Set by the bearer hook on every route that is not public. */
    auth: AuthContext | null;
  }
  interface FastifyContextConfig {
    /** Health and login: reachable without a bearer token. */
    public?: boolean;
  }
}

const unauthorized = () =>
  new HttpError(401, 'unauthorized', 'Sign in again: the session is missing, expired or revoked');

/**
 * Bearer authentication for every matched route except the public ones. Runs in onRequest, before
 * the body is read, so an anonymous client cannot make the server parse a large body. Unknown
 * routes fall through to the 404 handler.
 */
export function installBearerAuth(app: FastifyInstance, store: SyncStore, now: () => number): void {
  app.decorateRequest('auth', null);
  app.addHook('onRequest', async (request) => {
    if (request.is404 || request.method === 'OPTIONS' || request.routeOptions.config.public) return;
    const header = request.headers.authorization;
    const match = header ? /^Bearer\s+(\S+)\s*$/i.exec(header) : null;
    if (!match?.[1]) throw unauthorized();
    const resolved = await resolveToken(store, match[1], now());
    if (!resolved) throw unauthorized();
    request.auth = resolved;
  });
}

export function requireAuth(request: FastifyRequest): AuthContext {
  if (!request.auth) throw unauthorized();
  return request.auth;
}

export function requireRole(request: FastifyRequest, role: Role): AuthContext {
  const auth = requireAuth(request);
  if (auth.user.role !== role) {
    throw new HttpError(403, 'forbidden', `This needs the ${role} role`);
  }
  return auth;
}
