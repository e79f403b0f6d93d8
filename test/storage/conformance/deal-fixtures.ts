import {
  createRevision,
  fillWithDefaultSettings,
  type RxDocumentData,
  type RxJsonSchema,
} from 'rxdb';

/**
 * The record the conformance suite stores: a sales deal, shaped to reach every corner a storage
 * can get wrong. Indexed: a string (title), a bounded decimal number that goes negative (amount), a
 * boolean (won), a compound index and a nested string (address.city). Not indexed: a string
 * (stage), a decimal (score), an array of strings (tags), an array of objects (lines), an optional
 * string (note) and a field that is a string on some deals and a number on others (externalRef).
 */
export interface DealLine {
  product: string;
  qty: number;
}

export interface Deal {
  id: string;
  title: string;
  amount: number;
  won: boolean;
  stage: string;
  score: number;
  tags: string[];
  address: { city: string; zip: string };
  lines: DealLine[];
  note?: string;
  externalRef?: string | number;
}

export const DEAL_SCHEMA: RxJsonSchema<Deal> = {
  version: 0,
  primaryKey: 'id',
  type: 'object',
  properties: {
    id: { type: 'string', maxLength: 40 },
    title: { type: 'string', maxLength: 60 },
    amount: { type: 'number', minimum: -1_000_000, maximum: 1_000_000, multipleOf: 0.01 },
    won: { type: 'boolean' },
    stage: { type: 'string' },
    score: { type: 'number' },
    tags: { type: 'array', items: { type: 'string' } },
    address: {
      type: 'object',
      properties: {
        city: { type: 'string', maxLength: 30 },
        zip: { type: 'string' },
      },
      required: ['city', 'zip'],
    },
    lines: {
      type: 'array',
      items: {
        type: 'object',
        properties: { product: { type: 'string' }, qty: { type: 'number' } },
        required: ['product', 'qty'],
      },
    },
    note: { type: 'string' },
    externalRef: { type: ['string', 'number'] },
  },
  required: ['id', 'title', 'amount', 'won', 'stage', 'score', 'tags', 'address', 'lines'],
  indexes: ['title', 'amount', 'won', ['won', 'amount'], 'address.city'],
};

/** The schema as RxDB hands it to a storage: meta fields and their indexes added. */
export const DEAL_STORAGE_SCHEMA: RxJsonSchema<RxDocumentData<Deal>> =
  fillWithDefaultSettings(DEAL_SCHEMA);

/** Last-write times are set by the writer (RxDB's wrapper); tests choose them to be exact. */
export const BASE_LWT = 1_767_600_000_000;

/** A deal as an app writes it through RxDB: no meta fields. */
export function plainDeal(id: string, fields: Partial<Deal> = {}): Deal {
  return {
    id,
    title: `Deal ${id}`,
    amount: 100,
    won: false,
    stage: 'qualification',
    score: 0,
    tags: [],
    address: { city: 'Berlin', zip: '10115' },
    lines: [],
    ...fields,
  };
}

/** A deal as a storage receives it: with the meta fields RxDB's wrapper would set. */
export function dealDoc(
  id: string,
  fields: Partial<Deal> = {},
  meta: { lwt?: number; deleted?: boolean; rev?: string } = {},
): RxDocumentData<Deal> {
  return {
    ...plainDeal(id, fields),
    _deleted: meta.deleted ?? false,
    _rev: meta.rev ?? '1-conformance',
    _meta: { lwt: meta.lwt ?? BASE_LWT },
    _attachments: {},
  };
}

/** The next state of a stored document, as RxDB's wrapper would write it. */
export function nextState(
  previous: RxDocumentData<Deal>,
  change: Partial<Deal> & { _deleted?: boolean },
  lwt: number,
): RxDocumentData<Deal> {
  return {
    ...previous,
    ...change,
    _rev: createRevision('conformance', previous),
    _meta: { ...previous._meta, lwt },
  };
}

/**
 * Eight deals (one of them deleted) that together cover every operator case of the suite:
 * unicode and Chinese text, emoji (characters outside the Basic Multilingual Plane, whose UTF-16
 * and UTF-8 orders differ from fullwidth punctuation), negative and decimal numbers, empty and
 * non-empty arrays, optional fields present and absent.
 */
export function dealPortfolio(): RxDocumentData<Deal>[] {
  const lwt = (n: number) => BASE_LWT + n;
  return [
    dealDoc(
      'd01',
      {
        title: '华为 ERP 升级',
        amount: 120_000.5,
        won: true,
        stage: 'negotiation',
        score: -3.25,
        tags: ['erp', 'cn'],
        address: { city: '深圳', zip: '518000' },
        lines: [
          { product: 'license', qty: 10 },
          { product: 'support', qty: 1 },
        ],
        note: 'priority',
        externalRef: 'HW-1',
      },
      { lwt: lwt(1) },
    ),
    dealDoc(
      'd02',
      {
        title: 'Acme renewal',
        amount: 0,
        stage: 'qualification',
        score: 0,
        address: { city: 'Berlin', zip: '10115' },
        externalRef: 42,
      },
      { lwt: lwt(2) },
    ),
    dealDoc(
      'd03',
      {
        title: 'acme expansion',
        amount: -50.75,
        stage: 'proposal',
        score: 7.5,
        tags: ['upsell'],
        address: { city: 'berlin', zip: '10117' },
        lines: [{ product: 'support', qty: 4 }],
      },
      { lwt: lwt(3) },
    ),
    dealDoc(
      'd04',
      {
        title: 'Ünïcode Straße',
        amount: 99.99,
        won: true,
        stage: 'won',
        score: 100,
        tags: ['eu', 'upsell'],
        address: { city: 'München', zip: '80331' },
        note: 'ärger',
      },
      { lwt: lwt(4) },
    ),
    dealDoc(
      'd05',
      {
        title: '😀 emoji deal',
        amount: 1_000_000,
        stage: 'lost',
        score: -100.5,
        tags: ['b2c'],
        address: { city: 'Tokyo', zip: '100-0001' },
      },
      { lwt: lwt(5) },
    ),
    dealDoc(
      'd06',
      {
        title: '！全角 punctuation',
        amount: -1_000_000,
        won: true,
        stage: 'won',
        score: 3.14159,
        tags: ['cn', 'erp', 'upsell'],
        address: { city: '上海', zip: '200000' },
        externalRef: 7,
      },
      { lwt: lwt(6) },
    ),
    dealDoc(
      'd07',
      {
        title: 'zeta',
        amount: 250,
        stage: 'proposal',
        score: 42,
        tags: ['x'],
        address: { city: 'Paris', zip: '75001' },
        lines: [{ product: 'license', qty: 3 }],
        note: '',
      },
      { lwt: lwt(7) },
    ),
    dealDoc(
      'd08',
      { title: 'deleted acme', amount: 500, won: true, stage: 'won', score: 1, tags: ['erp'] },
      { lwt: lwt(8), deleted: true },
    ),
  ];
}
