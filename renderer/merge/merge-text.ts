import type { TFunction } from 'i18next';
import type { CrmErrorData, MergeMoves, MergeValue } from '../../shared/api';
import { leadGrade, leadScore, MAX_LEAD_SCORE } from '../../shared/domain';
import { crmErrorText } from '../i18n/error-text';

/** A field value as the confirm dialog shows it: text as typed, a scorecard as its grade. */
export function mergeValueText(t: TFunction, value: MergeValue): string {
  if (typeof value === 'string') return value;
  return t('merge.scoreValue', {
    grade: t(`leads.grades.${leadGrade(value)}`),
    score: leadScore(value),
    max: MAX_LEAD_SCORE,
  });
}

const MOVE_ORDER = [
  'contacts',
  'leads',
  'opportunities',
  'contracts',
  'deliveries',
  'invoices',
  'activities',
] as const;

/** "2 个商机、1 份合同": what a merge moves, in a fixed order. */
export function movesText(t: TFunction, moves: MergeMoves): string {
  return MOVE_ORDER.filter((key) => (moves[key] ?? 0) > 0)
    .map((key) => t(`merge.moves.${key}`, { count: moves[key] ?? 0 }))
    .join(t('errors.listSeparator'));
}

/**
 * A refused merge in merge words: the core names the argument at fault (shared/core/merge-records.ts)
 * and this turns it into the sentence that says why; anything else reads as everywhere else.
 */
export function mergeErrorText(t: TFunction, error: CrmErrorData): string {
  if (error.type === 'ValidationError' && error.fields.length === 1) {
    const [issue] = error.fields;
    if (issue?.field === 'targetId' && issue.code === 'invalid') return t('merge.errors.self');
    if (issue?.field === 'targetId' && issue.code === 'notFound') {
      return t('merge.errors.targetGone');
    }
    if ((issue?.field === 'sourceId' || issue?.field === 'id') && issue.code === 'notFound') {
      return issue.field === 'id' ? t('merge.errors.targetGone') : t('merge.errors.sourceGone');
    }
    if (issue?.field === 'ownerId' && issue.code === 'invalid') return t('merge.errors.notOwner');
    if (issue?.field === 'accountId' && issue.code === 'invalid') {
      return t('merge.errors.otherAccount');
    }
  }
  return crmErrorText(t, error);
}
