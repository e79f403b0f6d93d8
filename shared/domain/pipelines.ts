import type { RecordBase } from './entities';
import { newId } from './ids';

/**
 * Pipelines: a firm sells different product lines through different sales processes, so each
 * pipeline has its own open stages, win probabilities and gates. Won and Lost are the same two
 * terminal stages in every pipeline — the forecast, the contract hand-off and the lost-reason
 * analysis all rely on them — while everything before them is the firm's to shape.
 */

/** The opportunity fields a gate can require a person to fill in before the card may enter. */
export const GATE_FIELDS = ['amount', 'expectedClose', 'contactId', 'description'] as const;
export type GateField = (typeof GATE_FIELDS)[number];

/** One line of a stage's checklist ("客户需求已书面确认"); its id survives renaming. */
export interface ChecklistItem {
  id: string;
  label: string;
}

/** What a card must satisfy to enter a stage. */
export interface StageGate {
  requiredFields: GateField[];
  checklist: ChecklistItem[];
  /** A manager must approve entry (投标审批 before Proposal, 合同审批 before Won). */
  approvalRequired: boolean;
}

/** An open (non-terminal) stage of a pipeline, as the firm configured it. */
export interface PipelineStage extends StageGate {
  /** Stable key stored on opportunities and stage events; never changes once cards use it. */
  key: string;
  /** Display name. Absent on the built-in stages, whose names come from the translations. */
  name?: string;
  /** Default win probability in percent for cards entering the stage. */
  probability: number;
}

export interface Pipeline extends RecordBase {
  name: string;
  /** Open stages, left to right. Won and Lost follow them in every pipeline. */
  stages: PipelineStage[];
  /** The gate into Won (by default: the contract approval). */
  wonGate: StageGate;
}

export const TERMINAL_STAGE_KEYS = ['won', 'lost'] as const;
export type TerminalStageKey = (typeof TERMINAL_STAGE_KEYS)[number];

export const DEFAULT_PIPELINE_ID = 'default';
export const MAX_PIPELINE_STAGES = 12;
/** Stage keys are stored in stage events' from/to (maxLength 20). */
export const STAGE_KEY_MAX = 20;

const NO_GATE: StageGate = { requiredFields: [], checklist: [], approvalRequired: false };
const QUOTE_FIELDS: GateField[] = ['amount', 'expectedClose', 'contactId'];

/** The built-in pipeline: today's six stages, their probabilities and gates. */
export function defaultPipeline(at = 0): Pipeline {
  return {
    id: DEFAULT_PIPELINE_ID,
    createdAt: at,
    updatedAt: at,
    ownerId: 'system',
    ownerName: '',
    archived: false,
    // Empty: the UI shows the translated name of the built-in pipeline.
    name: '',
    stages: [
      { key: 'qualify', probability: 10, ...NO_GATE },
      { key: 'solution', probability: 25, ...NO_GATE },
      // Proposal (投标/报价): you cannot quote without knowing how much, by when, and to whom,
      // and a bid commits the firm, so a manager approves it.
      {
        key: 'proposal',
        probability: 50,
        ...NO_GATE,
        requiredFields: QUOTE_FIELDS,
        approvalRequired: true,
      },
      { key: 'negotiation', probability: 75, ...NO_GATE, requiredFields: QUOTE_FIELDS },
    ],
    wonGate: { ...NO_GATE, requiredFields: QUOTE_FIELDS, approvalRequired: true },
  };
}

/** One column of a pipeline's board, open or terminal, with its gate. */
export interface StageDefinition extends StageGate {
  key: string;
  name?: string;
  probability: number;
  terminal: boolean;
  /** Position on the board; stored on opportunities as stageOrder. */
  order: number;
}

/** The pipeline's stages in board order: its open stages, then Won and Lost. */
export function pipelineStages(pipeline: Pick<Pipeline, 'stages' | 'wonGate'>): StageDefinition[] {
  const open = pipeline.stages.map((s, order) => ({ ...s, terminal: false, order }));
  const n = open.length;
  return [
    ...open,
    { key: 'won', probability: 100, terminal: true, order: n, ...pipeline.wonGate },
    // The lost reason is Lost's gate in every pipeline (checked by gates.ts), nothing else.
    { key: 'lost', probability: 0, terminal: true, order: n + 1, ...NO_GATE },
  ];
}

/** The stage keys in board order. */
export function pipelineStageKeys(pipeline: Pick<Pipeline, 'stages' | 'wonGate'>): string[] {
  return pipelineStages(pipeline).map((s) => s.key);
}

export function findStage(
  pipeline: Pick<Pipeline, 'stages' | 'wonGate'>,
  key: string,
): StageDefinition | undefined {
  return pipelineStages(pipeline).find((s) => s.key === key);
}

/** Default probability of a stage in a pipeline; undefined for a stage the pipeline lacks. */
export function stageProbability(
  pipeline: Pick<Pipeline, 'stages' | 'wonGate'>,
  key: string,
): number | undefined {
  return findStage(pipeline, key)?.probability;
}

/** The first open stage: where new opportunities start and reopened lost deals return. */
export function firstStageKey(pipeline: Pick<Pipeline, 'stages'>): string {
  return pipeline.stages[0]?.key ?? 'won';
}

export function isTerminalStageKey(key: string): key is TerminalStageKey {
  return (TERMINAL_STAGE_KEYS as readonly string[]).includes(key);
}

/** A fresh key for a stage added in the editor: random, so two editors offline never collide. */
export function newStageKey(): string {
  return `s${newId().replace(/-/g, '').slice(-12)}`;
}

export function newChecklistItemId(): string {
  return `c${newId().replace(/-/g, '').slice(-12)}`;
}

/** Stage keys a new pipeline may not use: the terminal stages. */
export function isReservedStageKey(key: string): boolean {
  return isTerminalStageKey(key);
}

export type PipelineTransitionVerdict =
  | { allowed: true }
  | {
      allowed: false;
      reason: 'sameStage' | 'fromTerminal' | 'notAdjacentTerminal' | 'unknownStage';
      /** The stage that would be allowed instead: the reopen target, or the last open stage. */
      expected?: string;
    };

/**
 * The opportunity transition rules (as in phases.ts) over a pipeline's own stages: between open
 * stages a card moves freely (gates of every stage passed still apply); Lost is reachable from
 * every open stage; Won only from the last open stage; Won is final; a lost deal reopens into the
 * first stage. A card in a stage the pipeline no longer has counts as open.
 */
export function checkPipelineTransition(
  pipeline: Pick<Pipeline, 'stages' | 'wonGate'>,
  from: string,
  to: string,
): PipelineTransitionVerdict {
  if (from === to) return { allowed: false, reason: 'sameStage' };
  if (!findStage(pipeline, to)) return { allowed: false, reason: 'unknownStage' };
  const first = firstStageKey(pipeline);
  if (from === 'won') return { allowed: false, reason: 'fromTerminal' };
  if (from === 'lost') {
    return to === first
      ? { allowed: true }
      : { allowed: false, reason: 'fromTerminal', expected: first };
  }
  const last = pipeline.stages[pipeline.stages.length - 1]?.key;
  if (to === 'won' && from !== last) {
    return { allowed: false, reason: 'notAdjacentTerminal', ...(last ? { expected: last } : {}) };
  }
  return { allowed: true };
}
