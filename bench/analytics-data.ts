/**
 * A year of Lead-to-Cash history for the analytics benchmark: leads, the opportunities some of them
 * become, the contracts, deliveries, invoices and payments of the deals won, and every stage event
 * on the way, with skipped stages, backward moves, reopened deals and partial payments. Seeded
 * (mulberry32), so every run measures the same data. Generation stops at the requested number of
 * stage events.
 */
import type {
  Contract,
  Delivery,
  Invoice,
  Lead,
  Opportunity,
  Payment,
  RecordBase,
  StageEvent,
} from '../shared/domain/entities';
import {
  OPPORTUNITY_PROBABILITY,
  type OpportunityStage,
  type Phase,
} from '../shared/domain/phases';
import type { AnalyticsInput } from '../shared/analytics';

const DAY = 86_400_000;
export const BENCH_NOW = Date.UTC(2026, 0, 1);
const START = BENCH_NOW - 365 * DAY;
export const OWNERS = Array.from({ length: 8 }, (_, i) => `owner-${i}`);
export const BENCH_PIPELINES = ['default', 'key-accounts', 'channel', 'renewals'];

function mulberry32(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

export function generateAnalyticsData(
  eventCount: number,
  seed = 6,
): AnalyticsInput & { events: StageEvent[] } {
  const rnd = mulberry32(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rnd() * list.length)]!;
  /** An exponential wait with the given mean in days (most short, a few long). */
  const wait = (meanDays: number) => Math.max(1, -Math.log(1 - rnd()) * meanDays * DAY) | 0;
  const date = (at: number) => new Date(at).toISOString().slice(0, 10);
  const out = {
    events: [] as StageEvent[],
    leads: [] as Lead[],
    opportunities: [] as Opportunity[],
    contracts: [] as Contract[],
    deliveries: [] as Delivery[],
    invoices: [] as Invoice[],
    payments: [] as Payment[],
    now: BENCH_NOW,
  } satisfies AnalyticsInput;
  let n = 0;
  const id = (prefix: string) => `${prefix}${(n++).toString(36)}`;
  const base = (recordId: string, at: number, ownerId: string): RecordBase => ({
    id: recordId,
    createdAt: at,
    updatedAt: at,
    ownerId,
    ownerName: ownerId,
    archived: false,
  });

  /**
   * Writes the events of a walk through `steps` ([stage, mean days before the next step]) from
   * `start`, stopping at the present; returns the last stage reached, when, and when each stage
   * was entered — or null if not even the first step happened.
   */
  const walk = (phase: Phase, recordId: string, start: number, steps: [string, number][]) => {
    let at = start;
    let from: string | undefined;
    const entered = new Map<string, number>();
    for (const [stage, meanDays] of steps) {
      if (at > BENCH_NOW || out.events.length >= eventCount) break;
      const e: StageEvent = { id: id('e'), phase, recordId, to: stage, at, by: 'b', byName: 'b' };
      if (from !== undefined) e.from = from;
      out.events.push(e);
      if (!entered.has(stage)) entered.set(stage, at);
      from = stage;
      at += wait(meanDays);
    }
    const last = out.events[out.events.length - 1];
    return from === undefined || !last ? null : { stage: last.to, at: last.at, entered };
  };

  while (out.events.length < eventCount) {
    const owner = pick(OWNERS);
    const leadId = id('L');
    const created = START + Math.floor(rnd() * 365 * DAY);
    const leadSteps: [string, number][] = [['new', 3]];
    if (rnd() < 0.8) {
      leadSteps.push(['contacted', 5]);
      if (rnd() < 0.1) leadSteps.push(['new', 2], ['contacted', 4]); // went cold, picked up again
    }
    const converts = rnd() < 0.55;
    leadSteps.push(converts ? ['qualified', 4] : ['disqualified', 0]);
    if (converts) leadSteps.push(['converted', 0]);
    const lead = walk('lead', leadId, created, leadSteps);
    if (!lead) break;
    const leadRecord: Lead = {
      ...base(leadId, created, owner),
      stage: lead.stage as Lead['stage'],
      stageEnteredAt: lead.at,
      company: `Company ${leadId}`,
    };
    out.leads.push(leadRecord);
    if (lead.stage !== 'converted') continue;

    const oppId = id('O');
    const oppSteps: [string, number][] = [
      ['qualify', 6],
      ['solution', 9],
    ];
    if (rnd() < 0.15) oppSteps.push(['qualify', 5], ['solution', 6]); // back for more discovery
    if (rnd() < 0.7) oppSteps.push(['proposal', 10]);
    const wins = rnd() < 0.45;
    if (!wins && rnd() < 0.2) oppSteps.push(['lost', 20], ['qualify', 8], ['solution', 8]);
    oppSteps.push(['negotiation', 8], [wins ? 'won' : 'lost', 0]);
    const opp = walk('opportunity', oppId, lead.at, oppSteps);
    if (!opp) break;
    leadRecord.convertedOpportunityId = oppId;
    const currency = rnd() < 0.85 ? 'CNY' : 'USD';
    const amount = { minor: (10 + Math.floor(rnd() * 490)) * 100_000, currency };
    const oppRecord: Opportunity = {
      ...base(oppId, lead.at, owner),
      title: `Deal ${oppId}`,
      accountId: `A${Math.floor(rnd() * 3_000)}`,
      pipelineId: pick(BENCH_PIPELINES),
      stage: opp.stage as OpportunityStage,
      stageEnteredAt: opp.at,
      stageOrder: 0,
      amount,
      expectedClose: date(opp.at + wait(45)),
      probability: OPPORTUNITY_PROBABILITY[opp.stage as OpportunityStage] ?? 10,
    };
    out.opportunities.push(oppRecord);
    if (opp.stage !== 'won') continue;

    const contractId = id('K');
    const k = walk(
      'contract',
      contractId,
      opp.at,
      // Review is slow: the bottleneck the detection should name.
      rnd() < 0.05
        ? [
            ['draft', 3],
            ['review', 14],
            ['terminated', 0],
          ]
        : [
            ['draft', 3],
            ['review', 14],
            ['signed', 2],
            ['executing', 60],
            ['completed', 0],
          ],
    );
    if (!k) break;
    oppRecord.contractId = contractId;
    out.contracts.push({
      ...base(contractId, opp.at, owner),
      title: oppRecord.title,
      accountId: oppRecord.accountId,
      opportunityId: oppId,
      stage: k.stage as Contract['stage'],
      stageEnteredAt: k.at,
      amount,
    });
    const signedAt = k.entered.get('signed');
    if (signedAt === undefined || k.stage === 'terminated') continue;

    const deliveryId = id('D');
    const d = walk('delivery', deliveryId, signedAt, [
      ['planned', 7],
      ['inProgress', 25],
      ['delivered', 10],
      ['accepted', 0],
    ]);
    if (!d) break;
    out.deliveries.push({
      ...base(deliveryId, signedAt, owner),
      title: oppRecord.title,
      contractId,
      stage: d.stage as Delivery['stage'],
      stageEnteredAt: d.at,
    });

    for (const [share, offsetDays] of [
      [0.3, 0],
      [0.6, 40],
      [0.1, 90],
    ] as const) {
      const invoiceId = id('I');
      const part = { minor: Math.round(amount.minor * share), currency };
      const partial = rnd() < 0.3;
      // Signing schedules every milestone's invoice at once; each is issued when its time comes.
      const inv = walk('invoice', invoiceId, signedAt, [
        ['scheduled', offsetDays + 5],
        ['invoiced', 35],
        ...(partial ? [['partiallyPaid', 20] as [string, number]] : []),
        ['paid', 0],
      ]);
      if (!inv) break;
      const issuedAt = inv.entered.get('invoiced');
      const invoice: Invoice = {
        ...base(invoiceId, signedAt, owner),
        number: invoiceId,
        contractId,
        accountId: oppRecord.accountId,
        stage: inv.stage as Invoice['stage'],
        stageEnteredAt: inv.at,
        amount: part,
        paid: { minor: 0, currency },
        dueOn: date((issuedAt ?? inv.at) + 30 * DAY),
      };
      if (issuedAt !== undefined) invoice.issuedOn = date(issuedAt);
      const pay = (minor: number, at: number) => {
        const p: Payment = {
          ...base(id('P'), at, owner),
          invoiceId,
          amount: { minor, currency },
          receivedOn: date(at),
        };
        out.payments.push(p);
        invoice.paid.minor += minor;
      };
      if (inv.stage === 'partiallyPaid' || (partial && inv.stage === 'paid')) {
        pay(Math.round(part.minor / 2), inv.entered.get('partiallyPaid')!);
      }
      if (inv.stage === 'paid') pay(part.minor - invoice.paid.minor, inv.at);
      out.invoices.push(invoice);
    }
  }
  // As a database hands them back: in no particular order relative to their records.
  out.events.sort((a, b) => a.at - b.at);
  return out;
}
