import { stageForPaid } from '../domain/collections';
import {
  checkContractTransition,
  contractRequirementMet,
  heldContractRequirements,
  missingForContractMove,
  type ContractFacts,
} from '../domain/contracts';
import {
  deliveryRequirementMet,
  heldDeliveryRequirements,
  missingForDeliveryMove,
} from '../domain/delivery';
import type {
  Contract,
  Delivery,
  GateApprovalRecord,
  Invoice,
  Opportunity,
  OpportunityApproval,
} from '../domain/entities';
import { evaluateGate, heldRequirements, requirementMet } from '../domain/gates';
import {
  checkTransition,
  isStageOf,
  PHASE_DEFINITIONS,
  type ContractStage,
  type DeliveryStage,
  type Phase,
} from '../domain/phases';
import {
  checkPipelineTransition,
  DEFAULT_PIPELINE_ID,
  defaultPipeline,
  firstStageKey,
  pipelineStageKeys,
  type Pipeline,
} from '../domain/pipelines';
import { mayDecideApprovals, type Actor } from './actor';
import { recordMatches } from './approvals';
import type { Doc } from './catalog';
import type { RuleFacts } from './facts';
import { ALLOWED, combine, refuse, type Verdict } from './verdict';

/*
 * What each phase asks of a stage change: which stages exist, where a record is created, which
 * moves are allowed, and what the gate into a stage needs. Every function here calls the phase's
 * own domain rules (shared/domain), so the core, the server and the UI judge with the same code.
 */

/** One move of a stage chain, as its stage event records it. */
export interface MoveStep {
  from: string;
  to: string;
  event: Doc;
  /** The state the whole change leaves (the rules can only see the final fields). */
  after: Doc;
  before: Doc | undefined;
  /** The card still stands at or past `to`: the fields `to`'s gate asked for must be there. */
  held: boolean;
  /** The last move: the one into the record's current stage. */
  last: boolean;
}

export interface PhaseStageRules {
  /** Stages in board order (for "at or past"). */
  order(after: Doc, facts: RuleFacts): readonly string[];
  exists(stage: string, after: Doc, facts: RuleFacts): boolean;
  /** The stage a new record of the phase starts in. */
  creationStage(after: Doc, facts: RuleFacts): string;
  /** Stages that end a record's journey early (lost, disqualified, terminated): they hold nothing. */
  exits: readonly string[];
  checkMove(actor: Actor, step: MoveStep, facts: RuleFacts, used: Set<string>): Verdict;
  /** The fields a record in its current stage keeps: each is met, or not, on a document. */
  held(doc: Doc, facts: RuleFacts): { field: string; met: (doc: Doc) => boolean }[];
  /** A rule about the state itself, whatever the move (an invoice's stage follows its money). */
  consistent?(doc: Doc): Verdict;
}

export function pipelineOf(after: Doc, facts: RuleFacts): Pipeline | undefined {
  const id = typeof after.pipelineId === 'string' ? after.pipelineId : DEFAULT_PIPELINE_ID;
  return facts.pipeline(id) ?? (id === DEFAULT_PIPELINE_ID ? defaultPipeline() : undefined);
}

const transitionRefused = (from: string, to: string, reason: string) =>
  refuse('transition', 'stage', { from, to, reason });

function reasonGiven(step: MoveStep, field: string): Verdict {
  const inEvent = typeof step.event.reason === 'string' && step.event.reason.trim() !== '';
  const kept =
    !step.last ||
    (typeof step.after[field] === 'string' && String(step.after[field]).trim() !== '');
  return inEvent && kept ? ALLOWED : refuse('gateFields', field, { stage: step.to });
}

/** The approvals a move's stage event records, each matched to a decision it may claim. */
function checkApprovalRecords(
  actor: Actor,
  step: MoveStep,
  required: string[],
  used: Set<string>,
): Verdict {
  const records = Array.isArray(step.event.approvals)
    ? (step.event.approvals as GateApprovalRecord[])
    : [];
  const given = new Map(
    (Array.isArray(step.before?.approvals)
      ? (step.before.approvals as OpportunityApproval[])
      : []
    ).map((entry) => [entry.stage, entry]),
  );
  const verdicts: Verdict[] = [];
  for (const record of records) {
    const key = `${record.stage}|${record.by}|${record.at}`;
    // A stored decision is used up by the first move that claims it; a decider may approve and
    // move in one go (offline, then synced), recorded in their own name.
    const stored = recordMatches(given.get(record.stage), record) && !used.has(key);
    const ownDecision = mayDecideApprovals(actor) && record.by === actor.id;
    if (!stored && !ownDecision) {
      verdicts.push(refuse('approvalForged', 'approvals', { stage: record.stage }));
    } else {
      used.add(key);
    }
  }
  for (const stage of required) {
    if (!records.some((record) => record.stage === stage)) {
      verdicts.push(refuse('gateApproval', 'approvals', { stage }));
    }
  }
  return combine(verdicts);
}

const opportunityRules: PhaseStageRules = {
  order: (after, facts) => {
    const pipeline = pipelineOf(after, facts);
    return pipeline ? pipelineStageKeys(pipeline) : [];
  },
  exists: (stage, after, facts) => opportunityRules.order(after, facts).includes(stage),
  creationStage: (after, facts) => {
    const pipeline = pipelineOf(after, facts);
    return pipeline ? firstStageKey(pipeline) : '';
  },
  exits: ['lost'],
  checkMove(actor, step, facts, used) {
    const pipeline = pipelineOf(step.after, facts);
    if (!pipeline) return refuse('referenceMissing', 'pipelineId');
    const verdict = checkPipelineTransition(pipeline, step.from, step.to);
    if (!verdict.allowed) return transitionRefused(step.from, step.to, verdict.reason);
    const ticked = Array.isArray(step.event.checklist)
      ? (step.event.checklist as { id: string }[]).map((item) => item.id)
      : [];
    const candidate = { ...(step.after as unknown as Opportunity), stage: step.from };
    const report = evaluateGate(pipeline, candidate, step.to, ticked);
    const verdicts: Verdict[] = report.uncheckedItems.map((item) =>
      refuse('gateChecklist', 'checklist', { stage: item.stage, item: item.label }),
    );
    verdicts.push(
      checkApprovalRecords(
        actor,
        step,
        report.approvals.map((a) => a.stage),
        used,
      ),
    );
    if (step.to === 'lost') verdicts.push(reasonGiven(step, 'lostReason'));
    else if (step.held) {
      for (const field of report.missingFields) {
        verdicts.push(refuse('gateFields', field, { stage: step.to }));
      }
    }
    return combine(verdicts);
  },
  held(doc, facts) {
    const pipeline = pipelineOf(doc, facts);
    if (!pipeline) return [];
    return heldRequirements(pipeline, String(doc.stage)).map((requirement) => ({
      field: requirement,
      met: (d: Doc) => requirementMet(d as unknown as Opportunity, requirement),
    }));
  },
};

/** Records of a phase with fixed stages (shared/domain/phases.ts). */
function fixedStages(phase: Phase): Pick<PhaseStageRules, 'order' | 'exists' | 'exits'> {
  const definition = PHASE_DEFINITIONS[phase];
  return {
    order: () => definition.stages,
    exists: (stage) => isStageOf(phase, stage),
    exits: definition.exitAnywhere,
  };
}

const leadRules: PhaseStageRules = {
  ...fixedStages('lead'),
  creationStage: () => 'new',
  checkMove(_actor, step) {
    if (step.to === 'converted') {
      // Only conversion converts (it makes the account and deal first), from where the stage
      // rules let a lead end: the last open stage.
      const verdict = checkTransition('lead', step.from as never, 'converted', { bySystem: true });
      if (!verdict.allowed) return transitionRefused(step.from, step.to, verdict.reason);
      const made = ['convertedAccountId', 'convertedOpportunityId'].filter(
        (field) => !step.after[field],
      );
      return combine(made.map((field) => refuse('gateFields', field, { stage: 'converted' })));
    }
    const verdict = checkTransition('lead', step.from as never, step.to as never);
    if (!verdict.allowed) return transitionRefused(step.from, step.to, verdict.reason);
    return step.to === 'disqualified' ? reasonGiven(step, 'disqualifiedReason') : ALLOWED;
  },
  held: (doc) =>
    doc.stage === 'disqualified'
      ? [
          {
            field: 'disqualifiedReason',
            met: (d: Doc) => Boolean(String(d.disqualifiedReason ?? '').trim()),
          },
        ]
      : [],
};

function contractFacts(after: Doc, facts: RuleFacts): ContractFacts {
  const delivery =
    typeof after.deliveryId === 'string' ? facts.record('deliveries', after.deliveryId) : undefined;
  const invoices = facts
    .referencing('invoices', 'contractId', String(after.id))
    .filter((invoice) => invoice.archived !== true);
  return {
    deliveryAccepted: delivery?.stage === 'accepted',
    invoicesPaid: invoices.every((invoice) => invoice.stage === 'paid'),
  };
}

const contractRules: PhaseStageRules = {
  ...fixedStages('contract'),
  creationStage: () => 'draft',
  checkMove(_actor, step, facts) {
    const from = step.from as ContractStage;
    const to = step.to as ContractStage;
    const verdict = checkContractTransition(from, to);
    if (!verdict.allowed) return transitionRefused(from, to, verdict.reason);
    if (to === 'terminated') return reasonGiven(step, 'terminatedReason');
    if (!step.held) return ALLOWED;
    const candidate = { ...(step.after as unknown as Contract), stage: from };
    const missing = missingForContractMove(candidate, to, contractFacts(step.after, facts));
    return combine(
      missing.map((req) =>
        req === 'deliveryAccepted' || req === 'invoicesPaid'
          ? refuse('gateFacts', req, { stage: to })
          : refuse('gateFields', req, { stage: to }),
      ),
    );
  },
  held: (doc) =>
    heldContractRequirements(doc.stage as ContractStage).map((req) => ({
      field: req,
      met: (d: Doc) =>
        contractRequirementMet(d as unknown as Contract, req, {
          deliveryAccepted: true,
          invoicesPaid: true,
        }),
    })),
};

const deliveryRules: PhaseStageRules = {
  ...fixedStages('delivery'),
  creationStage: () => 'planned',
  checkMove(_actor, step) {
    const verdict = checkTransition(
      'delivery',
      step.from as DeliveryStage,
      step.to as DeliveryStage,
    );
    if (!verdict.allowed) return transitionRefused(step.from, step.to, verdict.reason);
    if (!step.held) return ALLOWED;
    const candidate = { ...(step.after as unknown as Delivery), stage: step.from as DeliveryStage };
    return combine(
      missingForDeliveryMove(candidate, step.to as DeliveryStage).map((req) =>
        refuse('gateFields', req, { stage: step.to }),
      ),
    );
  },
  held: (doc) =>
    heldDeliveryRequirements(doc.stage as DeliveryStage).map((req) => ({
      field: req,
      met: (d: Doc) => deliveryRequirementMet(d as unknown as Delivery, req),
    })),
};

/** Issued and paid stages: the money decides between them (shared/domain/collections.ts). */
const MONEY_STAGES = ['invoiced', 'partiallyPaid', 'paid'];

const invoiceRules: PhaseStageRules = {
  ...fixedStages('invoice'),
  creationStage: () => 'scheduled',
  checkMove(_actor, step) {
    const issue = step.from === 'scheduled' && step.to === 'invoiced';
    const settle = MONEY_STAGES.includes(step.from) && MONEY_STAGES.includes(step.to);
    if (issue || settle) return ALLOWED;
    return transitionRefused(
      step.from,
      step.to,
      step.from === 'paid' ? 'fromTerminal' : 'systemOnly',
    );
  },
  held: () => [],
  consistent(doc) {
    if (!MONEY_STAGES.includes(String(doc.stage))) return ALLOWED;
    const invoice = doc as unknown as Invoice;
    return stageForPaid(invoice.amount, invoice.paid) === invoice.stage
      ? ALLOWED
      : refuse('paidMismatch', 'paid', { stage: invoice.stage });
  },
};

export const PHASE_STAGE_RULES: Record<Phase, PhaseStageRules> = {
  lead: leadRules,
  opportunity: opportunityRules,
  contract: contractRules,
  delivery: deliveryRules,
  invoice: invoiceRules,
};
