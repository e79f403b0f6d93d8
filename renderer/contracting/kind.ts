import type { ComponentType } from 'react';
import { useTranslation } from 'react-i18next';
import { isStageOf, isTerminal } from '../../shared/domain';
import { daysInStage, ownerLabel } from '../board/card-facts';
import { useFormat } from '../i18n/format';
import type { StageBoardPhase, StageBoardRules } from '../stage-board/StageBoard';
import { isAged } from '../stage-board/board-filter';
import type { ContractingPhase } from './contract-text';

/** What the contracting boards need of a record to draw, drag and move its card. */
export interface ContractingRecord<S extends string = string> {
  id: string;
  title: string;
  stage: S;
  ownerId: string;
  ownerName: string;
  stageEnteredAt: number;
}

/** What a card body gets, on the board and on the drag overlay. */
export interface CardBodyProps<C> {
  card: C;
  now: number;
  /** The person's id: their own records say "me". */
  me?: string;
  /** The board's aging threshold: past it in an open stage, the days turn amber. */
  agingDays?: number;
}

/**
 * What a contracting phase (contracts, deliveries) tells the shared board and card about itself:
 * a module constant, so the memoised cards are not redrawn for it.
 */
export interface ContractingKind<C extends ContractingRecord<S>, S extends string> {
  phase: ContractingPhase;
  board: StageBoardPhase;
  /** Its stages, accents, filter fields and transition rules, as the kit's StageBoard takes them. */
  rules: StageBoardRules<C, S>;
  /** The first finished stage: the menu's divider goes above it. */
  firstTerminal: S;
  /** The lines under the title. */
  Body: ComponentType<CardBodyProps<C>>;
  /** Highlights the card (an unfinished signing). */
  warn?(card: C): boolean;
  /** Under the body on the board, not on the drag overlay: a next step ("finish signing"). */
  Extra?: ComponentType<{ card: C; onAction(card: C): void }>;
}

/** Past the board's aging threshold in an open stage (a finished record's days are history). */
export function agedIn(
  phase: ContractingPhase,
  card: ContractingRecord,
  now: number,
  agingDays: number | undefined,
): boolean {
  return (
    agingDays !== undefined &&
    isStageOf(phase, card.stage) &&
    !isTerminal(phase, card.stage) &&
    isAged(card.stageEnteredAt, now, agingDays)
  );
}

/** What every contracting card body starts from: words, formats, days in stage, the owner. */
export function useCardFacts(phase: ContractingPhase, props: CardBodyProps<ContractingRecord>) {
  const { t } = useTranslation();
  const format = useFormat();
  const { card, now, agingDays } = props;
  return {
    t,
    format,
    days: daysInStage(card, now),
    aged: agedIn(phase, card, now, agingDays),
    owner: ownerLabel(t, card, props.me),
  };
}
