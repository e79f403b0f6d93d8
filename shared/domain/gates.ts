import type { Opportunity, OpportunityApproval } from './entities';
import {
  defaultPipeline,
  pipelineStages,
  type ChecklistItem,
  type GateField,
  type Pipeline,
  type StageDefinition,
} from './pipelines';

/**
 * A gate requirement names the field a person must fill in before a card may enter a stage.
 * The UI turns each into a checklist line; the core refuses the move while any is missing.
 * The lost reason is Lost's requirement in every pipeline.
 */
export type GateRequirement = GateField | 'lostReason';

type StageShape = Pick<Pipeline, 'stages' | 'wonGate'>;

/** Whether the opportunity has what `requirement` asks for. */
export function requirementMet(opportunity: Opportunity, requirement: GateRequirement): boolean {
  switch (requirement) {
    case 'amount':
      return opportunity.amount !== undefined && opportunity.amount.minor > 0;
    case 'expectedClose':
      return Boolean(opportunity.expectedClose);
    case 'contactId':
      return Boolean(opportunity.contactId);
    case 'description':
      return Boolean(opportunity.description?.trim());
    case 'lostReason':
      return Boolean(opportunity.lostReason?.trim());
  }
}

/**
 * The stages whose gates a move from `from` to `to` passes, in order. Gates are cumulative:
 * skipping from Qualify straight to Negotiation still needs Proposal's. Moving back, to Lost, or
 * reopening passes only the target's gate. A card in a stage its pipeline no longer has (the
 * stage was removed in the editor) counts as before the first stage.
 */
export function stagesPassed(pipeline: StageShape, from: string, to: string): StageDefinition[] {
  const stages = pipelineStages(pipeline);
  const i = stages.findIndex((s) => s.key === from);
  const j = stages.findIndex((s) => s.key === to);
  if (j < 0) return [];
  const target = stages[j]!;
  if (target.key === 'lost' || (i >= 0 && (j <= i || stages[i]!.terminal))) return [target];
  return stages.slice(i + 1, j + 1).filter((s) => s.key !== 'lost');
}

/** A checklist line a move must tick, with the stage it belongs to. */
export interface GateChecklistLine extends ChecklistItem {
  stage: string;
}

/** Everything a gate asks of one move, and what of it is met: the gate dialog shows this. */
export interface GateReport {
  /** Required fields, each with whether the opportunity has it. */
  fields: { requirement: GateRequirement; met: boolean }[];
  checklist: (GateChecklistLine & { ticked: boolean })[];
  /** Stages needing a manager's approval, with the approval state on the opportunity. */
  approvals: { stage: string; approval?: OpportunityApproval }[];
  missingFields: GateRequirement[];
  uncheckedItems: GateChecklistLine[];
  /** Stages whose approval is not yet given. */
  missingApprovals: string[];
  met: boolean;
}

/**
 * Judges a move of `opportunity` (with the person's pending edits applied) to `to` in its
 * pipeline: required fields, the checklist items ticked in `ticked`, and approvals given.
 */
export function evaluateGate(
  pipeline: StageShape,
  opportunity: Opportunity,
  to: string,
  ticked: readonly string[] = [],
): GateReport {
  const requirements = new Set<GateRequirement>();
  const checklist: GateChecklistLine[] = [];
  const approvalStages: string[] = [];
  for (const stage of stagesPassed(pipeline, opportunity.stage, to)) {
    for (const field of stage.requiredFields) requirements.add(field);
    if (stage.key === 'lost') requirements.add('lostReason');
    for (const item of stage.checklist) checklist.push({ ...item, stage: stage.key });
    if (stage.approvalRequired) approvalStages.push(stage.key);
  }
  const fields = [...requirements].map((requirement) => ({
    requirement,
    met: requirementMet(opportunity, requirement),
  }));
  const tickedSet = new Set(ticked);
  const lines = checklist.map((item) => ({ ...item, ticked: tickedSet.has(item.id) }));
  const approvals = approvalStages.map((stage) => ({
    stage,
    approval: opportunity.approvals?.find((a) => a.stage === stage),
  }));
  const missingFields = fields.filter((f) => !f.met).map((f) => f.requirement);
  const uncheckedItems = lines.filter((l) => !l.ticked).map(({ ticked: _, ...line }) => line);
  const missingApprovals = approvals
    .filter((a) => a.approval?.status !== 'approved')
    .map((a) => a.stage);
  return {
    fields,
    checklist: lines,
    approvals,
    missingFields,
    uncheckedItems,
    missingApprovals,
    met: missingFields.length + uncheckedItems.length + missingApprovals.length === 0,
  };
}

/**
 * The fields a card in `stage` holds: what the gates of every open stage up to it (and Won's, for
 * a won deal) asked for. A passed gate keeps holding them, so a quoted deal's amount can change
 * but not be removed (move the card back first). A lost deal holds only its reason.
 */
export function heldRequirements(pipeline: StageShape, stage: string): GateRequirement[] {
  if (stage === 'lost') return ['lostReason'];
  const stages = pipelineStages(pipeline);
  const at = stages.findIndex((s) => s.key === stage);
  const held = new Set<GateRequirement>();
  for (const passed of stages.slice(0, at + 1)) {
    for (const field of passed.requiredFields) held.add(field);
  }
  return [...held];
}

/** Whether entering `to` (from the card's stage) asks anything beyond the lost reason. */
export function hasGate(pipeline: StageShape, from: string, to: string): boolean {
  return stagesPassed(pipeline, from, to).some(
    (s) => s.requiredFields.length > 0 || s.checklist.length > 0 || s.approvalRequired,
  );
}

/**
 * The missing fields for a move in the built-in pipeline: the field part of the gate. Kept for
 * callers that only check fields (the opportunity form's "fill in" flow).
 */
export function missingForOpportunityMove(
  opportunity: Opportunity,
  to: string,
  pipeline: StageShape = defaultPipeline(),
): GateRequirement[] {
  return evaluateGate(pipeline, opportunity, to).missingFields;
}
