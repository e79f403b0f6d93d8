import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { toCrmErrorData, type OpportunityCard } from '../../shared/api';
import { checkPipelineTransition, evaluateGate, type Pipeline } from '../../shared/domain';
import { useCrm } from '../api/crm-context';
import { useNotify } from '../app/notifier';
import { crmErrorText, isMoveRefusal, stageName, type MoveRefusal } from '../i18n/error-text';
import { useLandedCard } from './use-take-focus';

/** A refused move, kept with the stage the card was in, so it shows only while the card is still there. */
export interface MoveProblem {
  from: string;
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
export function useOpportunityMove(pipeline: Pick<Pipeline, 'stages' | 'wonGate'>) {
  const { t } = useTranslation();
  const api = useCrm();
  const notify = useNotify();
  const [pending, setPending] = useState<ReadonlyMap<string, string>>(new Map());
  const [problems, setProblems] = useState<ReadonlyMap<string, MoveProblem>>(new Map());
  const [askingLostReason, setAskingLostReason] = useState<OpportunityCard | null>(null);
  const { lastMovedId, landed, focusTaken } = useLandedCard();
  /** A move into a gated stage, waiting for the gate dialog (the card id: the board has it live). */
  const [gate, setGate] = useState<{ cardId: string; to: string } | null>(null);

  const perform = useCallback(
    async (
      card: OpportunityCard,
      to: string,
      extra: { lostReason?: string; checklist?: string[] } = {},
    ) => {
      setPending((prev) => new Map(prev).set(card.id, to));
      setProblems((prev) => without(prev, card.id));
      try {
        await api.invoke('opportunities/move', { id: card.id, to, ...extra });
        landed(card.id);
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
    [api, landed, notify, t],
  );

  /**
   * Drop or menu choice: Lost first asks why, a gated stage first shows its gate (both only when
   * the move is allowed at all); the rest go straight to the core, which explains any refusal.
   */
  const request = useCallback(
    (card: OpportunityCard, to: string) => {
      if (to === card.stage) return;
      const allowed = checkPipelineTransition(pipeline, card.stage, to).allowed;
      if (allowed && to === 'lost') {
        setAskingLostReason(card);
        return;
      }
      // The gate dialog only when the person has something to do: a field, a tick, an approval.
      const gate = allowed ? evaluateGate(pipeline, card, to) : undefined;
      if (gate && (!gate.met || gate.checklist.length > 0)) {
        setProblems((prev) => without(prev, card.id));
        setGate({ cardId: card.id, to });
        return;
      }
      void perform(card, to);
    },
    [perform, pipeline],
  );

  const dismissProblem = useCallback((id: string) => setProblems((prev) => without(prev, id)), []);
  const confirmLost = (reason: string) => {
    const card = askingLostReason;
    setAskingLostReason(null);
    if (card) void perform(card, 'lost', { lostReason: reason });
  };
  const confirmGate = (card: OpportunityCard, checklist: string[]) => {
    const to = gate?.to;
    setGate(null);
    if (to) void perform(card, to, { checklist });
  };

  return {
    request,
    pending,
    problems,
    dismissProblem,
    askingLostReason,
    confirmLost,
    cancelLost: () => setAskingLostReason(null),
    gate,
    confirmGate,
    cancelGate: () => setGate(null),
    /** The card a move just landed: it takes the focus back in its new column, once. */
    lastMovedId,
    focusTaken,
  };
}
