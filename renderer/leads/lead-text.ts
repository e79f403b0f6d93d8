import type { TFunction } from 'i18next';
import type { CrmErrorData } from '../../shared/api';
import { isStageOf, openStages, PHASE_DEFINITIONS, type LeadGrade } from '../../shared/domain';

export type LeadMoveRefusal = Extract<CrmErrorData, { type: 'TransitionNotAllowed' }>;

export function leadStageName(t: TFunction, stage: string): string {
  return isStageOf('lead', stage) ? t(`leads.stages.${stage}`) : stage;
}

export function gradeName(t: TFunction, grade: LeadGrade): string {
  return t(`leads.grades.${grade}`);
}

/** Hot is red as in "hot", warm amber, cold blue-grey: the colours a sales floor already uses. */
export const GRADE_COLOURS: Record<LeadGrade, { fg: string; bg: string }> = {
  hot: { fg: '#b3261e', bg: '#fdecea' },
  warm: { fg: '#8a5300', bg: '#fff4e0' },
  cold: { fg: '#3d5a80', bg: '#e8eef6' },
};

/** Why the lead board's transition rules refused a move, saying what is allowed instead. */
export function leadTransitionText(t: TFunction, error: LeadMoveRefusal): string {
  const from = leadStageName(t, error.from);
  const to = leadStageName(t, error.to);
  switch (error.reason) {
    case 'sameStage':
      return t('leads.move.sameStage', { to });
    case 'fromTerminal': {
      const reopen = isStageOf('lead', error.from)
        ? PHASE_DEFINITIONS.lead.reopen[error.from]
        : undefined;
      return reopen
        ? t('leads.move.fromTerminalReopen', { from, reopen: leadStageName(t, reopen) })
        : t('leads.move.fromTerminal', { from, to });
    }
    case 'systemOnly':
      return t('leads.move.systemOnly', { to });
    case 'notAdjacentTerminal': {
      const open = openStages('lead');
      return t('leads.move.notAdjacentTerminal', {
        last: leadStageName(t, open[open.length - 1] ?? 'qualified'),
      });
    }
    default:
      return t('leads.move.unknown', { from, to });
  }
}
