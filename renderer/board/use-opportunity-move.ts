import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { OpportunityCard } from '../../shared/api';
import { checkPipelineTransition, evaluateGate, type Pipeline } from '../../shared/domain';
import { useCrm } from '../api/crm-context';
import { isMoveRefusal, stageName, type MoveRefusal } from '../i18n/error-text';
import { useMoveState, type MoveProblem as KeptRefusal } from '../stage-board/use-move-state';

/** A refused move, kept with the stage the card was in, so it shows only while the card is still there. */
export type MoveProblem = KeptRefusal<MoveRefusal>;

/**
 * Moving cards. Nothing is moved optimistically: the card stays in its column until the core has
 * written the move and the live board shows it, so a refused move never makes a card jump back.
 * A refusal (gate, transition rule) is kept per card and explained on the card itself.
 */
export function useOpportunityMove(pipeline: Pick<Pipeline, 'stages' | 'wonGate'>) {
  const { t } = useTranslation();
  const api = useCrm();
  const moves = useMoveState(isMoveRefusal);
  const { run, dismissProblem } = moves;
  const [askingLostReason, setAskingLostReason] = useState<OpportunityCard | null>(null);
  /** A move into a gated stage, waiting for the gate dialog (the card id: the board has it live). */
  const [gate, setGate] = useState<{ cardId: string; to: string } | null>(null);

  const perform = useCallback(
    (
      card: OpportunityCard,
      to: string,
      extra: { lostReason?: string; checklist?: string[] } = {},
    ) => {
      dismissProblem(card.id);
      return run(card, async () => {
        await api.invoke('opportunities/move', { id: card.id, to, ...extra });
        return t('move.moved', { title: card.title, stage: stageName(t, to) });
      });
    },
    [api, dismissProblem, run, t],
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
        dismissProblem(card.id);
        setGate({ cardId: card.id, to });
        return;
      }
      void perform(card, to);
    },
    [dismissProblem, perform, pipeline],
  );

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

  // The kit's move state (pending, problems, the landed card), with this board's own steps.
  return {
    ...moves,
    request,
    askingLostReason,
    confirmLost,
    cancelLost: () => setAskingLostReason(null),
    gate,
    confirmGate,
    cancelGate: () => setGate(null),
  };
}
