/**
 * The five LTC phases and their stages. Each phase is one Kanban board; its stages are the
 * columns, in order. Terminal stages end a record's journey through that phase.
 */
export const PHASES = ['lead', 'opportunity', 'contract', 'delivery', 'invoice'] as const;
export type Phase = (typeof PHASES)[number];

export const LEAD_STAGES = ['new', 'contacted', 'qualified', 'converted', 'disqualified'] as const;
export type LeadStage = (typeof LEAD_STAGES)[number];

export const OPPORTUNITY_STAGES = [
  'qualify',
  'solution',
  'proposal',
  'negotiation',
  'won',
  'lost',
] as const;
export type OpportunityStage = (typeof OPPORTUNITY_STAGES)[number];

export const CONTRACT_STAGES = [
  'draft',
  'review',
  'signed',
  'executing',
  'completed',
  'terminated',
] as const;
export type ContractStage = (typeof CONTRACT_STAGES)[number];

export const DELIVERY_STAGES = ['planned', 'inProgress', 'delivered', 'accepted'] as const;
export type DeliveryStage = (typeof DELIVERY_STAGES)[number];

export const INVOICE_STAGES = ['scheduled', 'invoiced', 'partiallyPaid', 'paid'] as const;
export type InvoiceStage = (typeof INVOICE_STAGES)[number];

export interface StageOf {
  lead: LeadStage;
  opportunity: OpportunityStage;
  contract: ContractStage;
  delivery: DeliveryStage;
  invoice: InvoiceStage;
}

export interface PhaseDefinition<P extends Phase> {
  phase: P;
  /** Board columns, left to right. */
  stages: readonly StageOf[P][];
  /** Stages a record cannot leave (except where `reopen` allows). */
  terminal: readonly StageOf[P][];
  /** Terminal stages that may be reopened, and the stage they reopen into. */
  reopen: Partial<Record<StageOf[P], StageOf[P]>>;
  /**
   * Terminal stages reachable from any open stage (lost, disqualified, terminated); other
   * terminal stages are reached only from the stage before them.
   */
  exitAnywhere: readonly StageOf[P][];
  /** Stages set by the system, never by a drag (a lead becomes converted by conversion). */
  systemOnly: readonly StageOf[P][];
}

export const PHASE_DEFINITIONS: { [P in Phase]: PhaseDefinition<P> } = {
  lead: {
    phase: 'lead',
    stages: LEAD_STAGES,
    terminal: ['converted', 'disqualified'],
    reopen: { disqualified: 'new' },
    exitAnywhere: ['disqualified'],
    systemOnly: ['converted'],
  },
  opportunity: {
    phase: 'opportunity',
    stages: OPPORTUNITY_STAGES,
    terminal: ['won', 'lost'],
    // A lost deal can come back (the customer calls again); a won one has become a contract.
    reopen: { lost: 'qualify' },
    exitAnywhere: ['lost'],
    systemOnly: [],
  },
  contract: {
    phase: 'contract',
    stages: CONTRACT_STAGES,
    terminal: ['completed', 'terminated'],
    reopen: {},
    exitAnywhere: ['terminated'],
    systemOnly: [],
  },
  delivery: {
    phase: 'delivery',
    stages: DELIVERY_STAGES,
    terminal: ['accepted'],
    reopen: {},
    exitAnywhere: [],
    systemOnly: [],
  },
  invoice: {
    phase: 'invoice',
    stages: INVOICE_STAGES,
    terminal: ['paid'],
    reopen: {},
    exitAnywhere: [],
    // Payments, not drags, decide these: the stage follows the money received.
    systemOnly: ['partiallyPaid', 'paid'],
  },
};

/** Default win probability (percent) per opportunity stage, used for the weighted forecast. */
export const OPPORTUNITY_PROBABILITY: Record<OpportunityStage, number> = {
  qualify: 10,
  solution: 25,
  proposal: 50,
  negotiation: 75,
  won: 100,
  lost: 0,
};

export function isTerminal<P extends Phase>(phase: P, stage: StageOf[P]): boolean {
  return (PHASE_DEFINITIONS[phase].terminal as readonly string[]).includes(stage);
}

export function isStageOf<P extends Phase>(phase: P, stage: string): stage is StageOf[P] {
  return (PHASE_DEFINITIONS[phase].stages as readonly string[]).includes(stage);
}

/** The open (non-terminal) stages, in board order. */
export function openStages<P extends Phase>(phase: P): StageOf[P][] {
  const def = PHASE_DEFINITIONS[phase] as PhaseDefinition<P>;
  return def.stages.filter((s) => !def.terminal.includes(s));
}

export type TransitionVerdict =
  | { allowed: true }
  | { allowed: false; reason: 'sameStage' | 'fromTerminal' | 'systemOnly' | 'notAdjacentTerminal' };

/**
 * Transition rule for manual moves: between open stages a card may move forward (skipping is
 * allowed, but the gates of every stage it passes still apply) or back; "exit anywhere" terminals
 * are reachable from every open stage; other terminals only from the last open stage; a terminal
 * stage is left only by its reopen target.
 */
export function checkTransition<P extends Phase>(
  phase: P,
  from: StageOf[P],
  to: StageOf[P],
  /** The system's own moves (conversion, payments) may enter system-only stages. */
  options: { bySystem?: boolean } = {},
): TransitionVerdict {
  const def = PHASE_DEFINITIONS[phase] as PhaseDefinition<P>;
  if (from === to) return { allowed: false, reason: 'sameStage' };
  if (def.systemOnly.includes(to) && !options.bySystem)
    return { allowed: false, reason: 'systemOnly' };
  if (def.terminal.includes(from)) {
    return def.reopen[from] === to ? { allowed: true } : { allowed: false, reason: 'fromTerminal' };
  }
  if (def.terminal.includes(to) && !def.exitAnywhere.includes(to)) {
    const open = openStages(phase);
    const last = open[open.length - 1];
    if (from !== last) return { allowed: false, reason: 'notAdjacentTerminal' };
  }
  return { allowed: true };
}

/** Open stages passed through when moving forward from `from` to `to`, including `to`. */
export function stagesEntered<P extends Phase>(
  phase: P,
  from: StageOf[P],
  to: StageOf[P],
): StageOf[P][] {
  const stages = PHASE_DEFINITIONS[phase].stages as readonly StageOf[P][];
  const i = stages.indexOf(from);
  const j = stages.indexOf(to);
  if (isTerminal(phase, to) || j <= i) return [to];
  return stages.slice(i + 1, j + 1);
}
