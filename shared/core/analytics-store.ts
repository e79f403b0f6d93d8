import type { RxCollection } from 'rxdb';
import {
  computeDashboard,
  type AnalyticsInput,
  type ContractFacts,
  type DeliveryFacts,
  type InvoiceFacts,
  type JourneyEvent,
  type LeadFacts,
  type OpportunityFacts,
  type PaymentFacts,
  type StageModel,
} from '../analytics';
import type { StageEvent } from '../domain/entities';
import { DEFAULT_PIPELINE_ID, defaultPipeline, type Pipeline } from '../domain/pipelines';
import { BackgroundMirror, onePerDatabase } from './background-mirror';
import type { LtcCollections, LtcDatabase } from './database';

/** A pipeline's stage model: its open stages then Won on the path; Lost is the exit. */
export function stageModel(pipeline: Pick<Pipeline, 'stages'>): StageModel {
  return { path: [...pipeline.stages.map((s) => s.key), 'won'], exits: ['lost'] };
}

/**
 * Each measured collection and the part of its documents the metrics read: the rest (names,
 * notes, checklists, approvals, contact details) is left behind, so the store holds a fraction
 * of what the documents take. A metric reading a field not projected here fails typecheck.
 */
const PROJECTIONS = {
  leads: (l): LeadFacts => ({
    id: l.id,
    ownerId: l.ownerId,
    createdAt: l.createdAt,
    ...(l.convertedOpportunityId !== undefined
      ? { convertedOpportunityId: l.convertedOpportunityId }
      : {}),
  }),
  opportunities: (o): OpportunityFacts => ({
    id: o.id,
    ownerId: o.ownerId,
    createdAt: o.createdAt,
    pipelineId: o.pipelineId,
    accountId: o.accountId,
    stage: o.stage,
    probability: o.probability,
    ...(o.contractId !== undefined ? { contractId: o.contractId } : {}),
    ...(o.amount !== undefined ? { amount: o.amount } : {}),
    ...(o.expectedClose !== undefined ? { expectedClose: o.expectedClose } : {}),
    archived: o.archived,
  }),
  contracts: (c): ContractFacts => ({
    id: c.id,
    ownerId: c.ownerId,
    amount: c.amount,
    ...(c.opportunityId !== undefined ? { opportunityId: c.opportunityId } : {}),
  }),
  deliveries: (d): DeliveryFacts => ({ id: d.id, ownerId: d.ownerId, contractId: d.contractId }),
  invoices: (i): InvoiceFacts => ({
    id: i.id,
    ownerId: i.ownerId,
    contractId: i.contractId,
    accountId: i.accountId,
    amount: i.amount,
    stage: i.stage,
    stageEnteredAt: i.stageEnteredAt,
    dueOn: i.dueOn,
    ...(i.issuedOn !== undefined ? { issuedOn: i.issuedOn } : {}),
  }),
  payments: (p): PaymentFacts => ({
    id: p.id,
    invoiceId: p.invoiceId,
    amount: p.amount,
    receivedOn: p.receivedOn,
  }),
} satisfies {
  [K in keyof LtcCollections & string]?: (
    doc: LtcCollections[K] extends RxCollection<infer T> ? T : never,
  ) => unknown;
};
type Measured = keyof typeof PROJECTIONS;
type Facts<K extends Measured> = ReturnType<(typeof PROJECTIONS)[K]>;
export const MEASURED_RECORDS = Object.keys(PROJECTIONS) as Measured[];
type Followed = Measured | 'stageevents' | 'pipelines';
const FOLLOWED: Followed[] = [...MEASURED_RECORDS, 'stageevents', 'pipelines'];

/** Documents read between two yields while building: a few ms, as the search index's pages. */
const PAGE = 500;
/** After the database opens: the first screen's queries and the search index's build come first. */
const ANALYTICS_STORE_START_MS = 1_000;
/**
 * Dashboards computed over the first records of each kind once the store is built, one a slice:
 * they get the metrics' code compiled and optimised, which the person's first open would pay for
 * otherwise (as the search index warms up its matching). Bounded, so the slices stay short however
 * big the firm.
 */
const WARM_UP_DASHBOARDS = 4;
const WARM_UP_RECORDS = 1_500;
const DAY_MS = 86_400_000;

/** RxDB's default order, by primary key (UTF-16 code units): the order a full read returns. */
const byId = (a: { id: string }, b: { id: string }) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
/** Where `id` is or would go in a list in id order (a binary search). */
function indexOfId(list: readonly { id: string }[], id: string): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (list[mid]!.id < id) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
/** A journey's order: by time, then by id (as shared/analytics/scope.ts breaks ties). */
const inJourneyOrder = (a: JourneyEvent, b: JourneyEvent) => a.at - b.at || byId(a, b);

/**
 * What the dashboard measures, kept in memory and up to date as documents are written, so that
 * opening the dashboard reads no collection. Held per record, not per period: the metrics are
 * exact for any period, owner, pipeline and "as of" instant, which needs each visit's length (for
 * exact medians and percentiles) and each record's path (for conversions judged at as-of), so no
 * per-period sum could stand in for them. What is kept per document is only the fields the
 * metrics read (a stage event: its record, phase, stages and time), and each record's stage
 * events are kept as its journey, in time order, so no computation sorts or groups events.
 *
 * A background mirror (background-mirror.ts): built in pages after the core opens, then kept up
 * to date from the change streams, which carry every write, sync's pulls and deletes included.
 */
export class LiveAnalyticsStore extends BackgroundMirror<Followed, { id: string }> {
  private readonly facts: { [K in Measured]: Map<string, Facts<K>> } = {
    leads: new Map(),
    opportunities: new Map(),
    contracts: new Map(),
    deliveries: new Map(),
    invoices: new Map(),
    payments: new Map(),
  };
  /** The same, in id order: made once the pages are read, then kept in order as written. */
  private readonly sorted: { [K in Measured]?: Facts<K>[] } = {};
  private readonly pipelines = new Map<string, StageModel>();
  private readonly events = new Map<string, JourneyEvent>();
  /** Record id → its stage events in journey order. */
  private readonly journeys = new Map<string, JourneyEvent[]>();
  /** One copy of each stage name and phase (few, however many events). */
  private readonly stageNames = new Map<string, string>();

  constructor(
    private readonly database: LtcDatabase,
    startMs = ANALYTICS_STORE_START_MS,
  ) {
    super('analytics store', FOLLOWED, PAGE, startMs);
  }

  /** The metrics' input at `now`, in the order a full read of the collections gives. */
  input(now: number): AnalyticsInput {
    const pipelines: Record<string, StageModel> = {
      [DEFAULT_PIPELINE_ID]: stageModel(defaultPipeline()),
    };
    for (const [id, model] of this.pipelines) pipelines[id] = model;
    return {
      journeys: this.journeys,
      leads: this.list('leads'),
      opportunities: this.list('opportunities'),
      contracts: this.list('contracts'),
      deliveries: this.list('deliveries'),
      invoices: this.list('invoices'),
      payments: this.list('payments'),
      pipelines,
      now,
    };
  }

  /**
   * After the pages: the lists in id order, made here and not at the first open, then the
   * warm-up dashboards (see WARM_UP_DASHBOARDS), for this quarter and for a year by owner.
   */
  protected override async afterPages(slice: (work: () => void) => Promise<void>): Promise<void> {
    for (const kind of MEASURED_RECORDS) await slice(() => this.list(kind));
    for (let i = 0; i < WARM_UP_DASHBOARDS; i++) {
      await slice(() => {
        const now = Date.now();
        const all = this.input(now);
        const first = <T>(list: readonly T[]) => list.slice(0, WARM_UP_RECORDS);
        const input: AnalyticsInput = {
          ...all,
          leads: first(all.leads),
          opportunities: first(all.opportunities),
          contracts: first(all.contracts),
          deliveries: first(all.deliveries ?? []),
          invoices: first(all.invoices),
          payments: first(all.payments),
        };
        const days = i % 2 === 0 ? 91 : 365;
        const ownerId = i % 2 === 0 ? undefined : input.opportunities[0]?.ownerId;
        computeDashboard(input, {
          from: now - days * DAY_MS,
          to: now + DAY_MS,
          ...(ownerId === undefined ? {} : { ownerId }),
        });
      });
    }
  }

  private list<K extends Measured>(kind: K): Facts<K>[] {
    let list = this.sorted[kind] as Facts<K>[] | undefined;
    if (!list) {
      list = [...(this.facts[kind] as Map<string, Facts<K>>).values()].sort(byId);
      (this.sorted as Record<K, Facts<K>[]>)[kind] = list;
    }
    return list;
  }

  protected clear(): void {
    for (const kind of MEASURED_RECORDS) this.facts[kind].clear();
    for (const kind of MEASURED_RECORDS) delete this.sorted[kind];
    this.pipelines.clear();
    this.events.clear();
    this.journeys.clear();
  }

  protected collection(kind: Followed): RxCollection<{ id: string }> {
    return this.database[kind] as unknown as RxCollection<{ id: string }>;
  }

  protected put(kind: Followed, doc: { id: string }): void {
    if (kind === 'stageevents') return this.putEvent(doc as StageEvent);
    if (kind === 'pipelines') {
      this.pipelines.set(doc.id, stageModel(doc as Pipeline));
      return;
    }
    // Each projection reads its own collection's documents; TypeScript cannot pair them here.
    const project = PROJECTIONS[kind] as (d: unknown) => { id: string };
    const fact = project(doc);
    (this.facts[kind] as Map<string, { id: string }>).set(doc.id, fact);
    // Kept in order as written, so no open sorts a whole collection again.
    const list = this.sorted[kind] as { id: string }[] | undefined;
    if (!list) return;
    const at = indexOfId(list, doc.id);
    if (list[at]?.id === doc.id) list[at] = fact;
    else list.splice(at, 0, fact);
  }

  protected remove(kind: Followed, id: string): void {
    if (kind === 'stageevents') return this.removeEvent(id);
    if (kind === 'pipelines') {
      this.pipelines.delete(id);
      return;
    }
    this.facts[kind].delete(id);
    const list = this.sorted[kind];
    if (!list) return;
    const at = indexOfId(list, id);
    if (list[at]?.id === id) list.splice(at, 1);
  }

  private putEvent(e: StageEvent): void {
    this.removeEvent(e.id);
    let journey = this.journeys.get(e.recordId);
    if (!journey) this.journeys.set(e.recordId, (journey = []));
    // Each parsed document brings its own copy of every string: a journey's events share one
    // record id, and stage names share one copy each, which at 50× is tens of MB.
    const stored: JourneyEvent = {
      id: e.id,
      phase: this.intern(e.phase),
      recordId: journey[0]?.recordId ?? e.recordId,
      to: this.intern(e.to),
      at: e.at,
      ...(e.from !== undefined ? { from: this.intern(e.from) } : {}),
    };
    this.events.set(e.id, stored);
    // Usually the newest: appended. Otherwise put in its place (a binary search).
    let lo = journey.length;
    if (lo > 0 && inJourneyOrder(journey[lo - 1]!, stored) > 0) {
      lo = 0;
      let hi = journey.length;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (inJourneyOrder(journey[mid]!, stored) < 0) lo = mid + 1;
        else hi = mid;
      }
    }
    journey.splice(lo, 0, stored);
  }

  private intern<T extends string>(name: T): T {
    const known = this.stageNames.get(name);
    if (known !== undefined) return known as T;
    this.stageNames.set(name, name);
    return name;
  }

  private removeEvent(id: string): void {
    const old = this.events.get(id);
    if (!old) return;
    this.events.delete(id);
    const journey = this.journeys.get(old.recordId)!;
    journey.splice(journey.indexOf(old), 1);
    if (journey.length === 0) this.journeys.delete(old.recordId);
  }
}

/** The database's analytics store (see onePerDatabase). */
export const analyticsStoreOf = onePerDatabase(
  (database, startMs) => new LiveAnalyticsStore(database, startMs),
);
