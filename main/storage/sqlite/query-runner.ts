import type Database from 'better-sqlite3';
import type {
  PreparedQuery,
  RxDocumentData,
  RxJsonSchema,
  RxStorageCountResult,
  RxStorageQueryResult,
} from 'rxdb';
import {
  getQueryMatcher,
  getSortComparator,
  getStartIndexStringFromLowerBound,
  getStartIndexStringFromUpperBound,
} from 'rxdb';
import { DOCUMENT_COLUMN, parseDocument } from './document-row';
import type { TableStatements } from './statements';
import { toSqliteOrder, type IndexColumn, type TableLayout } from './table-layout';

export interface QueryTarget {
  schema: RxJsonSchema<RxDocumentData<unknown>>;
  layout: TableLayout;
  statements: TableStatements;
}

/** The index range RxDB's query planner chose, as bounds on one index column. */
interface IndexRange {
  column: IndexColumn;
  lower: string;
  upper: string;
  where: string;
}

function indexRange<T>(target: QueryTarget, preparedQuery: PreparedQuery<T>): IndexRange | null {
  const plan = preparedQuery.queryPlan;
  const column = target.layout.byKey.get(plan.index.join(','));
  // A query naming an index the schema does not have: scan everything, match and sort in JS.
  if (!column) return null;
  const schema = target.schema;
  const lower = getStartIndexStringFromLowerBound(schema, plan.index, plan.startKeys);
  const upper = getStartIndexStringFromUpperBound(schema, plan.index, plan.endKeys);
  const c = column.column;
  return {
    column,
    lower: toSqliteOrder(lower),
    upper: toSqliteOrder(upper),
    where: `${c} ${plan.inclusiveStart ? '>=' : '>'} ? AND ${c} ${plan.inclusiveEnd ? '<=' : '<'} ?`,
  };
}

/** Rows of the range in index order; LIMIT/OFFSET only when index order is the answer's order. */
function rangeStatement(
  target: QueryTarget,
  range: IndexRange | null,
  paged: boolean,
): Database.Statement {
  const { table } = target.layout;
  if (!range) {
    return target.statements
      .cached('scan', () => `SELECT ${DOCUMENT_COLUMN} FROM ${table}`)
      .pluck();
  }
  const key = `range:${range.where}:${paged}`;
  return target.statements
    .cached(
      key,
      () =>
        `SELECT ${DOCUMENT_COLUMN} FROM ${table} WHERE ${range.where} ` +
        `ORDER BY ${range.column.column}${paged ? ' LIMIT ? OFFSET ?' : ''}`,
    )
    .pluck();
}

export function runQuery<T>(
  target: QueryTarget,
  preparedQuery: PreparedQuery<T>,
): RxStorageQueryResult<T> {
  const { query, queryPlan } = preparedQuery;
  const skip = query.skip ? query.skip : 0;
  // An explicit limit 0 returns nothing, as in RxDB's memory storage.
  const limit = typeof query.limit === 'number' ? query.limit : Infinity;
  const range = indexRange(target, preparedQuery);
  const mustMatch = !queryPlan.selectorSatisfiedByIndex || !range;
  const mustSort = !queryPlan.sortSatisfiedByIndex || !range;
  const bounds = range ? [range.lower, range.upper] : [];

  if (!mustMatch && !mustSort) {
    const statement = rangeStatement(target, range, true);
    const rows = statement.all(...bounds, limit === Infinity ? -1 : limit, skip) as string[];
    return { documents: rows.map((row) => parseDocument<T>(row)) };
  }

  const statement = rangeStatement(target, range, false);
  let documents: RxDocumentData<T>[] = [];
  if (!mustMatch) {
    documents = (statement.all(...bounds) as string[]).map((row) => parseDocument<T>(row));
  } else {
    const matches = getQueryMatcher(target.schema, query);
    if (!mustSort && limit !== Infinity) {
      // Index order is the answer's order: stop reading once skip + limit rows matched.
      const wanted = skip + limit;
      if (wanted > 0) {
        for (const row of statement.iterate(...bounds) as IterableIterator<string>) {
          const doc = parseDocument<T>(row);
          if (matches(doc) && documents.push(doc) >= wanted) break;
        }
      }
    } else {
      for (const row of statement.all(...bounds) as string[]) {
        const doc = parseDocument<T>(row);
        if (matches(doc)) documents.push(doc);
      }
    }
  }
  if (mustSort) {
    const schema = target.schema as RxJsonSchema<RxDocumentData<T>>;
    documents.sort(getSortComparator(schema, query));
  }
  if (skip !== 0 || documents.length > skip + limit) {
    documents = documents.slice(skip, skip + limit);
  }
  return { documents };
}

/**
 * Fast when the index range is exactly the answer (COUNT in SQL, no row read); otherwise every
 * row of the range is read and matched ('slow', which RxDB refuses unless allowSlowCount).
 * Skip and limit apply, so count equals the length of query()'s answer.
 */
export function countQuery<T>(
  target: QueryTarget,
  preparedQuery: PreparedQuery<T>,
): RxStorageCountResult {
  const { query, queryPlan } = preparedQuery;
  const skip = query.skip ? query.skip : 0;
  const limit = typeof query.limit === 'number' ? query.limit : Infinity;
  const range = indexRange(target, preparedQuery);
  let total = 0;
  let mode: RxStorageCountResult['mode'] = 'fast';
  if (range && queryPlan.selectorSatisfiedByIndex) {
    const statement = target.statements.cached(
      `count:${range.where}`,
      () => `SELECT COUNT(*) FROM ${target.layout.table} WHERE ${range.where}`,
    );
    total = statement.pluck().get(range.lower, range.upper) as number;
  } else {
    mode = 'slow';
    const matches = getQueryMatcher(target.schema, query);
    const bounds = range ? [range.lower, range.upper] : [];
    for (const row of rangeStatement(target, range, false).all(...bounds) as string[]) {
      if (matches(parseDocument<T>(row))) total += 1;
    }
  }
  return { count: Math.max(0, Math.min(total - skip, limit)), mode };
}
