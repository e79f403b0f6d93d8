import type { FastifyInstance } from 'fastify';
import type {
  BatchPushRequest,
  BatchPushResponse,
  PullResponse,
  PushResponse,
  PushRow,
} from '../../shared/sync/protocol';
import {
  MAX_BATCH_PUSH_ROWS,
  MAX_PULL_LIMIT,
  MAX_PUSH_ROWS,
  PULL_BATCH_SIZE,
} from '../../shared/sync/protocol';
import { requireAuth, type AuthContext } from '../auth/hook';
import { HttpError } from '../errors';
import { EPOCH_PATTERN } from '../store/epoch';
import type { SyncCollection } from '../replication/collections';
import { pullFor } from '../replication/pull';
import { pushBatches, type Pusher } from '../replication/push';
import type { SyncStore } from '../store/types';

export interface SyncRoutesOptions {
  store: SyncStore;
  collections: ReadonlyMap<string, SyncCollection>;
  now: () => number;
}

/** Who pushes, with the firm's users_version their sign-in read (store/users-cache.ts). */
const pusherOf = ({ user, usersVersion }: AuthContext): Pusher => ({ ...user, usersVersion });

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
      // Bounded so that every value fits a 64-bit integer column and a JavaScript number exactly:
      // a larger one (1e20, 1e400) is a 400 naming the parameter, not a database error.
      seq: { type: 'integer', minimum: 0, maximum: Number.MAX_SAFE_INTEGER, default: 0 },
      limit: {
        type: 'integer',
        minimum: 1,
        maximum: Number.MAX_SAFE_INTEGER,
        default: PULL_BATCH_SIZE,
      },
    },
  },
} as const;

/** Rows are checked one by one in pushBatches (a bad row is refused, not the whole push); this is their shape. */
const pushRows = {
  type: 'array',
  items: {
    type: 'object',
    required: ['newDocumentState'],
    properties: {
      newDocumentState: { type: 'object' },
      assumedMasterState: { type: 'object' },
      stageEvents: { type: 'array', items: { type: 'object' } },
    },
  },
} as const;

/** A server epoch as a push carries it (store/epoch.ts); anything else is a 400 naming the field. */
const epochField = { type: 'string', pattern: EPOCH_PATTERN } as const;

const pushSchema = {
  params: collectionParams,
  querystring: {
    type: 'object',
    additionalProperties: false,
    properties: { epoch: epochField },
  },
  body: pushRows,
} as const;

const batchPushSchema = {
  body: {
    type: 'object',
    required: ['batches'],
    additionalProperties: false,
    properties: {
      epoch: epochField,
      batches: {
        type: 'array',
        maxItems: 64,
        items: {
          type: 'object',
          required: ['collection', 'rows'],
          additionalProperties: false,
          properties: {
            collection: { type: 'string', minLength: 1, maxLength: 64 },
            rows: pushRows,
          },
        },
      },
    },
  },
} as const;

export function syncRoutes(app: FastifyInstance, options: SyncRoutesOptions): void {
  const { store, collections, now } = options;
  const events = collections.get('stageevents');

  /**
   * A push made against data from before a restore is refused until the client has seen the new
   * epoch (its pull then sends again what the server lost). A push without an epoch (a client
   * that has not pulled yet, or an older one) is taken: the usual conflict rules apply to it.
   */
  async function checkEpoch(sent: string | undefined): Promise<string> {
    const current = await store.epoch();
    if (sent !== undefined && sent !== current) {
      throw new HttpError(
        409,
        'epochChanged',
        'The server was restored from a backup since this device last synced: pull first',
        'epoch',
      );
    }
    return current;
  }

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
      // The schema's maximum lets Infinity through (ajv coerces "1e400" to it and calls it an
      // integer), so the bound is checked here too.
      for (const [field, value] of [
        ['seq', seq],
        ['limit', limit],
      ] as const) {
        if (!Number.isSafeInteger(value)) {
          throw new HttpError(
            400,
            'validation',
            `${field} must be at most ${Number.MAX_SAFE_INTEGER}`,
            field,
          );
        }
      }
      // Only what this person may see, without the fields their role does not see.
      return pullFor(store, user, collection.name, seq, Math.min(limit, MAX_PULL_LIMIT));
    },
  );

  app.post<{ Params: { collection: string }; Querystring: { epoch?: string }; Body: PushRow[] }>(
    '/sync/:collection/push',
    { schema: pushSchema },
    async (request): Promise<PushResponse> => {
      const pusher = pusherOf(requireAuth(request));
      const collection = collectionOf(request.params.collection);
      await checkEpoch(request.query.epoch);
      if (request.body.length > MAX_PUSH_ROWS) {
        throw new HttpError(
          413,
          'payloadTooLarge',
          `A push may carry at most ${MAX_PUSH_ROWS} rows`,
        );
      }
      const results = await pushBatches(
        store,
        pusher,
        [{ collection, rows: request.body }],
        events,
        now,
      );
      return results.get(collection.name) ?? { conflicts: [], refused: [] };
    },
  );

  app.post<{ Body: BatchPushRequest }>(
    '/sync/push',
    { schema: batchPushSchema },
    async (request): Promise<BatchPushResponse> => {
      const pusher = pusherOf(requireAuth(request));
      const batches = request.body.batches.map((batch) => ({
        collection: collectionOf(batch.collection),
        rows: batch.rows,
      }));
      const names = new Set<string>();
      for (const { collection } of batches) {
        if (names.has(collection.name)) {
          throw new HttpError(
            400,
            'validation',
            `collection ${collection.name} appears twice`,
            'batches',
          );
        }
        names.add(collection.name);
      }
      const total = batches.reduce((sum, batch) => sum + batch.rows.length, 0);
      if (total > MAX_BATCH_PUSH_ROWS) {
        throw new HttpError(
          413,
          'payloadTooLarge',
          `A batch push may carry at most ${MAX_BATCH_PUSH_ROWS} rows`,
        );
      }
      const epoch = await checkEpoch(request.body.epoch);
      const results = await pushBatches(store, pusher, batches, events, now);
      return { results: Object.fromEntries(results), epoch };
    },
  );
}
