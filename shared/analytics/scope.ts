import { PHASE_DEFINITIONS, PHASES, type Phase } from '../domain/phases';
import { defaultGranularity, periodBuckets } from './stats';
import type {
  AnalyticsFilters,
  AnalyticsInput,
  Bucket,
  ContractFacts,
  DeliveryFacts,
  Granularity,
  InvoiceFacts,
  JourneyEvent,
  LeadFacts,
  OpportunityFacts,
  PaymentFacts,
  StageModel,
} from './types';

/** A phase's model from its definition: exit-anywhere terminals are off the path, the rest is the path. */
export function defaultStageModel(phase: Phase): StageModel {
  const def = PHASE_DEFINITIONS[phase];
  const exits = def.exitAnywhere as readonly string[];
  return { path: (def.stages as readonly string[]).filter((s) => !exits.includes(s)), exits };
}

/**
 * What a dashboard measures, worked out once: the records that pass the owner and pipeline
 * filters, each with its stage model, and each record's stage events in time order. Every metric
 * reads this instead of filtering the raw collections again.
 */
export interface ScopedRecord {
  phase: Phase;
  model: StageModel;
  /** May be the analytics store's own journey: never changed here. */
  events: readonly JourneyEvent[];
}

export interface Scope {
  filters: AnalyticsFilters;
  /** min(now, to − 1): the last instant of the period that has happened. */
  asOf: number;
  utcOffsetMinutes: number;
  granularity: Granularity;
  buckets: Bucket[];
  /** The models boards are shown in (opportunity: the filtered pipeline's, else the default). */
  models: Record<Phase, StageModel>;
  /** In-scope record id → its phase, model and events up to asOf, oldest first (its journey). */
  records: Map<string, ScopedRecord>;
  leads: LeadFacts[];
  opportunities: OpportunityFacts[];
  contracts: ContractFacts[];
  deliveries: DeliveryFacts[];
  invoices: InvoiceFacts[];
  payments: PaymentFacts[];
  /** Unfiltered: the sales cycle follows a won deal's links whoever owns the lead or contract. */
  all: {
    leads: readonly LeadFacts[];
    contracts: readonly ContractFacts[];
    invoices: readonly InvoiceFacts[];
  };
}

/** Ids in UTF-16 code unit order, as RxDB sorts primary keys. */
const idOrder = (a: { id: string }, b: { id: string }) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/**
 * The list in id order: the order records are measured in decides the few orders that ties
 * leave open (stages met off a pipeline's path, pairs of other pipelines, customers with equal
 * revenue, two leads converted into one deal), so it must not depend on the order a storage
 * happens to return them in. Lists already in order (the analytics store's) are not copied.
 */
function inIdOrder<T extends { id: string }>(list: readonly T[]): readonly T[] {
  for (let i = 1; i < list.length; i++) {
    if (idOrder(list[i - 1]!, list[i]!) > 0) return [...list].sort(idOrder);
  }
  return list;
}

export function buildScope(given: AnalyticsInput, filters: AnalyticsFilters): Scope {
  const input = {
    ...given,
    leads: inIdOrder(given.leads),
    opportunities: inIdOrder(given.opportunities),
    contracts: inIdOrder(given.contracts),
    deliveries: inIdOrder(given.deliveries ?? []),
    invoices: inIdOrder(given.invoices),
    payments: inIdOrder(given.payments),
  };
  const { ownerId, pipelineId } = filters;
  const utcOffsetMinutes = filters.utcOffsetMinutes ?? 0;
  const granularity = filters.granularity ?? defaultGranularity(filters.from, filters.to);
  const asOf = Math.min(input.now, filters.to - 1);
  const models = Object.fromEntries(PHASES.map((p) => [p, defaultStageModel(p)])) as Record<
    Phase,
    StageModel
  >;
  const pipelineModel = (id: string) => input.pipelines?.[id] ?? models.opportunity;
  if (pipelineId) models.opportunity = pipelineModel(pipelineId);

  const owned = (r: { ownerId: string }) => !ownerId || r.ownerId === ownerId;
  // Pipeline membership travels along the links: lead → opportunity ← contract ← delivery/invoice.
  const inPipeline = new Set<string>();
  for (const o of input.opportunities)
    if (!pipelineId || o.pipelineId === pipelineId) inPipeline.add(o.id);
  const linked = (opportunityId: string | undefined) =>
    !pipelineId || (opportunityId !== undefined && inPipeline.has(opportunityId));
  const contractsInPipeline = new Set<string>();
  for (const c of input.contracts) if (linked(c.opportunityId)) contractsInPipeline.add(c.id);
  const viaContract = (contractId: string) => !pipelineId || contractsInPipeline.has(contractId);

  const records: Scope['records'] = new Map();
  const keep = <T extends { id: string; ownerId: string }>(
    phase: Phase,
    list: readonly T[],
    inPipe: (r: T) => boolean,
    model: (r: T) => StageModel = () => models[phase],
  ): T[] =>
    list.filter((r) => {
      if (!owned(r) || !inPipe(r)) return false;
      records.set(r.id, { phase, model: model(r), events: [] });
      return true;
    });

  const scope: Scope = {
    filters,
    asOf,
    utcOffsetMinutes,
    granularity,
    // Buckets end with asOf: a period that reaches into the future (this quarter) is drawn up to
    // today, not as a flat line through weeks that have not happened.
    buckets: periodBuckets(filters.from, asOf + 1, granularity, utcOffsetMinutes),
    models,
    records,
    leads: keep('lead', input.leads, (l) => linked(l.convertedOpportunityId)),
    opportunities: keep(
      'opportunity',
      input.opportunities,
      (o) => inPipeline.has(o.id),
      (o) => pipelineModel(o.pipelineId),
    ),
    contracts: keep('contract', input.contracts, (c) => contractsInPipeline.has(c.id)),
    deliveries: keep('delivery', input.deliveries, (d) => viaContract(d.contractId)),
    invoices: keep('invoice', input.invoices, (i) => viaContract(i.contractId)),
    payments: [],
    all: { leads: input.leads, contracts: input.contracts, invoices: input.invoices },
  };
  if (input.journeys) journeysInScope(input.journeys, records, asOf);
  else groupJourneys(input.events, records, asOf);
  // A payment belongs to whoever owns its invoice: the collector, not the clerk who typed it in.
  const invoiceIds = new Set(scope.invoices.map((i) => i.id));
  scope.payments = input.payments.filter((p) => invoiceIds.has(p.invoiceId));
  return scope;
}

/** A journey's order: by time; events at the same instant by id, whatever order they came in. */
const journeyOrder = (a: JourneyEvent, b: JourneyEvent) =>
  a.at - b.at || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/**
 * One pass over the events: each in-scope record gets its events up to asOf, oldest first (one
 * map lookup per event). Events of records not in scope (other owners, other pipelines, or not
 * synced yet) are left out. Sorting is skipped for the usual case of events already in order.
 */
export function groupJourneys(
  events: Iterable<JourneyEvent>,
  records: Scope['records'],
  asOf: number,
): void {
  const unsorted = new Set<JourneyEvent[]>();
  for (const e of events) {
    if (e.at > asOf) continue;
    const record = records.get(e.recordId);
    if (!record || record.phase !== e.phase) continue;
    // buildScope gave each record a fresh list of its own.
    const list = record.events as JourneyEvent[];
    if (list.length > 0 && journeyOrder(list[list.length - 1]!, e) > 0) unsorted.add(list);
    list.push(e);
  }
  for (const list of unsorted) list.sort(journeyOrder);
}

/**
 * The same from journeys already in order (the analytics store's): only in-scope records' are
 * read, and a journey wholly up to asOf and of the record's phase (the usual case) is used as it
 * is, not copied.
 */
function journeysInScope(
  journeys: ReadonlyMap<string, readonly JourneyEvent[]>,
  records: Scope['records'],
  asOf: number,
): void {
  for (const [recordId, record] of records) {
    const journey = journeys.get(recordId);
    if (!journey || journey.length === 0) continue;
    let whole = journey[journey.length - 1]!.at <= asOf;
    for (let i = 0; whole && i < journey.length; i++) whole = journey[i]!.phase === record.phase;
    record.events = whole
      ? journey
      : journey.filter((e) => e.at <= asOf && e.phase === record.phase);
  }
}
