import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { toCrmErrorData, type LeadCard } from '../../shared/api';
import { checkTransition, type LeadStage } from '../../shared/domain';
import { useCrm } from '../api/crm-context';
import { useNotify } from '../app/notifier';
import { crmErrorText } from '../i18n/error-text';
import { leadStageName, type LeadMoveRefusal } from './lead-text';
import { useLandedCard } from '../board/use-take-focus';

/** A refused move, kept with the stage the card was in, so it shows only while the card is there. */
export interface LeadMoveProblem {
  from: LeadStage;
  error: LeadMoveRefusal;
}

const without = <V>(map: ReadonlyMap<string, V>, key: string) => {
  const next = new Map(map);
  next.delete(key);
  return next;
};

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
  const notify = useNotify();
  const [pending, setPending] = useState<ReadonlySet<string>>(new Set());
  const [problems, setProblems] = useState<ReadonlyMap<string, LeadMoveProblem>>(new Map());
  const { lastMovedId, landed, focusTaken } = useLandedCard();
  const { convert, disqualify } = handlers;

  const refuse = useCallback((card: LeadCard, error: LeadMoveRefusal) => {
    setProblems((prev) => new Map(prev).set(card.id, { from: card.stage, error }));
  }, []);

  const request = useCallback(
    (card: LeadCard, to: LeadStage) => {
      if (to === card.stage) return;
      setProblems((prev) => without(prev, card.id));
      if (to === 'converted') {
        // Conversion leaves Qualified only; said here, before a dialog the core would refuse.
        if (card.stage === 'qualified') return convert(card);
        const terminal = card.stage === 'disqualified';
        return refuse(card, {
          type: 'TransitionNotAllowed',
          message: 'conversion needs a qualified lead',
          phase: 'lead',
          from: card.stage,
          to,
          reason: terminal ? 'fromTerminal' : 'notAdjacentTerminal',
        });
      }
      if (to === 'disqualified' && checkTransition('lead', card.stage, to).allowed) {
        return disqualify(card);
      }
      setPending((prev) => new Set(prev).add(card.id));
      api
        .invoke('leads/move', { id: card.id, to })
        .then(() => {
          landed(card.id);
          notify(t('leads.move.moved', { company: card.company, stage: leadStageName(t, to) }));
        })
        .catch((error: unknown) => {
          const data = toCrmErrorData(error);
          if (data.type === 'TransitionNotAllowed') refuse(card, data);
          else notify(crmErrorText(t, data), 'error');
        })
        .finally(() =>
          setPending((prev) => {
            const next = new Set(prev);
            next.delete(card.id);
            return next;
          }),
        );
    },
    [api, convert, disqualify, landed, notify, refuse, t],
  );

  const dismissProblem = useCallback((id: string) => setProblems((prev) => without(prev, id)), []);
  return { request, pending, problems, dismissProblem, lastMovedId, focusTaken };
}
