import { percentOf, type Money } from '../domain/money';
import type { RecordState } from './flow';
import type { Scope } from './scope';
import { mean, quantile, ratio, toDays } from './stats';
import type { DurationStats, ForecastMonth, InvoiceFacts, LeadFacts, SalesMetrics } from './types';

/*
 * Definitions:
 * - WIN RATE: of the in-scope opportunities whose stage at asOf is won or an exit (lost) entered
 *   in the period: won ÷ (won + lost). A deal lost and reopened is judged by where it stands at
 *   asOf: reopened and still open, it is undecided and not counted.
 * - SALES CYCLE (mean and median, days), over deals won in the period:
 *     leadToWon        lead.createdAt → won, for deals a lead was converted into;
 *     opportunityToWon opportunity.createdAt → won, for every won deal;
 *     leadToPaid       lead.createdAt → the contract fully paid (opportunity.contractId →
 *                      invoices with that contractId, all paid, paid amounts ≥ contract amount;
 *                      paid at = the last invoice's paid time), counted when that falls in the period.
 * - FORECAST: open opportunities as they are now (records keep only current amount and
 *   probability), amount × probability summed by expected-close month and currency.
 * - REPEAT CUSTOMERS: of the accounts that won a deal in the period, those with two or more won
 *   deals up to asOf.
 */

function durations(values: number[]): DurationStats {
  return {
    count: values.length,
    meanDays: toDays(mean(values)),
    medianDays: toDays(quantile(values, 0.5)),
  };
}

/** When the contract was fully paid (all its invoices paid, covering its amount), or null. */
function fullyPaidAt(
  contractId: string,
  amount: Money,
  invoicesByContract: Map<string, InvoiceFacts[]>,
  asOf: number,
): number | null {
  const invoices = invoicesByContract.get(contractId);
  if (!invoices?.length) return null;
  let paid = 0;
  let at = 0;
  for (const i of invoices) {
    // paid is terminal, so stageEnteredAt is when it was paid.
    if (i.stage !== 'paid' || i.stageEnteredAt > asOf) return null;
    if (i.amount.currency === amount.currency) paid += i.amount.minor;
    at = Math.max(at, i.stageEnteredAt);
  }
  return paid >= amount.minor ? at : null;
}

export function salesMetrics(scope: Scope, states: Map<string, RecordState>): SalesMetrics {
  const { from } = scope.filters;
  const asOf = scope.asOf;
  const leadByOpportunity = new Map<string, LeadFacts>();
  for (const l of scope.all.leads) {
    if (l.convertedOpportunityId) leadByOpportunity.set(l.convertedOpportunityId, l);
  }
  const invoicesByContract = new Map<string, InvoiceFacts[]>();
  for (const i of scope.all.invoices) {
    const list = invoicesByContract.get(i.contractId);
    if (list) list.push(i);
    else invoicesByContract.set(i.contractId, [i]);
  }
  const contracts = new Map(scope.all.contracts.map((c) => [c.id, c]));

  let won = 0;
  let lost = 0;
  const wonAmount = new Map<string, number>();
  const leadToWon: number[] = [];
  const opportunityToWon: number[] = [];
  const leadToPaid: number[] = [];
  const winsByAccount = new Map<string, number[]>();
  const forecast = new Map<string, ForecastMonth>();

  for (const o of scope.opportunities) {
    const state = states.get(o.id);
    const model = scope.records.get(o.id)!.model;
    const success = model.path[model.path.length - 1];
    if (state && state.stage === success) {
      const wins = winsByAccount.get(o.accountId) ?? [];
      wins.push(state.enteredAt);
      winsByAccount.set(o.accountId, wins);
    }
    const lead = leadByOpportunity.get(o.id);
    const contract = o.contractId ? contracts.get(o.contractId) : undefined;
    const paidAt =
      lead && contract && fullyPaidAt(contract.id, contract.amount, invoicesByContract, asOf);
    if (lead && paidAt && paidAt >= from) leadToPaid.push(paidAt - lead.createdAt);

    if (state && state.enteredAt >= from && state.stage === success) {
      won++;
      if (o.amount)
        wonAmount.set(o.amount.currency, (wonAmount.get(o.amount.currency) ?? 0) + o.amount.minor);
      opportunityToWon.push(state.enteredAt - o.createdAt);
      if (lead) leadToWon.push(state.enteredAt - lead.createdAt);
    } else if (state && state.enteredAt >= from && model.exits.includes(state.stage)) lost++;

    const open = !model.exits.includes(o.stage) && o.stage !== success;
    if (open && o.amount && !o.archived) {
      const month = o.expectedClose?.slice(0, 7) ?? '';
      const key = `${month}|${o.amount.currency}`;
      const row = forecast.get(key) ?? {
        month,
        currency: o.amount.currency,
        count: 0,
        amount: { minor: 0, currency: o.amount.currency },
        weighted: { minor: 0, currency: o.amount.currency },
      };
      row.count++;
      row.amount.minor += o.amount.minor;
      row.weighted.minor += percentOf(o.amount, o.probability).minor;
      forecast.set(key, row);
    }
  }

  let customers = 0;
  let repeatCustomers = 0;
  for (const wins of winsByAccount.values()) {
    if (!wins.some((at) => at >= from)) continue;
    customers++;
    if (wins.length >= 2) repeatCustomers++;
  }
  return {
    won,
    lost,
    winRate: ratio(won, won + lost),
    wonAmount: [...wonAmount]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([currency, minor]) => ({ minor, currency })),
    leadToWon: durations(leadToWon),
    opportunityToWon: durations(opportunityToWon),
    leadToPaid: durations(leadToPaid),
    forecast: [...forecast.values()].sort(
      (a, b) => a.month.localeCompare(b.month) || a.currency.localeCompare(b.currency),
    ),
    customers,
    repeatCustomers,
    repeatCustomerRate: ratio(repeatCustomers, customers),
  };
}
