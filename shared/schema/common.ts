import type { RxJsonSchema } from 'rxdb';
import { ROLES } from '../domain/roles';

/**
 * Shared JSON-schema pieces. Indexed fields must be required and bounded (RxDB builds fixed-width
 * index strings from maxLength / minimum / maximum / multipleOf), so the bounds here are part of
 * the on-disk format: change them only with a new schema version and a migration.
 */
export const ID = { type: 'string', maxLength: 36 } as const;
export const TIME = {
  type: 'number',
  minimum: 0,
  maximum: 8_640_000_000_000_000,
  multipleOf: 1,
} as const;
export const ISO_DATE = { type: 'string', format: 'date', maxLength: 10 } as const;
export const text = (maxLength: number) => ({ type: 'string', maxLength }) as const;
export const MONEY = {
  type: 'object',
  additionalProperties: false,
  properties: {
    minor: { type: 'integer', minimum: 0, maximum: Number.MAX_SAFE_INTEGER },
    currency: { type: 'string', pattern: '^[A-Z]{3}$', maxLength: 3 },
  },
  required: ['minor', 'currency'],
} as const;

export const RECORD_BASE_PROPERTIES = {
  id: ID,
  createdAt: TIME,
  updatedAt: TIME,
  ownerId: text(64),
  ownerName: text(100),
  archived: { type: 'boolean' },
  /** Who made the record: stamped by the sync server from the pushing user, never changed. */
  createdBy: text(64),
} as const;

export const RECORD_BASE_REQUIRED = [
  'id',
  'createdAt',
  'updatedAt',
  'ownerId',
  'ownerName',
  'archived',
] as const;

/** A stage column for the phase boards; `stages` lists the allowed values. */
export const stage = (stages: readonly string[]) =>
  ({ type: 'string', maxLength: 20, enum: [...stages] }) as const;

export function recordSchema<T>(
  title: string,
  properties: Record<string, unknown>,
  required: readonly string[],
  indexes: (string | string[])[],
): RxJsonSchema<T> {
  return {
    title,
    version: 0,
    primaryKey: 'id',
    type: 'object',
    additionalProperties: false,
    properties: { ...RECORD_BASE_PROPERTIES, ...properties },
    required: [...RECORD_BASE_REQUIRED, ...required],
    indexes: [['archived', 'updatedAt'], 'ownerId', ...indexes],
  } as unknown as RxJsonSchema<T>;
}

/**
 * What the sync server adds to an audit entry (stage event, field change) it accepts: the
 * author's role and when the server received it. The device's own time stays in `at`.
 */
export const AUDIT_STAMP_PROPERTIES = {
  role: { type: 'string', enum: [...ROLES], maxLength: 10 },
  receivedAt: TIME,
} as const;
