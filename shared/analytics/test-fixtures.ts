/**
 * Small builders for the analytics tests: records with only the fields a metric reads set by the
 * test, and stage-event journeys written as [stage, day] steps. Times count days from T0.
 */
import type {
  Contract,
  Invoice,
  Lead,
  Opportunity,
  Payment,
  RecordBase,
  StageEvent,
} from '../domain/entities';
import type { Money } from '../domain/money';
import type { Phase } from '../domain/phases';
import { DAY_MS } from './stats';
import type { AnalyticsInput, AnalyticsRecords, JourneyEvent } from './types';

/** 2026-01-01T00:00Z, a Thursday. */
export const T0 = Date.UTC(2026, 0, 1);
export const day = (n: number): number => T0 + n * DAY_MS;
export const cny = (minor: number): Money => ({ minor, currency: 'CNY' });
export const usd = (minor: number): Money => ({ minor, currency: 'USD' });

function base(id: string, over: Partial<RecordBase>): RecordBase {
  return {
    id,
    createdAt: T0,
    updatedAt: T0,
    ownerId: 'u1',
    ownerName: 'Wang',
    archived: false,
    ...over,
  };
}

/** A record's events: the first creates it in its stage, each next one moves it. */
export function journey(phase: Phase, recordId: string, steps: [string, number][]): StageEvent[] {
  return steps.map(([to, d], i) => {
    const e: StageEvent = {
      id: `${recordId}-${i}`,
      phase,
      recordId,
      to,
      at: day(d),
      by: 'u1',
      byName: 'Wang',
    };
    if (i > 0) e.from = steps[i - 1]![0];
    return e;
  });
}

/** The record's stage and stageEnteredAt follow its last step, as the core keeps them. */
function current(steps: [string, number][]): {
  stage: string;
  stageEnteredAt: number;
  createdAt: number;
} {
  const last = steps[steps.length - 1]!;
  return { stage: last[0], stageEnteredAt: day(last[1]), createdAt: day(steps[0]![1]) };
}

export function lead(id: string, over: Partial<Lead> = {}): Lead {
  return { ...base(id, over), stage: 'new', stageEnteredAt: T0, company: id, ...over };
}

export function opportunity(
  id: string,
  steps: [string, number][],
  over: Partial<Opportunity> = {},
): Opportunity {
  return {
    ...base(id, {}),
    title: id,
    accountId: 'acct',
    pipelineId: 'default',
    stageOrder: 0,
    probability: 10,
    ...(current(steps) as Pick<Opportunity, 'stage' | 'stageEnteredAt' | 'createdAt'>),
    ...over,
  };
}

export function contract(
  id: string,
  steps: [string, number][],
  over: Partial<Contract> = {},
): Contract {
  return {
    ...base(id, {}),
    title: id,
    accountId: 'acct',
    amount: cny(0),
    ...(current(steps) as Pick<Contract, 'stage' | 'stageEnteredAt' | 'createdAt'>),
    ...over,
  };
}

export function invoice(
  id: string,
  over: Partial<Invoice> & Pick<Invoice, 'amount' | 'dueOn'>,
): Invoice {
  return {
    ...base(id, {}),
    number: id,
    contractId: 'k',
    accountId: 'acct',
    stage: 'invoiced',
    stageEnteredAt: T0,
    paid: { minor: 0, currency: over.amount.currency },
    ...over,
  };
}

export function payment(id: string, invoiceId: string, amount: Money, receivedOn: string): Payment {
  return { ...base(id, {}), invoiceId, amount, receivedOn };
}

export function input(
  parts: Partial<AnalyticsRecords> & { events?: Iterable<JourneyEvent> },
): AnalyticsInput {
  return {
    events: [],
    leads: [],
    opportunities: [],
    contracts: [],
    invoices: [],
    payments: [],
    now: day(20),
    ...parts,
  };
}
