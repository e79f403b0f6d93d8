import type { RxJsonSchema } from 'rxdb';
import type {
  Account,
  Activity,
  Contact,
  Contract,
  Delivery,
  Invoice,
  Lead,
  Opportunity,
  Payment,
  StageEvent,
} from '../domain/entities';
import { ACTIVITY_KINDS } from '../domain/entities';
import {
  CONTRACT_STAGES,
  DELIVERY_STAGES,
  INVOICE_STAGES,
  LEAD_STAGES,
  PHASES,
} from '../domain/phases';
import { SCORE_ANSWERS } from '../domain/leads';
import {
  AUDIT_STAMP_PROPERTIES,
  ID,
  ISO_DATE,
  MONEY,
  TIME,
  recordSchema,
  stage,
  text,
} from './common';
import { versioned } from './migrations';
import { fieldChangeSchema } from './field-change-schema';
import {
  OPPORTUNITY_APPROVALS,
  STAGE_EVENT_GATE_PROPERTIES,
  STAGE_KEY,
  pipelineSchema,
} from './pipeline-schema';

const STAGE_ORDER = { type: 'integer', minimum: 0, maximum: 99, multipleOf: 1 } as const;

export const accountSchema = recordSchema<Account>(
  'account',
  {
    name: text(200),
    industry: text(100),
    phone: text(50),
    website: text(200),
    address: text(300),
    notes: text(4000),
    mergedInto: ID,
  },
  ['name'],
  ['name'],
);

export const contactSchema = recordSchema<Contact>(
  'contact',
  {
    accountId: ID,
    name: text(100),
    title: text(100),
    phone: text(50),
    email: text(254),
    mergedInto: ID,
  },
  ['accountId', 'name'],
  [['accountId', 'name']],
);

/** The BANT answers; all four or none (shared/domain/leads.ts). */
const answer = { type: 'string', enum: [...SCORE_ANSWERS], maxLength: 10 } as const;
const LEAD_SCORECARD = {
  type: 'object',
  additionalProperties: false,
  properties: { budget: answer, authority: answer, need: answer, timeline: answer },
  required: ['budget', 'authority', 'need', 'timeline'],
} as const;

export const leadSchema = recordSchema<Lead>(
  'lead',
  {
    stage: stage(LEAD_STAGES),
    stageEnteredAt: TIME,
    company: text(200),
    contactName: text(100),
    phone: text(50),
    email: text(254),
    source: text(100),
    disqualifiedReason: text(1000),
    scorecard: LEAD_SCORECARD,
    convertedAccountId: ID,
    convertedContactId: ID,
    convertedOpportunityId: ID,
    mergedInto: ID,
  },
  ['stage', 'stageEnteredAt', 'company'],
  [['archived', 'stage', 'stageEnteredAt']],
);

export const opportunitySchema = recordSchema<Opportunity>(
  'opportunity',
  {
    title: text(200),
    accountId: ID,
    contactId: ID,
    pipelineId: text(64),
    // Any stage key of the opportunity's pipeline: the core checks it against the pipeline.
    stage: STAGE_KEY,
    stageEnteredAt: TIME,
    stageOrder: STAGE_ORDER,
    amount: MONEY,
    expectedClose: ISO_DATE,
    probability: { type: 'integer', minimum: 0, maximum: 100 },
    lostReason: text(1000),
    description: text(4000),
    contractId: ID,
    approvals: OPPORTUNITY_APPROVALS,
    /** 经理备注: only managers and admins see it (a floor price); never sent to a rep. */
    managerNote: text(4000),
  },
  ['title', 'accountId', 'pipelineId', 'stage', 'stageEnteredAt', 'stageOrder', 'probability'],
  // The board: open cards of one pipeline in stage order, oldest in stage first.
  [['archived', 'pipelineId', 'stageOrder', 'stageEnteredAt'], 'accountId'],
);

/** Arrays of sub-records (line items, milestones) are bounded so a document stays small. */
const list = (item: object, maxItems = 100) => ({ type: 'array', maxItems, items: item }) as const;
const subRecord = (properties: Record<string, unknown>, required: string[]) =>
  ({
    type: 'object',
    additionalProperties: false,
    properties: { id: ID, ...properties },
    required: ['id', ...required],
  }) as const;

export const contractSchema = recordSchema<Contract>(
  'contract',
  {
    title: text(200),
    number: text(64),
    accountId: ID,
    contactId: ID,
    opportunityId: ID,
    stage: stage(CONTRACT_STAGES),
    stageEnteredAt: TIME,
    amount: MONEY,
    lineItems: list(
      subRecord(
        {
          description: text(500),
          quantity: { type: 'number', exclusiveMinimum: 0, maximum: 1_000_000_000 },
          unitPrice: MONEY,
        },
        ['description', 'quantity', 'unitPrice'],
      ),
    ),
    paymentPlan: list(
      subRecord({ name: text(200), amount: MONEY, dueOn: ISO_DATE }, ['name', 'amount', 'dueOn']),
      50,
    ),
    signedOn: ISO_DATE,
    terminatedReason: text(1000),
    deliveryId: ID,
    invoiceIds: list(ID, 50),
    notes: text(4000),
  },
  ['title', 'accountId', 'stage', 'stageEnteredAt', 'amount'],
  [['archived', 'stage', 'stageEnteredAt'], 'accountId'],
);

export const deliverySchema = recordSchema<Delivery>(
  'delivery',
  {
    title: text(200),
    contractId: ID,
    accountId: ID,
    stage: stage(DELIVERY_STAGES),
    stageEnteredAt: TIME,
    plannedOn: ISO_DATE,
    milestones: list(
      subRecord({ name: text(200), dueOn: ISO_DATE, doneOn: ISO_DATE }, ['name']),
      50,
    ),
    acceptedOn: ISO_DATE,
    notes: text(4000),
  },
  ['title', 'contractId', 'stage', 'stageEnteredAt'],
  [['archived', 'stage', 'stageEnteredAt'], 'contractId'],
);

export const invoiceSchema = recordSchema<Invoice>(
  'invoice',
  {
    number: text(64),
    contractId: ID,
    accountId: ID,
    stage: stage(INVOICE_STAGES),
    stageEnteredAt: TIME,
    amount: MONEY,
    paid: MONEY,
    issuedOn: ISO_DATE,
    dueOn: ISO_DATE,
    milestone: text(200),
    milestoneId: ID,
  },
  ['number', 'contractId', 'accountId', 'stage', 'stageEnteredAt', 'amount', 'paid', 'dueOn'],
  [['archived', 'stage', 'stageEnteredAt'], 'contractId', 'accountId'],
);

export const paymentSchema = recordSchema<Payment>(
  'payment',
  { invoiceId: ID, amount: MONEY, receivedOn: ISO_DATE, reference: text(200) },
  ['invoiceId', 'amount', 'receivedOn'],
  ['invoiceId'],
);

export const activitySchema = recordSchema<Activity>(
  'activity',
  {
    kind: { type: 'string', enum: [...ACTIVITY_KINDS], maxLength: 10 },
    subject: text(200),
    recordPhase: { type: 'string', enum: [...PHASES], maxLength: 20 },
    recordType: { type: 'string', maxLength: 20 },
    recordId: ID,
    dueAt: TIME,
    done: { type: 'boolean' },
    doneAt: TIME,
    notes: text(4000),
  },
  ['kind', 'subject', 'recordType', 'recordId', 'done'],
  [['recordId', 'createdAt']],
);

/** Stage events have no owner or archive flag: they are facts, append-only. */
export const stageEventSchema: RxJsonSchema<StageEvent> = {
  title: 'stageEvent',
  version: 0,
  primaryKey: 'id',
  type: 'object',
  additionalProperties: false,
  properties: {
    id: ID,
    phase: { type: 'string', enum: [...PHASES], maxLength: 20 },
    recordId: ID,
    from: text(20),
    to: text(20),
    at: TIME,
    by: text(64),
    byName: text(100),
    reason: text(1000),
    ...STAGE_EVENT_GATE_PROPERTIES,
    ...AUDIT_STAMP_PROPERTIES,
  },
  required: ['id', 'phase', 'recordId', 'to', 'at', 'by', 'byName'],
  indexes: [
    ['recordId', 'at'],
    ['phase', 'at'],
  ],
} as unknown as RxJsonSchema<StageEvent>;

/** Collection name → schema. Collection names are plural, as RxDB convention has it. */
export const COLLECTION_SCHEMAS = versioned({
  accounts: accountSchema,
  contacts: contactSchema,
  leads: leadSchema,
  opportunities: opportunitySchema,
  contracts: contractSchema,
  deliveries: deliverySchema,
  invoices: invoiceSchema,
  payments: paymentSchema,
  activities: activitySchema,
  stageevents: stageEventSchema,
  fieldchanges: fieldChangeSchema,
  pipelines: pipelineSchema,
} as const);

export type CollectionName = keyof typeof COLLECTION_SCHEMAS;
