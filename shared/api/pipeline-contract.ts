import { z } from 'zod';
import type { Opportunity } from '../domain/entities';
import {
  GATE_FIELDS,
  MAX_PIPELINE_STAGES,
  STAGE_KEY_MAX,
  type Pipeline,
} from '../domain/pipelines';
import { id, optionalText, requiredText } from './fields';

/**
 * The pipelines part of the CrmApi contract: several pipelines with their own stages,
 * probabilities and gates, and the approvals some gates ask for (投标审批, 合同审批).
 */

/** Pipeline ids: the built-in 'default', or a record id. */
export const pipelineId = z.string().trim().min(1).max(64);
export const stageKey = z.string().trim().min(1).max(STAGE_KEY_MAX);

const checklistItem = z.strictObject({
  id: z.string().trim().min(1).max(20),
  label: requiredText(200),
});

const gate = {
  requiredFields: z.array(z.enum(GATE_FIELDS)).max(GATE_FIELDS.length),
  checklist: z.array(checklistItem).max(20),
  approvalRequired: z.boolean(),
};

const pipelineStage = z.strictObject({
  key: stageKey,
  /** Optional only for the built-in stages, whose names are translated. */
  name: optionalText(50),
  probability: z.number().int().min(0).max(100),
  ...gate,
});

const pipelineFields = {
  name: requiredText(100),
  stages: z.array(pipelineStage).min(1).max(MAX_PIPELINE_STAGES),
  wonGate: z.strictObject(gate),
};

export const pipelineCommandSchemas = {
  'pipelines/create': z.strictObject(pipelineFields),
  /** Replaces the pipeline's name, stages and gates; 'default' saves the built-in's settings. */
  'pipelines/update': z.strictObject({
    id: pipelineId,
    // Empty only for the built-in pipeline, which then shows its translated name.
    patch: z.strictObject({ ...pipelineFields, name: z.string().trim().max(100) }).partial(),
  }),
  'pipelines/archive': z.strictObject({ id: pipelineId }),
  /** A rep asks a manager to approve entering a gated stage. */
  'opportunities/requestApproval': z.strictObject({ id, stage: stageKey }),
  /** A manager (or the single local user) approves entering a gated stage. */
  'opportunities/approve': z.strictObject({ id, stage: stageKey }),
  'opportunities/rejectApproval': z.strictObject({
    id,
    stage: stageKey,
    reason: requiredText(1000),
  }),
} as const;

export interface PipelineCommandResults {
  'pipelines/create': Pipeline;
  'pipelines/update': Pipeline;
  'pipelines/archive': Pipeline;
  'opportunities/requestApproval': Opportunity;
  'opportunities/approve': Opportunity;
  'opportunities/rejectApproval': Opportunity;
}

export const pipelineQuerySchemas = {
  /** Active pipelines, the built-in one first (its saved settings when someone edited it). */
  'pipelines/list': z.strictObject({ includeArchived: z.boolean().optional() }),
} as const;

export interface PipelineQueryResults {
  'pipelines/list': Pipeline[];
}
