import type { LeadScorecard } from './leads';
import type { Money } from './money';
import type { Role } from './roles';
import type { ContractStage, DeliveryStage, InvoiceStage, LeadStage, Phase } from './phases';

/**
 * Fields every synced record carries. Times are epoch milliseconds (UTC); calendar dates such as
 * an expected close are ISO dates ("2026-12-31") because they have no time zone.
 */
export interface RecordBase {
  id: string;
  createdAt: number;
  updatedAt: number;
  ownerId: string;
  ownerName: string;
  /** Archived records leave the boards but keep their history; nothing is ever hard-deleted by a person. */
  archived: boolean;
  /** Who made it (the sync server stamps it from the pushing user and keeps it). */
  createdBy?: string;
}

export interface Account extends RecordBase {
  name: string;
  industry?: string;
  phone?: string;
  website?: string;
  address?: string;
  notes?: string;
  /** Set when this record was merged into another (shared/core/merge*.ts); archived then. */
  mergedInto?: string;
}

export interface Contact extends RecordBase {
  accountId: string;
  name: string;
  title?: string;
  phone?: string;
  email?: string;
  /** As Account.mergedInto. */
  mergedInto?: string;
}

export interface Lead extends RecordBase {
  stage: LeadStage;
  stageEnteredAt: number;
  company: string;
  contactName?: string;
  phone?: string;
  email?: string;
  source?: string;
  disqualifiedReason?: string;
  /** The BANT answers (see leads.ts); absent until the lead is scored. */
  scorecard?: LeadScorecard;
  /**
   * What conversion made of the lead. Written BEFORE those records (see shared/core/lead-convert.ts):
   * set on a lead that is not yet Converted, they mark a conversion to finish.
   */
  convertedAccountId?: string;
  convertedContactId?: string;
  convertedOpportunityId?: string;
  /** As Account.mergedInto. */
  mergedInto?: string;
}

export interface Opportunity extends RecordBase {
  title: string;
  accountId: string;
  contactId?: string;
  pipelineId: string;
  /** A stage key of the opportunity's pipeline (shared/domain/pipelines.ts); Won and Lost in all. */
  stage: string;
  /** When the card entered its current stage: the base of "days in stage". */
  stageEnteredAt: number;
  /** Position of the stage in its pipeline; indexed so a board sorts by stage order without a join. */
  stageOrder: number;
  amount?: Money;
  /** ISO date. */
  expectedClose?: string;
  /** Percent; the stage default unless a person overrides it. */
  probability: number;
  lostReason?: string;
  description?: string;
  /**
   * The draft contract winning created. Stamped BEFORE the contract is inserted (as lead
   * conversion does), so a crash between the two is finished, not duplicated, on the next try.
   */
  contractId?: string;
  /**
   * Approvals for gated stages (投标审批, 合同审批): asked for, given or refused. Entering the
   * stage consumes the approval: it moves into the stage event and off this list.
   */
  approvals?: OpportunityApproval[];
  /** 经理备注: seen and written by managers and admins only (a floor price, a private note). */
  managerNote?: string;
}

export const APPROVAL_STATUSES = ['requested', 'approved', 'rejected'] as const;
export type ApprovalStatus = (typeof APPROVAL_STATUSES)[number];

/** The approval state for entering one stage of the opportunity's pipeline. */
export interface OpportunityApproval {
  stage: string;
  status: ApprovalStatus;
  /** Who asked, and when (absent when a manager approved without being asked). */
  requestedBy?: string;
  requestedByName?: string;
  requestedAt?: number;
  /** Who approved or refused, and when. */
  by?: string;
  byName?: string;
  at?: number;
  /** Why it was refused. */
  reason?: string;
}

/** An approval as the stage event keeps it: who let the card through, and when. */
export interface GateApprovalRecord {
  stage: string;
  by: string;
  byName: string;
  at: number;
}

/** One line of a contract: what is sold, how many, at what unit price. */
export interface ContractLineItem {
  id: string;
  description: string;
  /** Whole units or fractions (hours, tonnes); at most 3 decimals. */
  quantity: number;
  unitPrice: Money;
}

/** One payment milestone of a contract: signing turns each into a scheduled invoice. */
export interface PaymentMilestone {
  id: string;
  name: string;
  amount: Money;
  /** ISO date. */
  dueOn: string;
}

export interface Contract extends RecordBase {
  title: string;
  /** The firm's contract number (合同编号), shown on cards and invoices. */
  number?: string;
  accountId: string;
  contactId?: string;
  opportunityId?: string;
  stage: ContractStage;
  stageEnteredAt: number;
  /** The contract value: the sum of the line items once there are any. */
  amount: Money;
  lineItems?: ContractLineItem[];
  paymentPlan?: PaymentMilestone[];
  signedOn?: string;
  terminatedReason?: string;
  /**
   * What signing created, stamped before those records are written (see contract signing), so a
   * signing interrupted half way is finished on retry instead of creating a second delivery.
   */
  deliveryId?: string;
  invoiceIds?: string[];
  notes?: string;
}

/** A step of a delivery (shipped, installed, trained …); done when it has a doneOn date. */
export interface DeliveryMilestone {
  id: string;
  name: string;
  /** ISO dates. */
  dueOn?: string;
  doneOn?: string;
}

export interface Delivery extends RecordBase {
  title: string;
  contractId: string;
  accountId?: string;
  stage: DeliveryStage;
  stageEnteredAt: number;
  plannedOn?: string;
  milestones?: DeliveryMilestone[];
  /** The customer's acceptance date (验收日期). */
  acceptedOn?: string;
  notes?: string;
}

export interface Invoice extends RecordBase {
  number: string;
  contractId: string;
  accountId: string;
  stage: InvoiceStage;
  stageEnteredAt: number;
  amount: Money;
  /** Sum of payments allocated so far, kept on the invoice for board totals. */
  paid: Money;
  issuedOn?: string;
  dueOn: string;
  /** The payment-plan milestone this invoice bills ("30% on signing"). */
  milestone?: string;
  milestoneId?: string;
}

export interface Payment extends RecordBase {
  invoiceId: string;
  amount: Money;
  receivedOn: string;
  reference?: string;
}

export const ACTIVITY_KINDS = ['call', 'visit', 'meeting', 'note', 'task'] as const;
export type ActivityKind = (typeof ACTIVITY_KINDS)[number];

export interface Activity extends RecordBase {
  kind: ActivityKind;
  subject: string;
  /** The record this activity is about. */
  recordPhase?: Phase;
  recordType: 'account' | 'contact' | Phase;
  recordId: string;
  dueAt?: number;
  done: boolean;
  /** When it was last marked done: a follow-up checked off today stays on today's list. */
  doneAt?: number;
  notes?: string;
}

/**
 * One stage change. Append-only: inserted once, never edited, so events never conflict in sync
 * and every flow metric (dwell time, conversion) can be derived from them alone.
 */
export interface StageEvent {
  id: string;
  phase: Phase;
  recordId: string;
  /** Absent for the event that records a record's creation in its first stage. */
  from?: string;
  to: string;
  at: number;
  by: string;
  byName: string;
  /** Why, where the gate asks for one (lost reason, disqualification reason). */
  reason?: string;
  /** The gate's checklist items the mover ticked, with their wording at the time. */
  checklist?: { id: string; label: string }[];
  /** The approvals that let the card through its gates. */
  approvals?: GateApprovalRecord[];
  /** Stamped by the sync server: the author's role, and when the server received the event. */
  role?: Role;
  receivedAt?: number;
}

/** The records a field change can be about: the schema titles of the owned collections. */
export const HISTORY_RECORD_TYPES = [
  'account',
  'contact',
  'lead',
  'opportunity',
  'contract',
  'delivery',
  'invoice',
  'payment',
  'activity',
  'pipeline',
] as const;
export type HistoryRecordType = (typeof HISTORY_RECORD_TYPES)[number];

/**
 * One field of a record as it was before and after a change, each as a short display string
 * (see shared/core/field-changes.ts for why strings). Absent `from` / `to` means "no value".
 */
export interface FieldChangeItem {
  field: string;
  from?: string;
  to?: string;
}

/**
 * What one saved command changed on one record, who and when. Append-only like StageEvent: each
 * device records its own edits, so entries never conflict in sync. Stage changes are not here;
 * they are stage events.
 */
export interface FieldChange {
  id: string;
  recordType: HistoryRecordType;
  recordId: string;
  at: number;
  by: string;
  byName: string;
  changes: FieldChangeItem[];
  /** Stamped by the sync server, as on stage events. */
  role?: Role;
  receivedAt?: number;
}
