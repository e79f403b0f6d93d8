import type { MangoQuerySelector, RxDocumentData } from 'rxdb';
import type { Deal } from './deal-fixtures';

/**
 * Every query operator RxDB 17 enables in its mingo matcher (rx-query-mingo.js: $eq, $ne, $gt,
 * $gte, $lt, $lte, $in, $nin, $exists, $regex (+ $options), $and, $or, $nor, $not, $elemMatch,
 * $size, $mod, $type), on indexed and non-indexed, top-level and nested fields. Expected ids are
 * the live deals of dealPortfolio() that match, worked out by hand from that fixture and checked
 * against RxDB's memory storage. Strings compare by UTF-16 code unit, as JavaScript (and RxDB's
 * index strings) do: 'A' < 'a' < 'Ü' < '华' < '😀' (a surrogate pair, 0xD83D…) < '！' (0xFF01).
 */
export type OperatorCase = [
  name: string,
  selector: MangoQuerySelector<RxDocumentData<Deal>>,
  ids: string[],
];

const ALL = ['d01', 'd02', 'd03', 'd04', 'd05', 'd06', 'd07'];

export const OPERATOR_CASES: OperatorCase[] = [
  ['no condition', {}, ALL],
  // $eq, explicit and shorthand
  ['$eq on an indexed string', { title: { $eq: 'zeta' } }, ['d07']],
  ['$eq on an indexed Chinese string', { title: { $eq: '华为 ERP 升级' } }, ['d01']],
  ['$eq shorthand', { title: 'zeta' }, ['d07']],
  ['$eq on an indexed negative decimal', { amount: { $eq: -50.75 } }, ['d03']],
  ['$eq on an indexed zero', { amount: { $eq: 0 } }, ['d02']],
  ['$eq on an indexed boolean', { won: { $eq: true } }, ['d01', 'd04', 'd06']],
  ['$eq on a non-indexed string', { stage: { $eq: 'proposal' } }, ['d03', 'd07']],
  ['$eq on a non-indexed decimal', { score: { $eq: -3.25 } }, ['d01']],
  ['$eq on a nested indexed field', { 'address.city': { $eq: '上海' } }, ['d06']],
  ['$eq on a nested non-indexed field', { 'address.zip': { $eq: '10117' } }, ['d03']],
  ['$eq on an array matches an element', { tags: { $eq: 'upsell' } }, ['d03', 'd04', 'd06']],
  // $ne
  ['$ne on an indexed boolean', { won: { $ne: true } }, ['d02', 'd03', 'd05', 'd07']],
  ['$ne on a non-indexed string', { stage: { $ne: 'won' } }, ['d01', 'd02', 'd03', 'd05', 'd07']],
  [
    '$ne matches documents without the field',
    { note: { $ne: 'priority' } },
    ['d02', 'd03', 'd04', 'd05', 'd06', 'd07'],
  ],
  // ranges
  ['$gt on an indexed decimal', { amount: { $gt: 99.99 } }, ['d01', 'd05', 'd07']],
  ['$gte on an indexed decimal', { amount: { $gte: 99.99 } }, ['d01', 'd04', 'd05', 'd07']],
  ['$lt on an indexed number below zero', { amount: { $lt: 0 } }, ['d03', 'd06']],
  ['$lte on an indexed number', { amount: { $lte: 0 } }, ['d02', 'd03', 'd06']],
  [
    'open range excludes the schema bounds',
    { amount: { $gt: -1_000_000, $lt: 1_000_000 } },
    ['d01', 'd02', 'd03', 'd04', 'd07'],
  ],
  [
    'closed range includes the schema bounds',
    { amount: { $gte: -1_000_000, $lte: 1_000_000 } },
    ALL,
  ],
  ['$gt on a non-indexed decimal', { score: { $gt: -3.25 } }, ['d02', 'd03', 'd04', 'd06', 'd07']],
  ['$lte on a non-indexed negative decimal', { score: { $lte: -3.25 } }, ['d01', 'd05']],
  [
    '$gt on an indexed string is case-sensitive',
    { title: { $gt: 'a' } },
    ['d01', 'd03', 'd04', 'd05', 'd06', 'd07'],
  ],
  ['$lt on an indexed string', { title: { $lt: 'a' } }, ['d02']],
  [
    '$gte on an indexed string reaches emoji and fullwidth characters',
    { title: { $gte: '华' } },
    ['d01', 'd05', 'd06'],
  ],
  [
    '$lt an emoji on an indexed string',
    { title: { $lt: '😀' } },
    ['d01', 'd02', 'd03', 'd04', 'd07'],
  ],
  [
    '$gt on a nested indexed string',
    { 'address.city': { $gt: 'Berlin' } },
    ['d01', 'd03', 'd04', 'd05', 'd06', 'd07'],
  ],
  // $in / $nin
  ['$in on a non-indexed string', { stage: { $in: ['won', 'lost'] } }, ['d04', 'd05', 'd06']],
  [
    '$in on an indexed string',
    { title: { $in: ['zeta', 'Acme renewal', 'nope'] } },
    ['d02', 'd07'],
  ],
  ['$in on an indexed number', { amount: { $in: [0, 250] } }, ['d02', 'd07']],
  ['$in on an array field', { tags: { $in: ['cn', 'x'] } }, ['d01', 'd06', 'd07']],
  [
    '$nin on a non-indexed string',
    { stage: { $nin: ['won', 'lost'] } },
    ['d01', 'd02', 'd03', 'd07'],
  ],
  [
    '$nin on an indexed number',
    { amount: { $nin: [0, -50.75] } },
    ['d01', 'd04', 'd05', 'd06', 'd07'],
  ],
  ['$nin on an array field', { tags: { $nin: ['upsell'] } }, ['d01', 'd02', 'd05', 'd07']],
  // $exists
  ['$exists true counts an empty string', { note: { $exists: true } }, ['d01', 'd04', 'd07']],
  ['$exists false', { note: { $exists: false } }, ['d02', 'd03', 'd05', 'd06']],
  ['$exists on a mixed-type field', { externalRef: { $exists: true } }, ['d01', 'd02', 'd06']],
  // $regex
  ['$regex is case-sensitive without options', { title: { $regex: '^acme' } }, ['d03']],
  ['$regex with the i option', { title: { $regex: '^acme', $options: 'i' } }, ['d02', 'd03']],
  ['$regex in the middle', { title: { $regex: 'ERP' } }, ['d01']],
  ['$regex on Chinese text', { title: { $regex: '全角' } }, ['d06']],
  ['$regex on an emoji', { title: { $regex: '😀' } }, ['d05']],
  ['$regex alternation', { stage: { $regex: '^(won|lost)$' } }, ['d04', 'd05', 'd06']],
  ['$regex on a nested field', { 'address.city': { $regex: '^b', $options: 'i' } }, ['d02', 'd03']],
  ['$regex on umlauts', { note: { $regex: '^ä' } }, ['d04']],
  // logic
  ['$and', { $and: [{ won: true }, { amount: { $gt: 0 } }] }, ['d01', 'd04']],
  [
    '$and over an array field',
    { $and: [{ tags: { $eq: 'upsell' } }, { stage: { $ne: 'won' } }] },
    ['d03'],
  ],
  ['$or', { $or: [{ stage: 'lost' }, { score: { $gt: 40 } }] }, ['d04', 'd05', 'd07']],
  [
    '$or over indexed fields',
    { $or: [{ title: 'zeta' }, { amount: { $lt: 0 } }] },
    ['d03', 'd06', 'd07'],
  ],
  ['$nor', { $nor: [{ won: true }, { stage: 'proposal' }] }, ['d02', 'd05']],
  ['$not with $gt', { amount: { $not: { $gt: 0 } } }, ['d02', 'd03', 'd06']],
  ['$not with $regex', { title: { $not: { $regex: '^[A-Za-z]' } } }, ['d01', 'd04', 'd05', 'd06']],
  [
    '$not with $eq matches missing fields',
    { note: { $not: { $eq: 'priority' } } },
    ['d02', 'd03', 'd04', 'd05', 'd06', 'd07'],
  ],
  // arrays
  [
    '$elemMatch on objects',
    { lines: { $elemMatch: { product: 'license', qty: { $gt: 5 } } } },
    ['d01'],
  ],
  ['$elemMatch on one field', { lines: { $elemMatch: { product: 'support' } } }, ['d01', 'd03']],
  ['$elemMatch on strings', { tags: { $elemMatch: { $eq: 'erp' } } }, ['d01', 'd06']],
  ['$elemMatch with $in', { tags: { $elemMatch: { $in: ['eu', 'b2c'] } } }, ['d04', 'd05']],
  ['$size 0', { tags: { $size: 0 } }, ['d02']],
  ['$size 2', { tags: { $size: 2 } }, ['d01', 'd04']],
  ['$size on an array of objects', { lines: { $size: 1 } }, ['d03', 'd07']],
  // $mod and $type
  ['$mod on an indexed number', { amount: { $mod: [2, 0] } }, ['d02', 'd05', 'd06', 'd07']],
  ['$mod on a non-indexed number', { score: { $mod: [10, 2] } }, ['d07']],
  ['$mod with a negative remainder', { score: { $mod: [2, -0.5] } }, ['d05']],
  ['$type string', { externalRef: { $type: 'string' } }, ['d01']],
  ['$type number', { externalRef: { $type: 'number' } }, ['d02', 'd06']],
  ['$type object', { address: { $type: 'object' } }, ALL],
  // combinations
  [
    'boolean index with a nested $in',
    { won: false, 'address.city': { $in: ['Berlin', 'berlin', 'Paris'] } },
    ['d02', 'd03', 'd07'],
  ],
  [
    'indexed range with a non-indexed condition',
    { amount: { $gte: 0 }, stage: { $in: ['won', 'proposal', 'lost'] } },
    ['d04', 'd05', 'd07'],
  ],
];
