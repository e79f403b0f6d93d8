import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { toCrmErrorData } from '../../shared/api';
import { useNotify } from '../app/notifier';
import { crmErrorText } from '../i18n/error-text';
import { isStageRefusal, type StageRefusal } from './contract-text';
import { useLandedCard } from '../board/use-take-focus';

/** A refused move, kept with the stage the card was in, so it shows only while the card is there. */
export interface StageMoveProblem {
  from: string;
  error: StageRefusal;
}

/** What a dialog adds to a move: the signing date, a reason, the acceptance date. */
export type MoveExtra = Record<string, string>;

interface MovableCard {
  id: string;
  stage: string;
}

const without = <V>(map: ReadonlyMap<string, V>, key: string) => {
  const next = new Map(map);
  next.delete(key);
  return next;
};

/**
 * Moving cards on the contract and delivery boards, as on the other boards: nothing moves
 * optimistically, and a refusal (a gate not met, a rule) is explained on the card that stayed
 * put. `ask` takes the moves that need a dialog first (signing date, reason, acceptance date)
 * and returns true when it opened one; `send` runs the move and says what happened.
 */
export function useStageMove<C extends MovableCard, S extends string>(options: {
  ask(card: C, to: S): boolean;
  send(card: C, to: S, extra: MoveExtra): Promise<string>;
}) {
  const { t } = useTranslation();
  const notify = useNotify();
  const [pending, setPending] = useState<ReadonlySet<string>>(new Set());
  const [problems, setProblems] = useState<ReadonlyMap<string, StageMoveProblem>>(new Map());
  const { lastMovedId, landed, focusTaken } = useLandedCard();
  const { ask, send } = options;

  /** Runs a move (from a drop, the menu or a dialog); a dialog rethrows to show the error itself. */
  const perform = useCallback(
    async (card: C, to: S, extra: MoveExtra = {}, fromDialog = false): Promise<void> => {
      setPending((prev) => new Set(prev).add(card.id));
      try {
        notify(await send(card, to, extra));
        landed(card.id);
      } catch (error) {
        const data = toCrmErrorData(error);
        if (fromDialog && data.type !== 'GateBlocked') throw error;
        if (isStageRefusal(data)) {
          setProblems((prev) => new Map(prev).set(card.id, { from: card.stage, error: data }));
          if (fromDialog) return;
        } else notify(crmErrorText(t, data), 'error');
      } finally {
        setPending((prev) => {
          const next = new Set(prev);
          next.delete(card.id);
          return next;
        });
      }
    },
    [landed, notify, send, t],
  );

  const request = useCallback(
    (card: C, to: S) => {
      if (to === card.stage) return;
      setProblems((prev) => without(prev, card.id));
      if (ask(card, to)) return;
      void perform(card, to);
    },
    [ask, perform],
  );

  const dismissProblem = useCallback((id: string) => setProblems((prev) => without(prev, id)), []);
  /** What a card shows of its moves; a refusal only while the card is still where it was refused. */
  const stateOf = (card: C) => {
    const problem = problems.get(card.id);
    return {
      moving: pending.has(card.id),
      problem: problem?.from === card.stage ? problem : undefined,
      takeFocus: lastMovedId === card.id,
      onFocusTaken: focusTaken,
    };
  };
  return { request, perform, pending, problems, dismissProblem, stateOf, lastMovedId };
}
