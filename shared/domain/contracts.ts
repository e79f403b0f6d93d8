import type { Contract, ContractLineItem, PaymentMilestone } from './entities';
import { money, MoneyError, type Money } from './money';
import {
  CONTRACT_STAGES,
  checkTransition,
  stagesEntered,
  type ContractStage,
  type TransitionVerdict,
} from './phases';

/*
 * Contract rules (合同): the value is the sum of the line items, the payment plan (回款计划) splits
 * exactly that value into milestones, and each stage has a gate listing what must be in place.
 * Pure functions: the core enforces them, the dialog shows them while a person types.
 */

/** Quantities may have up to three decimals (hours, tonnes); kept as thousandths to stay exact. */
export const QUANTITY_SCALE = 1000;

export function isValidQuantity(quantity: number): boolean {
  if (!Number.isFinite(quantity) || quantity <= 0 || quantity > 1_000_000_000) return false;
  const scaled = quantity * QUANTITY_SCALE;
  return Math.abs(scaled - Math.round(scaled)) < 1e-6;
}

/**
 * quantity × unit price, rounded half away from zero to whole minor units. Computed in BigInt
 * over thousandths, so 3 × ¥0.10 is exactly ¥0.30 and large prices never lose a fen.
 */
export function lineTotal(item: Pick<ContractLineItem, 'quantity' | 'unitPrice'>): Money {
  const thousandths = BigInt(Math.round(item.quantity * QUANTITY_SCALE));
  const raw = BigInt(item.unitPrice.minor) * thousandths;
  const scale = BigInt(QUANTITY_SCALE);
  const negative = raw < 0n;
  const abs = negative ? -raw : raw;
  const rounded = (abs + scale / 2n) / scale;
  return money(Number(negative ? -rounded : rounded), item.unitPrice.currency);
}

/** Adds amounts of one currency; mixing currencies throws (a contract is in one currency). */
function sum(amounts: readonly Money[], currency: string): Money {
  let minor = 0;
  for (const amount of amounts) {
    if (amount.currency !== currency) {
      throw new MoneyError(`cannot combine ${currency} with ${amount.currency}`);
    }
    minor += amount.minor;
  }
  return money(minor, currency);
}

/** The contract value from its line items, or undefined when there are none. */
export function lineItemsTotal(
  lineItems: readonly Pick<ContractLineItem, 'quantity' | 'unitPrice'>[],
): Money | undefined {
  const first = lineItems[0];
  if (!first) return undefined;
  return sum(lineItems.map(lineTotal), first.unitPrice.currency);
}

/** What the payment plan adds up to, in the contract's currency. */
export function paymentPlanTotal(
  plan: readonly Pick<PaymentMilestone, 'amount'>[],
  currency: string,
): Money {
  return sum(
    plan.map((m) => m.amount),
    currency,
  );
}

/** The part of the contract value no milestone bills yet (negative when the plan asks too much). */
export function unallocated(contract: Pick<Contract, 'amount' | 'paymentPlan'>): Money {
  const plan = paymentPlanTotal(contract.paymentPlan ?? [], contract.amount.currency);
  return money(contract.amount.minor - plan.minor, contract.amount.currency);
}

/**
 * Splits an amount by percentages (30/60/10) into whole minor units that add up exactly: every
 * share is rounded down, and the fen left over go to the last share.
 */
export function splitByPercent(amount: Money, percents: readonly number[]): Money[] {
  const shares = percents.map((p) => Math.floor((amount.minor * p) / 100));
  const rest = amount.minor - shares.reduce((a, b) => a + b, 0);
  if (shares.length > 0) shares[shares.length - 1]! += rest;
  return shares.map((minor) => money(minor, amount.currency));
}

/** A field of the terms that does not fit the rest: another currency than the contract's. */
export interface TermsIssue {
  field: string;
  code: 'invalid';
}

/**
 * Line items and milestones all in the contract's currency, milestones above zero. The core
 * refuses terms with issues; the field paths match the command's (lineItems.1.unitPrice).
 */
export function termsIssues(
  contract: Pick<Contract, 'amount' | 'lineItems' | 'paymentPlan'>,
): TermsIssue[] {
  const issues: TermsIssue[] = [];
  const currency = contract.lineItems?.[0]?.unitPrice.currency ?? contract.amount.currency;
  contract.lineItems?.forEach((item, i) => {
    if (item.unitPrice.currency !== currency) {
      issues.push({ field: `lineItems.${i}.unitPrice`, code: 'invalid' });
    }
  });
  contract.paymentPlan?.forEach((m, i) => {
    if (m.amount.currency !== currency || m.amount.minor <= 0) {
      issues.push({ field: `paymentPlan.${i}.amount`, code: 'invalid' });
    }
  });
  return issues;
}

/**
 * A contract's gate requirements: lineItems = something is sold (a line item, or an amount above
 * zero for a contract without lines); paymentPlanBalanced = the milestones add up exactly to the
 * amount; deliveryAccepted and invoicesPaid close a contract.
 */
export type ContractRequirement =
  | 'lineItems'
  | 'paymentPlan'
  | 'paymentPlanBalanced'
  | 'signedOn'
  | 'deliveryAccepted'
  | 'invoicesPaid'
  | 'terminatedReason';

export const CONTRACT_GATES: Partial<Record<ContractStage, ContractRequirement[]>> = {
  // Review (合同评审): reviewers need to see what is sold and how it will be paid.
  review: ['lineItems', 'paymentPlan'],
  // Signing (签约) turns the plan into invoices, so it must bill exactly the contract value.
  signed: ['lineItems', 'paymentPlan', 'paymentPlanBalanced', 'signedOn'],
  // Completed: everything delivered and accepted (验收), and every invoice paid (回款).
  completed: ['deliveryAccepted', 'invoicesPaid'],
  terminated: ['terminatedReason'],
};

/** Facts from other records that the Completed gate needs (the core looks them up). */
export interface ContractFacts {
  deliveryAccepted: boolean;
  invoicesPaid: boolean;
}

/** Whether the contract (with facts from its delivery and invoices) has what `requirement` asks. */
export function contractRequirementMet(
  contract: Contract,
  requirement: ContractRequirement,
  facts: ContractFacts,
): boolean {
  switch (requirement) {
    case 'lineItems':
      return (contract.lineItems?.length ?? 0) > 0 || contract.amount.minor > 0;
    case 'paymentPlan':
      return (contract.paymentPlan?.length ?? 0) > 0;
    case 'paymentPlanBalanced':
      return (contract.paymentPlan?.length ?? 0) > 0 && unallocated(contract).minor === 0;
    case 'signedOn':
      return Boolean(contract.signedOn);
    case 'terminatedReason':
      return Boolean(contract.terminatedReason?.trim());
    case 'deliveryAccepted':
      return facts.deliveryAccepted;
    case 'invoicesPaid':
      return facts.invoicesPaid;
  }
}

/**
 * What is missing for `contract` (with the move's signing date or reason applied) to move to
 * `to`. Cumulative: Draft straight to Executing still passes the Review and Signed gates.
 */
export function missingForContractMove(
  contract: Contract,
  to: ContractStage,
  facts: ContractFacts = { deliveryAccepted: false, invoicesPaid: false },
): ContractRequirement[] {
  const missing = new Set<ContractRequirement>();
  for (const stage of stagesEntered('contract', contract.stage, to)) {
    for (const req of CONTRACT_GATES[stage] ?? []) {
      if (!contractRequirementMet(contract, req, facts)) missing.add(req);
    }
  }
  return [...missing];
}

/** Requirements about other records: checked when the stage is entered, not held afterwards. */
const FACT_REQUIREMENTS: readonly ContractRequirement[] = ['deliveryAccepted', 'invoicesPaid'];

/**
 * What a contract in `stage` holds of the gates it passed (its own fields, not facts about its
 * delivery and invoices): a signed contract keeps its signing date and a balanced plan.
 */
export function heldContractRequirements(stage: ContractStage): ContractRequirement[] {
  const held = new Set<ContractRequirement>();
  const passed =
    stage === 'terminated'
      ? ['terminated']
      : CONTRACT_STAGES.slice(0, CONTRACT_STAGES.indexOf(stage) + 1);
  for (const s of passed as ContractStage[]) {
    for (const req of CONTRACT_GATES[s] ?? []) if (!FACT_REQUIREMENTS.includes(req)) held.add(req);
  }
  return [...held];
}

/** Stages at or after signing: the terms are fixed and the delivery and invoices exist. */
export const SIGNED_STAGES: readonly ContractStage[] = ['signed', 'executing', 'completed'];

/** True when a move from `from` to `to` signs the contract (enters Signed or passes through it). */
export function signsContract(from: ContractStage, to: ContractStage): boolean {
  if (SIGNED_STAGES.includes(from)) return false;
  return stagesEntered('contract', from, to).includes('signed');
}

export type ContractTransitionVerdict =
  TransitionVerdict | { allowed: false; reason: 'afterSigning' };

/**
 * The phase rules, plus one of the contract's own: a signed contract does not go back to Draft
 * or Review, because its delivery and invoices already exist (terminate it instead).
 */
export function checkContractTransition(
  from: ContractStage,
  to: ContractStage,
): ContractTransitionVerdict {
  const verdict = checkTransition('contract', from, to);
  if (!verdict.allowed) return verdict;
  if (SIGNED_STAGES.includes(from) && (to === 'draft' || to === 'review')) {
    return { allowed: false, reason: 'afterSigning' };
  }
  return verdict;
}
