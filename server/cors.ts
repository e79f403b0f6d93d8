import type { FastifyInstance } from 'fastify';

/**
 * The web build runs on its own origin and calls the sync server with fetch and a bearer header,
 * so the browser needs CORS. Any origin may call: authentication is the bearer token, never a
 * cookie, so a foreign page gains nothing it could not do with the token itself.
 * (Hand-written instead of @fastify/cors, which is not a dependency.)
 */
export function installCors(app: FastifyInstance): void {
  app.addHook('onRequest', async (request, reply) => {
    void reply.header('access-control-allow-origin', '*');
    void reply.header('access-control-expose-headers', 'retry-after');
    if (request.method === 'OPTIONS' && request.headers['access-control-request-method']) {
      return reply
        .code(204)
        .headers({
          'access-control-allow-methods': 'GET, POST, PATCH, OPTIONS',
          'access-control-allow-headers': 'authorization, content-type',
          'access-control-max-age': '600',
        })
        .send();
    }
  });
}
