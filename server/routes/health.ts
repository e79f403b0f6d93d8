import type { FastifyInstance } from 'fastify';

/** For load balancers and the sign-in dialog's "is this a sync server?" check. No auth, no database. */
export function healthRoutes(app: FastifyInstance): void {
  app.get('/health', { config: { public: true } }, async () => ({ ok: true }));
}
