import type { TFunction } from 'i18next';
import type { CrmErrorData } from '../../shared/api';
import { isStageOf, isTerminal, openStages, type Phase } from '../../shared/domain';
import type { StageBoardPhase } from '../stage-board/StageBoard';

type TransitionNotAllowed = Extract<CrmErrorData, { type: 'TransitionNotAllowed' }>;

/** The two boards of contract execution that this folder draws. */
export type ContractingPhase = Extract<Phase, 'contract' | 'delivery'>;

export function contractStageName(t: TFunction, stage: string): string {
  return isStageOf('contract', stage) ? t(`contracts.stages.${stage}`) : stage;
}

export function deliveryStageName(t: TFunction, stage: string): string {
  return isStageOf('delivery', stage) ? t(`delivery.stages.${stage}`) : stage;
}

export function stageNameOf(t: TFunction, phase: ContractingPhase, stage: string): string {
  return phase === 'contract' ? contractStageName(t, stage) : deliveryStageName(t, stage);
}

const CONTRACT_MISSING = new Set([
  'lineItems',
  'paymentPlan',
  'paymentPlanBalanced',
  'signedOn',
  'deliveryAccepted',
  'invoicesPaid',
  'terminatedReason',
]);

/** One missing gate requirement as a checklist line. */
export function missingTextOf(t: TFunction, phase: ContractingPhase, requirement: string): string {
  if (phase === 'contract') {
    return CONTRACT_MISSING.has(requirement)
      ? t(`contracts.missing.${requirement as 'lineItems'}`)
      : requirement;
  }
  return requirement === 'milestonesDone' || requirement === 'acceptedOn'
    ? t(`delivery.missing.${requirement}`)
    : requirement;
}

/** Why a stage rule refused a move, in words that say what is allowed instead. */
export function transitionTextOf(
  t: TFunction,
  phase: ContractingPhase,
  error: TransitionNotAllowed,
): string {
  const from = stageNameOf(t, phase, error.from);
  const to = stageNameOf(t, phase, error.to);
  const open = openStages(phase);
  const last = stageNameOf(t, phase, open[open.length - 1] ?? '');
  const section = phase === 'contract' ? 'contracts' : 'delivery';
  switch (error.reason) {
    case 'sameStage':
      return t(`${section}.transition.sameStage`, { to });
    case 'fromTerminal':
      return t(`${section}.transition.fromTerminal`, { from });
    case 'notAdjacentTerminal':
      return t(`${section}.transition.notAdjacentTerminal`, { last, to });
    case 'afterSigning':
      return t('contracts.transition.afterSigning', { to });
    case 'systemOnly':
      return t('contracts.transition.systemOnly', { to });
    default:
      return t(`${section}.transition.unknown`, { from, to });
  }
}

/** The contract board to the generic stage board: six stages fit a 1366-px laptop screen. */
export const CONTRACT_BOARD: StageBoardPhase = {
  section: 'contracts',
  collection: 'contracts',
  stageName: contractStageName,
  isOpen: (stage) => isStageOf('contract', stage) && !isTerminal('contract', stage),
  columnBasis: 176,
};

/** The delivery board to the generic stage board: its four stages get more room. */
export const DELIVERY_BOARD: StageBoardPhase = {
  section: 'delivery',
  collection: 'deliveries',
  stageName: deliveryStageName,
  isOpen: (stage) => isStageOf('delivery', stage) && !isTerminal('delivery', stage),
  columnBasis: 200,
};
