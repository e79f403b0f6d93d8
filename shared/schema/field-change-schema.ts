import type { RxJsonSchema } from 'rxdb';
import { HISTORY_RECORD_TYPES, type FieldChange } from '../domain/entities';
import { AUDIT_STAMP_PROPERTIES, ID, TIME, text } from './common';

/**
 * Longest stored value text, in characters. Long enough for a name, a phone number, an amount or
 * a short list as JSON; a 4,000-character note is cut (see shared/core/field-changes.ts).
 */
export const FIELD_CHANGE_VALUE_MAX = 300;

/** One record changes at most this many fields in one command; every entity has fewer fields. */
export const MAX_CHANGED_FIELDS = 60;

/** Field changes have no owner or archive flag: like stage events they are facts, append-only. */
export const fieldChangeSchema: RxJsonSchema<FieldChange> = {
  title: 'fieldChange',
  version: 0,
  primaryKey: 'id',
  type: 'object',
  additionalProperties: false,
  properties: {
    id: ID,
    recordType: { type: 'string', enum: [...HISTORY_RECORD_TYPES], maxLength: 20 },
    recordId: ID,
    at: TIME,
    by: text(64),
    byName: text(100),
    changes: {
      type: 'array',
      minItems: 1,
      maxItems: MAX_CHANGED_FIELDS,
      items: {
        type: 'object',
        additionalProperties: false,
        properties: {
          field: text(64),
          from: text(FIELD_CHANGE_VALUE_MAX),
          to: text(FIELD_CHANGE_VALUE_MAX),
        },
        required: ['field'],
      },
    },
    ...AUDIT_STAMP_PROPERTIES,
  },
  required: ['id', 'recordType', 'recordId', 'at', 'by', 'byName', 'changes'],
  // A record's history, in time order.
  indexes: [['recordId', 'at']],
} as unknown as RxJsonSchema<FieldChange>;
