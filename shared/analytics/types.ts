import type {
  Contract,
  Delivery,
  Invoice,
  Lead,
  Opportunity,
  Payment,
  StageEvent,
} from '../domain/entities';
import type { Money } from '../domain/money';
import type { Phase } from '../domain/phases';

/**
 * The ordered stages of one board. `path` is the way forward, ending in the stage that means
 * success (won, converted, completed, accepted, paid); `exits` are terminal stages off the path
 * (lost, disqualified, terminated). Taken as a parameter so a pipeline with its own stages is
 * measured by its own order.
 */
export interface StageModel {
  path: readonly string[];
  exits: readonly string[];
}

/*
 * The part of each record the metrics read. The core's analytics store keeps only these fields
 * (shared/core/analytics-store.ts); whole records fit them too.
 */
export type JourneyEvent = Pick<StageEvent, 'id' | 'phase' | 'recordId' | 'from' | 'to' | 'at'>;
export type LeadFacts = Pick<Lead, 'id' | 'ownerId' | 'createdAt' | 'convertedOpportunityId'>;
export type OpportunityFacts = Pick<
  Opportunity,
  | 'id'
  | 'ownerId'
  | 'createdAt'
  | 'pipelineId'
  | 'accountId'
  | 'stage'
  | 'probability'
  | 'contractId'
  | 'amount'
  | 'expectedClose'
  | 'archived'
>;
export type ContractFacts = Pick<Contract, 'id' | 'ownerId' | 'amount' | 'opportunityId'>;
export type DeliveryFacts = Pick<Delivery, 'id' | 'ownerId' | 'contractId'>;
export type InvoiceFacts = Pick<
  Invoice,
  | 'id'
  | 'ownerId'
  | 'contractId'
  | 'accountId'
  | 'amount'
  | 'stage'
  | 'stageEnteredAt'
  | 'dueOn'
  | 'issuedOn'
>;
export type PaymentFacts = Pick<Payment, 'id' | 'invoiceId' | 'amount' | 'receivedOn'>;

/** Everything the metrics read: records as the collections hold them, or just their facts. */
export interface AnalyticsRecords {
  leads: readonly LeadFacts[];
  opportunities: readonly OpportunityFacts[];
  contracts: readonly ContractFacts[];
  deliveries?: readonly DeliveryFacts[];
  invoices: readonly InvoiceFacts[];
  payments: readonly PaymentFacts[];
  /** Stage models of opportunity pipelines by pipeline id; others use the default opportunity model. */
  pipelines?: Readonly<Record<string, StageModel>>;
  /** The present (epoch ms): open dwell, WIP and ageing are measured up to min(now, period end). */
  now: number;
}

/**
 * The stage events come either as they are stored, or already grouped per record: the analytics
 * store keeps each record's journey, so only the journeys of records in scope are read.
 */
export type AnalyticsInput = AnalyticsRecords &
  (
    | {
        /** Read once, in order; a record's events need not be in time order. */
        events: Iterable<JourneyEvent>;
        journeys?: undefined;
      }
    | {
        events?: undefined;
        /** Record id → its events by time, then id (a journey's order, see scope.ts). */
        journeys: ReadonlyMap<string, readonly JourneyEvent[]>;
      }
  );

export type Granularity = 'day' | 'week' | 'month';

export interface AnalyticsFilters {
  /** Period [from, to), epoch ms. */
  from: number;
  to: number;
  ownerId?: string;
  /** Opportunities of this pipeline, and the leads, contracts, deliveries and invoices linked to them. */
  pipelineId?: string;
  /** Bucket size of the throughput and cumulative-flow series; chosen from the period length if absent. */
  granularity?: Granularity;
  /** The viewer's offset from UTC (480 for China): days, weeks and months start at local midnight. */
  utcOffsetMinutes?: number;
}

/** Time in one stage, over the visits that ended in the period plus the visits still open at asOf. */
export interface StageDwell {
  stage: string;
  /** Visits measured (closed in the period + open at asOf). */
  samples: number;
  /** Of which still open: their time so far counts (see flow.ts). */
  openSamples: number;
  medianDays: number | null;
  p80Days: number | null;
}

/** Conversion from one path stage to the next; definitions in flow.ts. */
export interface StageConversion {
  from: string;
  to: string;
  /** Records that entered `from` moving forward in the period. */
  entered: number;
  /** …and later reached `to` moving forward. */
  converted: number;
  /** …passed `to` without entering it: left out of this pair. */
  skipped: number;
  /** …ended in an exit stage (lost, disqualified, terminated) without reaching `to`. */
  dropped: number;
  /** …still open without having reached `to`: not decided yet, so not in the rate. */
  pending: number;
  /** converted ÷ (converted + dropped); null when nothing was decided. */
  rate: number | null;
}

export interface Bucket {
  /** Epoch ms of the bucket's start (local midnight). */
  start: number;
  /** Local calendar date of the start, "2026-11-02". */
  label: string;
}

export interface PhaseFlow {
  phase: Phase;
  /** Board order: path stages then exits. */
  stages: string[];
  /** Records that reached each path stage moving forward, of those that entered the phase in the period. */
  funnel: { stage: string; reached: number }[];
  conversions: StageConversion[];
  /** Dwell per open path stage (terminal stages have no dwell). */
  dwell: StageDwell[];
  /** Records per stage at asOf. */
  wip: Record<string, number>;
  /** Records reaching the success stage (last of the path) in the period, per bucket. */
  throughput: { stage: string; total: number; perBucket: number[] };
  /** Cumulative flow: records per stage at the end of each bucket (capped at asOf). */
  cumulativeFlow: Record<string, number[]>;
}

export interface DurationStats {
  count: number;
  meanDays: number | null;
  medianDays: number | null;
}

export interface ForecastMonth {
  /** "2026-12", or "" for open opportunities without an expected close. */
  month: string;
  currency: string;
  count: number;
  amount: Money;
  weighted: Money;
}

export interface SalesMetrics {
  won: number;
  lost: number;
  /** won ÷ (won + lost) of deals decided in the period; null when none were. */
  winRate: number | null;
  wonAmount: Money[];
  leadToWon: DurationStats;
  opportunityToWon: DurationStats;
  leadToPaid: DurationStats;
  forecast: ForecastMonth[];
  /** Accounts that won a deal in the period. */
  customers: number;
  /** …of which have won at least two deals up to asOf. */
  repeatCustomers: number;
  repeatCustomerRate: number | null;
}

export const AGEING_BUCKETS = ['notDue', 'd0to30', 'd31to60', 'd61to90', 'over90'] as const;
export type AgeingBucket = (typeof AGEING_BUCKETS)[number];

export interface CurrencyCash {
  currency: string;
  /** Issued in the period (credit sales). */
  invoiced: Money;
  /** Payments received in the period. */
  collected: Money;
  /** Outstanding on issued invoices at asOf. */
  receivable: Money;
  /** Days sales outstanding: receivable ÷ invoiced × days in the period; null without sales. */
  dso: number | null;
  /** Of invoices due in the period: paid by asOf ÷ amount; null when nothing fell due. */
  collectionRate: number | null;
  overdue: Money;
  overdueCount: number;
  ageing: Record<AgeingBucket, Money>;
  /** The accounts that paid in the period. */
  payingCustomers: number;
  /** Payments received in the period ÷ the accounts that paid them. */
  revenuePerCustomer: Money | null;
}

export interface CustomerRevenue {
  accountId: string;
  currency: string;
  collected: Money;
}

export interface CashMetrics {
  perCurrency: CurrencyCash[];
  /** Payments received in the period per account and currency, largest first. */
  byCustomer: CustomerRevenue[];
}

export const BOTTLENECK_KINDS = ['dwell', 'conversion'] as const;
export type BottleneckKind = (typeof BOTTLENECK_KINDS)[number];

export interface BottleneckFinding {
  phase: Phase;
  stage: string;
  kind: BottleneckKind;
  medianDays: number | null;
  /** dwell: this stage's median ÷ the longest median of the phase's other stages. */
  ratioToNext: number | null;
  waitingNow: number;
  /** conversion: the stage's rate to the next stage, the next stage, and the phase's typical rate. */
  conversion: number | null;
  nextStage?: string;
  typicalConversion?: number | null;
  /** Ranking score, larger = more limiting; comparable across kinds only roughly (see bottlenecks.ts). */
  severity: number;
}

export interface Dashboard {
  period: { from: number; to: number; asOf: number; granularity: Granularity };
  buckets: Bucket[];
  flows: PhaseFlow[];
  sales: SalesMetrics;
  cash: CashMetrics;
  bottlenecks: BottleneckFinding[];
}
