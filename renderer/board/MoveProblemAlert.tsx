import { useTranslation } from 'react-i18next';
import { gateMissingTexts, stageName, transitionText } from '../i18n/error-text';
import { RefusalNote } from '../stage-board/RefusalNote';
import type { MoveProblem } from './use-opportunity-move';

interface MoveProblemAlertProps {
  problem: MoveProblem;
  onFix(): void;
  onDismiss(): void;
}

/** Why an opportunity did not move: the gate's missing items and the fields that fix them, or the rule. */
export function MoveProblemAlert({ problem, onFix, onDismiss }: MoveProblemAlertProps) {
  const { t } = useTranslation();
  const { error } = problem;
  if (error.type !== 'GateBlocked') {
    return (
      <RefusalNote title={t('move.notAllowedTitle')} onDismiss={onDismiss}>
        {transitionText(t, error)}
      </RefusalNote>
    );
  }
  return (
    <RefusalNote
      title={t('move.blockedTitle', { stage: stageName(t, error.to) })}
      missing={gateMissingTexts(t, error)}
      // A lost reason alone is asked for by the Lost dialog, not by the record's fields.
      fix={
        error.missing.some((r) => r !== 'lostReason')
          ? { label: t('move.fillIn'), onClick: onFix }
          : undefined
      }
      onDismiss={onDismiss}
    />
  );
}
