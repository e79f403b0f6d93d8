import { useCallback } from 'react';
import { isMoveRefusal, type MoveRefusal } from '../i18n/error-text';
import { useMoveState, type MoveProblem } from './use-move-state';

/** A refused move, kept with the stage the card was in, so it shows only while the card is there. */
export type StageMoveProblem = MoveProblem<MoveRefusal>;

/** What a dialog adds to a move: the signing date, a reason, the acceptance date. */
export type MoveExtra = Record<string, string>;

interface MovableCard {
  id: string;
  stage: string;
}

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
  const moves = useMoveState(isMoveRefusal);
  const { run, dismissProblem, pending, problems, lastMovedId } = moves;
  const { ask, send } = options;

  /** Runs a move (from a drop, the menu or a dialog); a dialog rethrows to show the error itself. */
  const perform = useCallback(
    (card: C, to: S, extra: MoveExtra = {}, fromDialog = false): Promise<void> =>
      run(
        card,
        () => send(card, to, extra),
        fromDialog ? (error) => error.type !== 'GateBlocked' : undefined,
      ),
    [run, send],
  );

  const request = useCallback(
    (card: C, to: S) => {
      if (to === card.stage) return;
      dismissProblem(card.id);
      if (ask(card, to)) return;
      void perform(card, to);
    },
    [ask, dismissProblem, perform],
  );

  /** What a card shows of its moves; a refusal only while the card is still where it was refused. */
  const stateOf = (card: C) => ({
    moving: pending.has(card.id),
    problem: moves.problemOf(card),
    takeFocus: lastMovedId === card.id,
    onFocusTaken: moves.focusTaken,
  });
  return { request, perform, pending, problems, dismissProblem, stateOf, lastMovedId };
}
