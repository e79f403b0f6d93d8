import { APPROVAL_STATUSES } from '../domain/entities';
import {
  GATE_FIELDS,
  MAX_PIPELINE_STAGES,
  STAGE_KEY_MAX,
  type Pipeline,
} from '../domain/pipelines';
import { TIME, recordSchema, text } from './common';

/**
 * Pipelines, and the pieces of other documents that follow from them: the opportunity's stage
 * (any stage key of its pipeline, so a bounded string rather than an enum — the core checks it
 * against the pipeline), its approvals, and the gate record on a stage event.
 */

export const STAGE_KEY = text(STAGE_KEY_MAX);

const CHECKLIST_ITEM = {
  type: 'object',
  additionalProperties: false,
  properties: { id: text(20), label: text(200) },
  required: ['id', 'label'],
} as const;

const GATE_PROPERTIES = {
  requiredFields: {
    type: 'array',
    maxItems: GATE_FIELDS.length,
    items: { type: 'string', enum: [...GATE_FIELDS], maxLength: 20 },
  },
  checklist: { type: 'array', maxItems: 20, items: CHECKLIST_ITEM },
  approvalRequired: { type: 'boolean' },
} as const;
const GATE_REQUIRED = ['requiredFields', 'checklist', 'approvalRequired'];

const STAGE_GATE = {
  type: 'object',
  additionalProperties: false,
  properties: GATE_PROPERTIES,
  required: GATE_REQUIRED,
} as const;

const PIPELINE_STAGE = {
  type: 'object',
  additionalProperties: false,
  properties: {
    key: STAGE_KEY,
    name: text(50),
    probability: { type: 'integer', minimum: 0, maximum: 100 },
    ...GATE_PROPERTIES,
  },
  required: ['key', 'probability', ...GATE_REQUIRED],
} as const;

export const pipelineSchema = recordSchema<Pipeline>(
  'pipeline',
  {
    name: text(100),
    stages: { type: 'array', minItems: 1, maxItems: MAX_PIPELINE_STAGES, items: PIPELINE_STAGE },
    wonGate: STAGE_GATE,
  },
  ['name', 'stages', 'wonGate'],
  [],
);

/** Opportunity.approvals: one entry per gated stage. */
export const OPPORTUNITY_APPROVALS = {
  type: 'array',
  maxItems: MAX_PIPELINE_STAGES + 1,
  items: {
    type: 'object',
    additionalProperties: false,
    properties: {
      stage: STAGE_KEY,
      status: { type: 'string', enum: [...APPROVAL_STATUSES], maxLength: 10 },
      requestedBy: text(64),
      requestedByName: text(100),
      requestedAt: TIME,
      by: text(64),
      byName: text(100),
      at: TIME,
      reason: text(1000),
    },
    required: ['stage', 'status'],
  },
} as const;

/** StageEvent.checklist and StageEvent.approvals: what let the card through its gates. */
export const STAGE_EVENT_GATE_PROPERTIES = {
  checklist: { type: 'array', maxItems: 100, items: CHECKLIST_ITEM },
  approvals: {
    type: 'array',
    maxItems: MAX_PIPELINE_STAGES + 1,
    items: {
      type: 'object',
      additionalProperties: false,
      properties: { stage: STAGE_KEY, by: text(64), byName: text(100), at: TIME },
      required: ['stage', 'by', 'byName', 'at'],
    },
  },
} as const;
