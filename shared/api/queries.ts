import { z } from 'zod';
import type { Account, Contact, Opportunity, StageEvent } from '../domain/entities';
import type { MoneyTotals } from '../domain/money';
import { id } from './fields';
import { activityQuerySchemas, type ActivityQueryResults } from './activity-contract';
import { collectionsQuerySchemas, type CollectionsQueryResults } from './collections-contract';
import { leadQuerySchemas, type LeadQueryResults } from './lead-contract';
import { pipelineQuerySchemas, type PipelineQueryResults } from './pipeline-contract';
import { contractingQuerySchemas, type ContractingQueryResults } from './contracting-contract';
import { searchQuerySchemas, type SearchQueryResults } from './search-contract';
import { historyQuerySchemas, type HistoryQueryResults } from './history-contract';
import { syncQuerySchemas, type SyncQueryResults } from './sync-contract';
import { demoQuerySchemas, type DemoQueryResults } from './demo-contract';
import { analyticsQuerySchemas, type AnalyticsQueryResults } from './analytics-contract';

/** A board card: the opportunity plus the names a card shows, resolved by the core. */
export interface OpportunityCard extends Opportunity {
  accountName: string;
  contactName?: string;
}

export interface OpportunityColumn {
  /** A stage key of the board's pipeline. */
  stage: string;
  /** The stage's display name; absent for built-in stages, whose names are translated. */
  name?: string;
  terminal: boolean;
  probability: number;
  count: number;
  /** Per currency: CNY and USD deals are never added together. */
  total: MoneyTotals;
  /** Amount × the card's probability, per currency. */
  weighted: MoneyTotals;
  cards: OpportunityCard[];
}

export interface OpportunityBoard {
  pipelineId: string;
  columns: OpportunityColumn[];
}

/** The live queries the domain core answers (shared/core). */
export const coreQuerySchemas = {
  'board/opportunities': z.strictObject({ pipelineId: z.string().min(1).max(64).optional() }),
  'accounts/list': z.strictObject({}),
  'contacts/list': z.strictObject({ accountId: id.optional() }),
  'stageEvents/forRecord': z.strictObject({ recordId: id }),
  ...leadQuerySchemas,
  ...contractingQuerySchemas,
  ...activityQuerySchemas,
  ...collectionsQuerySchemas,
  ...searchQuerySchemas,
  ...historyQuerySchemas,
  ...pipelineQuerySchemas,
  ...demoQuerySchemas,
  ...analyticsQuerySchemas,
} as const;

/** Live queries: the host pushes a fresh result whenever the underlying records change. */
export const querySchemas = { ...coreQuerySchemas, ...syncQuerySchemas } as const;

export type QueryName = keyof typeof querySchemas;
export type CoreQueryName = keyof typeof coreQuerySchemas;
export type QueryArgs<Q extends QueryName> = z.input<(typeof querySchemas)[Q]>;
export type ParsedQueryArgs<Q extends QueryName> = z.output<(typeof querySchemas)[Q]>;

export interface QueryResults
  extends
    DemoQueryResults,
    AnalyticsQueryResults,
    LeadQueryResults,
    ContractingQueryResults,
    SyncQueryResults,
    ActivityQueryResults,
    SearchQueryResults,
    CollectionsQueryResults,
    PipelineQueryResults,
    HistoryQueryResults {
  'board/opportunities': OpportunityBoard;
  'accounts/list': Account[];
  'contacts/list': Contact[];
  'stageEvents/forRecord': StageEvent[];
}

export type QueryResult<Q extends QueryName> = QueryResults[Q];
