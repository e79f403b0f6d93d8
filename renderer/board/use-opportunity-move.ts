import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { toCrmErrorData, type OpportunityCard } from '../../shared/api';
import { checkTransition, type OpportunityStage } from '../../shared/domain';
import { useCrm } from '../api/crm-context';
import { useNotify } from '../app/notifier';
import { crmErrorText, isMoveRefusal, stageName, type MoveRefusal } from '../i18n/error-text';

/** A refused move, kept with the stage the card was in, so it shows only while the card is still there. */
export interface MoveProblem {
  from: OpportunityStage;
  error: MoveRefusal;
}

const without = <V>(map: ReadonlyMap<string, V>, key: string) => {
  const next = new Map(map);
  next.delete(key);
  return next;
};

/**
 * Moving cards. Nothing is moved optimistically: the card stays in its column until the core has
 * written the move and the live board shows it, so a refused move never makes a card jump back.
 * A refusal (gate, transition rule) is kept per card and explained on the card itself.
 */
export function useOpportunityMove() {
  const { t } = useTranslation();
  const api = useCrm();
  const notify = useNotify();
  const [pending, setPending] = useState<ReadonlyMap<string, OpportunityStage>>(new Map());
  const [problems, setProblems] = useState<ReadonlyMap<string, MoveProblem>>(new Map());
  const [askingLostReason, setAskingLostReason] = useState<OpportunityCard | null>(null);
  const [lastMovedId, setLastMovedId] = useState<string | null>(null);

  const perform = useCallback(
    async (card: OpportunityCard, to: OpportunityStage, lostReason?: string) => {
      setPending((prev) => new Map(prev).set(card.id, to));
      setProblems((prev) => without(prev, card.id));
      try {
        await api.invoke(
          'opportunities/move',
          lostReason ? { id: card.id, to, lostReason } : { id: card.id, to },
        );
        setLastMovedId(card.id);
        notify(t('move.moved', { title: card.title, stage: stageName(t, to) }));
      } catch (error) {
        const data = toCrmErrorData(error);
        if (isMoveRefusal(data))
          setProblems((prev) => new Map(prev).set(card.id, { from: card.stage, error: data }));
        else notify(crmErrorText(t, data), 'error');
      } finally {
        setPending((prev) => without(prev, card.id));
      }
    },
    [api, notify, t],
  );

  /** Drop or menu choice: Lost first asks why (when Lost is reachable at all); the rest go straight to the core. */
  const request = useCallback(
    (card: OpportunityCard, to: OpportunityStage) => {
      if (to === card.stage) return;
      if (to === 'lost' && checkTransition('opportunity', card.stage, to).allowed) {
        setAskingLostReason(card);
        return;
      }
      void perform(card, to);
    },
    [perform],
  );

  const dismissProblem = useCallback((id: string) => setProblems((prev) => without(prev, id)), []);
  const focusTaken = useCallback(() => setLastMovedId(null), []);
  const confirmLost = (reason: string) => {
    const card = askingLostReason;
    setAskingLostReason(null);
    if (card) void perform(card, 'lost', reason);
  };

  return {
    request,
    pending,
    problems,
    dismissProblem,
    askingLostReason,
    confirmLost,
    cancelLost: () => setAskingLostReason(null),
    /** The card a move just landed: it takes the focus back in its new column, once. */
    lastMovedId,
    focusTaken,
  };
}
