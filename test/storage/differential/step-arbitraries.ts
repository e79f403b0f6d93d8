import fc from 'fast-check';
import type { MangoQuery, MangoQuerySelector } from 'rxdb';
import {
  LABELS,
  LEAD_IDS,
  NOTES,
  REGIONS,
  companyArb,
  leadDataArb,
  valueArb,
  type Lead,
  type LeadData,
} from './lead-model';

/** What a write row intends; the previous state is read from the reference when it runs. */
export type RowIntent = {
  op: 'insert' | 'update' | 'delete' | 'stale' | 'tombstone';
  id: string;
  data: LeadData;
};

export type Step =
  | { kind: 'write'; rows: RowIntent[]; lwtStep: number }
  | { kind: 'query'; query: MangoQuery<Lead> }
  | { kind: 'count'; selector: MangoQuerySelector<Lead> }
  | { kind: 'changes'; pageSize: number }
  | { kind: 'cleanup' }
  | { kind: 'reopen' };

const rowArb: fc.Arbitrary<RowIntent> = fc.record({
  op: fc.constantFrom('insert', 'update', 'update', 'delete', 'stale', 'tombstone'),
  id: fc.constantFrom(...LEAD_IDS),
  data: leadDataArb,
});

// One id per row of a bulk: RxDB never sends two rows for one document in one bulkWrite.
const writeArb: fc.Arbitrary<Step> = fc.record({
  kind: fc.constant('write' as const),
  rows: fc.uniqueArray(rowArb, { minLength: 1, maxLength: 8, selector: (r) => r.id }),
  // RxDB's clock never repeats; steps of 0.01 ms up to a second.
  lwtStep: fc.constantFrom(0.01, 0.02, 1, 1000),
});

/** A run starts from a filled collection, so queries from the first step on have rows to find. */
const seedArb: fc.Arbitrary<Step> = fc.record({
  kind: fc.constant('write' as const),
  rows: fc.uniqueArray(
    fc.record({
      op: fc.constant('insert' as const),
      id: fc.constantFrom(...LEAD_IDS),
      data: leadDataArb,
    }),
    { minLength: 4, maxLength: LEAD_IDS.length, selector: (r) => r.id },
  ),
  lwtStep: fc.constant(1),
});

type Condition = [field: string, condition: Record<string, unknown>];

const REGEXES = ['^a', 'a', 'A', '华', '😀', '！', '^$', '[A-Z]', ' $', '%', '_', '\\.', '\\s'];
const regexArb = fc
  .record({ $regex: fc.constantFrom(...REGEXES), $options: fc.constantFrom(undefined, 'i') })
  .map(({ $regex, $options }) => ($options ? { $regex, $options } : { $regex }));

function comparisons<T>(valueArbitrary: fc.Arbitrary<T>): fc.Arbitrary<Record<string, unknown>> {
  return fc.oneof(
    fc
      .record({
        op: fc.constantFrom('$eq', '$ne', '$gt', '$gte', '$lt', '$lte'),
        v: valueArbitrary,
      })
      .map(({ op, v }) => ({ [op]: v })),
    fc
      .record({ op: fc.constantFrom('$in', '$nin'), v: fc.array(valueArbitrary, { maxLength: 3 }) })
      .map(({ op, v }) => ({ [op]: v })),
  );
}

/** Out-of-bounds numbers too: RxDB clamps them into the index range. */
const valueQueryArb = fc.oneof(valueArb, fc.constantFrom(-1000, 1000, -5000, 5000, 0));

const conditionArb: fc.Arbitrary<Condition> = fc.oneof(
  comparisons(companyArb).map((c): Condition => ['company', c]),
  regexArb.map((c): Condition => ['company', c]),
  comparisons(valueQueryArb).map((c): Condition => ['value', c]),
  fc
    .record({ d: fc.constantFrom(2, 3, 0.5), r: fc.constantFrom(0, 1, -1) })
    .map(({ d, r }): Condition => ['value', { $mod: [d, r] }]),
  fc
    .record({ op: fc.constantFrom('$eq', '$ne'), v: fc.boolean() })
    .map(({ op, v }): Condition => ['hot', { [op]: v }]),
  comparisons(fc.constantFrom(...REGIONS)).map((c): Condition => ['owner.region', c]),
  regexArb.map((c): Condition => ['owner.region', c]),
  comparisons(fc.integer({ min: -20, max: 20 }).map((n) => n / 4)).map((c): Condition => [
    'owner.rank',
    c,
  ]),
  fc.nat(3).map((n): Condition => ['labels', { $size: n }]),
  fc.constantFrom(...LABELS).map((l): Condition => ['labels', { $elemMatch: { $eq: l } }]),
  comparisons(fc.constantFrom(...LABELS)).map((c): Condition => ['labels', c]),
  fc.boolean().map((b): Condition => ['note', { $exists: b }]),
  fc.constantFrom(...NOTES).map((n): Condition => ['note', { $eq: n }]),
  fc.constantFrom('string', 'null').map((t): Condition => ['note', { $type: t }]),
);

const fieldSelectorArb: fc.Arbitrary<MangoQuerySelector<Lead>> = fc
  .array(conditionArb, { maxLength: 2 })
  .map((conditions) => Object.fromEntries(conditions) as MangoQuerySelector<Lead>);

const negatedArb: fc.Arbitrary<MangoQuerySelector<Lead>> = conditionArb
  .filter(([, c]) => !('$elemMatch' in c))
  .map(([field, c]) => ({ [field]: { $not: c } }) as MangoQuerySelector<Lead>);

const logicalArb: fc.Arbitrary<MangoQuerySelector<Lead>> = fc
  .record({
    op: fc.constantFrom('$and', '$or', '$nor'),
    parts: fc.array(fc.oneof(fieldSelectorArb, negatedArb), { minLength: 1, maxLength: 3 }),
  })
  .map(({ op, parts }) => ({ [op]: parts }) as MangoQuerySelector<Lead>);

export const selectorArb: fc.Arbitrary<MangoQuerySelector<Lead>> = fc
  .record({
    fields: fieldSelectorArb,
    extra: fc.option(fc.oneof(logicalArb, negatedArb), { nil: undefined }),
    // RxDB's collections always ask for live documents; replication reads deleted ones too.
    liveOnly: fc.boolean(),
  })
  .map(({ fields, extra, liveOnly }) => ({
    ...fields,
    ...extra,
    ...(liveOnly ? { _deleted: { $eq: false } } : {}),
  }));

const SORT_FIELDS = ['company', 'value', 'hot', 'owner.rank', 'owner.region', 'note', 'id'];
const sortArb = fc.option(
  fc
    .uniqueArray(
      fc.record({ field: fc.constantFrom(...SORT_FIELDS), dir: fc.constantFrom('asc', 'desc') }),
      { minLength: 1, maxLength: 3, selector: (s) => s.field },
    )
    .map((parts) => parts.map(({ field, dir }) => ({ [field]: dir }))),
  { nil: undefined },
);

const queryArb: fc.Arbitrary<Step> = fc
  .record({
    selector: selectorArb,
    sort: sortArb,
    skip: fc.option(fc.nat(6), { nil: undefined }),
    limit: fc.option(fc.nat(8), { nil: undefined }),
  })
  .map(({ selector, sort, skip, limit }) => ({
    kind: 'query' as const,
    query: {
      selector,
      ...(sort ? { sort: sort as MangoQuery<Lead>['sort'] } : {}),
      ...(skip === undefined ? {} : { skip }),
      ...(limit === undefined ? {} : { limit }),
    },
  }));

/**
 * Queries the index alone can answer (range conditions on indexed fields, sorts along an index),
 * so the planner's fast paths run often: range scans with skip and limit, counts from the index.
 */
const rangeOn = <T>(field: string, values: fc.Arbitrary<T>) =>
  fc
    .record({
      lower: fc.option(fc.record({ op: fc.constantFrom('$gt', '$gte'), v: values })),
      upper: fc.option(fc.record({ op: fc.constantFrom('$lt', '$lte'), v: values })),
      eq: fc.option(values),
    })
    .map(({ lower, upper, eq }) => {
      if (eq !== null) return { [field]: { $eq: eq } };
      const bounds = [lower, upper].filter((b) => b !== null);
      return bounds.length ? { [field]: Object.fromEntries(bounds.map((b) => [b.op, b.v])) } : {};
    });
const hotArb = fc.boolean().map((hot) => ({ hot: { $eq: hot } }));
const indexedSelectorArb = fc
  .oneof(
    rangeOn('company', companyArb),
    rangeOn('value', valueQueryArb),
    hotArb,
    fc.tuple(hotArb, rangeOn('value', valueQueryArb)),
    fc.tuple(rangeOn('company', companyArb), hotArb),
  )
  .map((parts) => Object.assign({ _deleted: { $eq: false } }, ...[parts].flat()));
const INDEX_SORTS = [
  [{ company: 'asc' }],
  [{ value: 'asc' }],
  [{ hot: 'asc' }, { value: 'asc' }],
  [{ company: 'asc' }, { hot: 'asc' }],
  [{ value: 'desc' }],
];
const indexedQueryArb: fc.Arbitrary<Step> = fc
  .record({
    selector: indexedSelectorArb,
    sort: fc.constantFrom(...INDEX_SORTS),
    skip: fc.option(fc.nat(4), { nil: undefined }),
    limit: fc.option(fc.nat(6), { nil: undefined }),
  })
  .map(({ selector, sort, skip, limit }) => ({
    kind: 'query' as const,
    query: {
      selector: selector as MangoQuerySelector<Lead>,
      // The sort parts are literal objects; MangoQuerySortPart wants them typed per field.
      sort: sort as unknown as MangoQuery<Lead>['sort'],
      ...(skip === undefined ? {} : { skip }),
      ...(limit === undefined ? {} : { limit }),
    },
  }));

export const stepArb: fc.Arbitrary<Step> = fc.oneof(
  { arbitrary: writeArb, weight: 5 },
  { arbitrary: queryArb, weight: 4 },
  { arbitrary: indexedQueryArb, weight: 3 },
  {
    arbitrary: indexedSelectorArb.map((selector) => ({
      kind: 'count' as const,
      selector: selector as MangoQuerySelector<Lead>,
    })),
    weight: 1,
  },
  { arbitrary: selectorArb.map((selector) => ({ kind: 'count' as const, selector })), weight: 2 },
  {
    arbitrary: fc.nat({ max: 5 }).map((n) => ({ kind: 'changes' as const, pageSize: n + 1 })),
    weight: 1,
  },
  { arbitrary: fc.constant({ kind: 'cleanup' as const }), weight: 1 },
  { arbitrary: fc.constant({ kind: 'reopen' as const }), weight: 1 },
);

/** One run: a seeding write, then random steps. */
export const runArb: fc.Arbitrary<Step[]> = fc
  .tuple(seedArb, fc.array(stepArb, { minLength: 1, maxLength: 40, size: 'max' }))
  .map(([seed, steps]) => [seed, ...steps]);
