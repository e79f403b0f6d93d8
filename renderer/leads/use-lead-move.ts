import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import type { CrmErrorData, LeadCard } from '../../shared/api';
import { checkTransition, conversionRefusal, type LeadStage } from '../../shared/domain';
import { useCrm } from '../api/crm-context';
import { useMoveState, type MoveProblem } from '../stage-board/use-move-state';
import { leadStageName, type LeadMoveRefusal } from './lead-text';

/** A refused move, kept with the stage the card was in, so it shows only while the card is there. */
export type LeadMoveProblem = MoveProblem<LeadMoveRefusal, LeadStage>;

const isLeadRefusal = (error: CrmErrorData): error is LeadMoveRefusal =>
  error.type === 'TransitionNotAllowed';

/**
 * Moving lead cards, as on the opportunity board: nothing moves optimistically, a refusal is
 * explained on the card that stayed put. Two targets are not plain moves: Converted opens the
 * conversion dialog and Disqualified asks for the reason first; both leave the card in place if
 * cancelled.
 */
export function useLeadMove(handlers: {
  convert(card: LeadCard): void;
  disqualify(card: LeadCard): void;
}) {
  const { t } = useTranslation();
  const api = useCrm();
  const moves = useMoveState<LeadMoveRefusal, LeadStage>(isLeadRefusal);
  const { run, refuse, dismissProblem } = moves;
  const { convert, disqualify } = handlers;

  const request = useCallback(
    (card: LeadCard, to: LeadStage) => {
      if (to === card.stage) return;
      dismissProblem(card.id);
      if (to === 'converted') {
        // Said here, before a dialog the core would refuse, by the core's own rule.
        const refusal = conversionRefusal(card);
        return refusal ? refuse(card, refusal) : convert(card);
      }
      if (to === 'disqualified' && checkTransition('lead', card.stage, to).allowed) {
        return disqualify(card);
      }
      void run(card, async () => {
        await api.invoke('leads/move', { id: card.id, to });
        return t('leads.move.moved', { company: card.company, stage: leadStageName(t, to) });
      });
    },
    [api, convert, disqualify, dismissProblem, refuse, run, t],
  );

  // The kit's move state (pending, problems, the landed card), with the leads' own request.
  return { ...moves, request };
}
