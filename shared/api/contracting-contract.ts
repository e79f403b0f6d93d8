import { z } from 'zod';
import type { Contract, Delivery, Invoice } from '../domain/entities';
import type { MoneyTotals } from '../domain/money';
import { isValidQuantity } from '../domain/contracts';
import {
  CONTRACT_STAGES,
  DELIVERY_STAGES,
  type ContractStage,
  type DeliveryStage,
} from '../domain/phases';
import { id, isoDate, moneyArg, optionalText, requiredText } from './fields';

/**
 * The contracting part of the CrmApi contract: contracts (合同看板) with line items and a payment
 * plan, and deliveries (交付看板) with milestones and acceptance. Merged into commandSchemas and
 * querySchemas with one spread each. Sub-record ids are optional: the core gives new lines one.
 */

const quantity = z
  .number()
  .refine(isValidQuantity, { message: 'a quantity above 0 with at most 3 decimals' });

export const lineItemArg = z.strictObject({
  id: id.optional(),
  description: requiredText(500),
  quantity,
  unitPrice: moneyArg,
});

export const paymentMilestoneArg = z.strictObject({
  id: id.optional(),
  name: requiredText(200),
  amount: moneyArg,
  dueOn: isoDate,
});

export const deliveryMilestoneArg = z.strictObject({
  id: id.optional(),
  name: requiredText(200),
  dueOn: isoDate.nullable().optional(),
  doneOn: isoDate.nullable().optional(),
});

const contractFields = {
  title: requiredText(200),
  number: optionalText(64),
  accountId: id,
  // null clears an optional field on update; undefined leaves it alone.
  contactId: id.nullable().optional(),
  opportunityId: id.nullable().optional(),
  /** The value of a contract without line items; with line items the core sums them instead. */
  amount: moneyArg.optional(),
  lineItems: z.array(lineItemArg).max(100).optional(),
  paymentPlan: z.array(paymentMilestoneArg).max(50).optional(),
  notes: optionalText(4000),
};

const deliveryFields = {
  title: requiredText(200),
  plannedOn: isoDate.nullable().optional(),
  milestones: z.array(deliveryMilestoneArg).max(50).optional(),
  notes: optionalText(4000),
};

export const contractingCommandSchemas = {
  'contracts/create': z.strictObject(contractFields),
  'contracts/update': z.strictObject({ id, patch: z.strictObject(contractFields).partial() }),
  'contracts/move': z.strictObject({
    id,
    to: z.enum(CONTRACT_STAGES),
    /** The signing date (签约日期), required to enter Signed unless the contract has one. */
    signedOn: isoDate.optional(),
    /** Required to enter Terminated; saved on the contract and in the stage event. */
    terminatedReason: optionalText(1000),
  }),
  'contracts/archive': z.strictObject({ id }),
  'deliveries/create': z.strictObject({
    contractId: id,
    ...deliveryFields,
    title: optionalText(200),
  }),
  'deliveries/update': z.strictObject({ id, patch: z.strictObject(deliveryFields).partial() }),
  'deliveries/move': z.strictObject({
    id,
    to: z.enum(DELIVERY_STAGES),
    /** The customer's acceptance date (验收日期), required to enter Accepted. */
    acceptedOn: isoDate.optional(),
  }),
  'deliveries/archive': z.strictObject({ id }),
} as const;

export interface ContractingCommandResults {
  'contracts/create': Contract;
  'contracts/update': Contract;
  'contracts/move': Contract;
  'contracts/archive': Contract;
  'deliveries/create': Delivery;
  'deliveries/update': Delivery;
  'deliveries/move': Delivery;
  'deliveries/archive': Delivery;
}

/** A contract card: the contract plus its account's name, resolved by the core. */
export interface ContractCard extends Contract {
  accountName: string;
}

export interface ContractColumn {
  stage: ContractStage;
  count: number;
  /** Contract values per currency: CNY and USD are never added together. */
  total: MoneyTotals;
  cards: ContractCard[];
}

export interface ContractBoard {
  columns: ContractColumn[];
}

/** A delivery card: the delivery with its contract's number and value, and milestone progress. */
export interface DeliveryCard extends Delivery {
  accountName: string;
  contractTitle: string;
  contractNumber?: string;
  contractAmount?: Contract['amount'];
  milestonesDone: number;
  milestonesTotal: number;
}

export interface DeliveryColumn {
  stage: DeliveryStage;
  count: number;
  /** The values of the contracts being delivered, per currency. */
  total: MoneyTotals;
  cards: DeliveryCard[];
}

export interface DeliveryBoard {
  columns: DeliveryColumn[];
}

/** One contract with what signing made of it, for the contract dialog. */
export interface ContractDetail {
  contract: Contract;
  accountName: string;
  delivery?: Delivery;
  invoices: Invoice[];
}

export const contractingQuerySchemas = {
  'board/contracts': z.strictObject({}),
  'board/deliveries': z.strictObject({}),
  /** null when the contract does not exist (or not on this device). */
  'contracts/detail': z.strictObject({ id }),
} as const;

export interface ContractingQueryResults {
  'board/contracts': ContractBoard;
  'board/deliveries': DeliveryBoard;
  'contracts/detail': ContractDetail | null;
}
