import type { FastifyInstance } from 'fastify';
import type { PullResponse, PushResponse, PushRow } from '../../shared/sync/protocol';
import { MAX_PULL_LIMIT, MAX_PUSH_ROWS, PULL_BATCH_SIZE } from '../../shared/sync/protocol';
import { requireAuth } from '../auth/hook';
import { HttpError } from '../errors';
import type { SyncCollection } from '../replication/collections';
import { pushRows } from '../replication/push';
import type { SyncStore } from '../store/types';

export interface SyncRoutesOptions {
  store: SyncStore;
  collections: ReadonlyMap<string, SyncCollection>;
}

const collectionParams = {
  type: 'object',
  required: ['collection'],
  properties: { collection: { type: 'string', minLength: 1, maxLength: 64 } },
} as const;

const pullSchema = {
  params: collectionParams,
  querystring: {
    type: 'object',
    properties: {
      seq: { type: 'integer', minimum: 0, default: 0 },
      limit: { type: 'integer', minimum: 1, default: PULL_BATCH_SIZE },
    },
  },
} as const;

/** Rows are checked one by one in pushRows (a bad row is refused, not the whole push); this is their shape. */
const pushSchema = {
  params: collectionParams,
  body: {
    type: 'array',
    items: {
      type: 'object',
      required: ['newDocumentState'],
      properties: { newDocumentState: { type: 'object' }, assumedMasterState: { type: 'object' } },
    },
  },
} as const;

export function syncRoutes(app: FastifyInstance, options: SyncRoutesOptions): void {
  const { store, collections } = options;

  function collectionOf(name: string): SyncCollection {
    const collection = collections.get(name);
    if (!collection) throw new HttpError(404, 'notFound', `No collection "${name}" on this server`);
    return collection;
  }

  app.get<{ Params: { collection: string }; Querystring: { seq: number; limit: number } }>(
    '/sync/:collection/pull',
    { schema: pullSchema },
    async (request): Promise<PullResponse> => {
      const { user } = requireAuth(request);
      const collection = collectionOf(request.params.collection);
      const { seq, limit } = request.query;
      const rows = await store.pull(
        user.orgId,
        collection.name,
        seq,
        Math.min(limit, MAX_PULL_LIMIT),
      );
      const last = rows[rows.length - 1];
      return { documents: rows.map((r) => r.data), checkpoint: { seq: last ? last.seq : seq } };
    },
  );

  app.post<{ Params: { collection: string }; Body: PushRow[] }>(
    '/sync/:collection/push',
    { schema: pushSchema },
    async (request): Promise<PushResponse> => {
      const { user } = requireAuth(request);
      const collection = collectionOf(request.params.collection);
      if (request.body.length > MAX_PUSH_ROWS) {
        throw new HttpError(
          413,
          'payloadTooLarge',
          `A push may carry at most ${MAX_PUSH_ROWS} rows`,
        );
      }
      return pushRows(store, collection, user, request.body);
    },
  );
}
