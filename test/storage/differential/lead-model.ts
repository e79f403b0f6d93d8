import fc from 'fast-check';
import {
  createRevision,
  fillWithDefaultSettings,
  type RxDocumentData,
  type RxJsonSchema,
} from 'rxdb';

/**
 * The differential test's record: a lead with three indexed fields (a string, a bounded decimal,
 * a boolean, plus two compound indexes) and non-indexed nested, array and optional fields.
 */
export interface Lead {
  id: string;
  company: string;
  value: number;
  hot: boolean;
  owner: { region: string; rank: number };
  labels: string[];
  note?: string;
}

export type LeadData = Omit<Lead, 'id'>;

const LEAD_SCHEMA: RxJsonSchema<Lead> = {
  version: 0,
  primaryKey: 'id',
  type: 'object',
  properties: {
    id: { type: 'string', maxLength: 20 },
    company: { type: 'string', maxLength: 12 },
    value: { type: 'number', minimum: -1000, maximum: 1000, multipleOf: 0.01 },
    hot: { type: 'boolean' },
    owner: {
      type: 'object',
      properties: { region: { type: 'string' }, rank: { type: 'number' } },
      required: ['region', 'rank'],
    },
    labels: { type: 'array', items: { type: 'string' } },
    note: { type: 'string' },
  },
  required: ['id', 'company', 'value', 'hot', 'owner', 'labels'],
  indexes: ['company', 'value', 'hot', ['hot', 'value'], ['company', 'hot']],
};

export const LEAD_STORAGE_SCHEMA: RxJsonSchema<RxDocumentData<Lead>> =
  fillWithDefaultSettings(LEAD_SCHEMA);

/**
 * Ids collide often on purpose (conflicts, updates, revivals); they include characters whose
 * UTF-16 and UTF-8 orders differ, because the primary key breaks every sort tie.
 */
export const LEAD_IDS = [
  'a',
  'B',
  'c1',
  'c10',
  'c2',
  'é',
  '华为',
  '华为2',
  '😀x',
  '！',
  'zz',
  'lead-0012',
  'lead-0013',
  'Z',
];

/**
 * Text pieces: case, accents, Chinese, an emoji (surrogate pair), fullwidth, a space, a tab, and
 * SQL LIKE wildcards.
 */
export const TEXT_UNITS = ['a', 'A', 'b', 'é', '华', '😀', '！', ' ', '\t', 'z', '0', '%', '_'];

/**
 * Mostly names from a short list, so equality and range conditions hit; some random text. 'a' and
 * 'a ' differ only by a trailing space, which RxDB's space-padded index strings cannot tell apart.
 */
const COMPANIES = [
  'Acme',
  'acme',
  'ACME Corp',
  'Älpha',
  '华为',
  '华为 2',
  '😀 Smile',
  '！Bang',
  'a',
  'a ',
  '',
  'zz',
];
export const companyArb = fc.oneof(
  { arbitrary: fc.constantFrom(...COMPANIES), weight: 4 },
  { arbitrary: fc.string({ unit: fc.constantFrom(...TEXT_UNITS), maxLength: 4 }), weight: 1 },
);
/** Multiples of 0.01 within the schema bounds, both bounds included; a short list hits often. */
const VALUES = [-1000, -250.5, -0.01, 0, 0.01, 3.33, 99.99, 250, 1000];
export const valueArb = fc.oneof(
  { arbitrary: fc.constantFrom(...VALUES), weight: 3 },
  { arbitrary: fc.integer({ min: -100_000, max: 100_000 }).map((n) => n / 100), weight: 1 },
);
export const REGIONS = ['north', 'south', '东部', 'Ost'];
export const LABELS = ['vip', 'new', 'cn', 'eu'];
export const NOTES = ['', 'call', 'Call back', '回电'];

export const leadDataArb: fc.Arbitrary<LeadData> = fc
  .record({
    company: companyArb,
    value: valueArb,
    hot: fc.boolean(),
    owner: fc.record({
      region: fc.constantFrom(...REGIONS),
      rank: fc.integer({ min: -20, max: 20 }).map((n) => n / 4),
    }),
    labels: fc.array(fc.constantFrom(...LABELS), { maxLength: 3 }),
    note: fc.option(fc.constantFrom(...NOTES), { nil: undefined }),
  })
  // An absent note must be absent, not a key holding undefined (JSON would drop it).
  .map(({ note, ...rest }) => (note === undefined ? rest : { ...rest, note }));

const TOKEN = 'differential';

export function freshLead(
  id: string,
  data: LeadData,
  lwt: number,
  deleted = false,
): RxDocumentData<Lead> {
  return {
    id,
    ...data,
    _deleted: deleted,
    _rev: createRevision(TOKEN),
    _meta: { lwt },
    _attachments: {},
  };
}

export function nextLead(
  previous: RxDocumentData<Lead>,
  data: LeadData,
  lwt: number,
  deleted: boolean,
): RxDocumentData<Lead> {
  return {
    id: previous.id,
    ...data,
    _deleted: deleted,
    _rev: createRevision(TOKEN, previous),
    _meta: { lwt },
    _attachments: {},
  };
}
