import type { TFunction } from 'i18next';
import type { OpportunityCard } from '../../shared/api';
import { isTerminalStageKey } from '../../shared/domain';
import { AGING_DAYS } from '../stage-board/board-prefs';

const DAY_MS = 86_400_000;

export function daysInStage(card: Pick<OpportunityCard, 'stageEnteredAt'>, now: number): number {
  return Math.max(0, Math.floor((now - card.stageEnteredAt) / DAY_MS));
}

/** Won and lost deals are finished: their time in stage is history, not a warning. */
export function isAging(
  card: Pick<OpportunityCard, 'stage' | 'stageEnteredAt'>,
  now: number,
  /** The board's threshold (board tools), if the person changed it. */
  limit: number = AGING_DAYS,
): boolean {
  return !isTerminalStageKey(card.stage) && daysInStage(card, now) > limit;
}

/** An expected close date already behind us, on a deal still open. */
export function isOverdue(
  card: Pick<OpportunityCard, 'stage' | 'expectedClose'>,
  now: number,
): boolean {
  if (!card.expectedClose || isTerminalStageKey(card.stage)) return false;
  return card.expectedClose < new Date(now).toISOString().slice(0, 10);
}

/** "Me" for one's own records, in the current language; otherwise the owner's name. */
export function ownerLabel(
  t: TFunction,
  card: Pick<OpportunityCard, 'ownerId' | 'ownerName'>,
  me?: string,
): string {
  return me !== undefined && card.ownerId === me ? t('card.me') : card.ownerName;
}
