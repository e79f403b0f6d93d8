import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { toCrmErrorData, type CrmErrorData } from '../../shared/api';
import { useNotify } from '../app/notifier';
import { crmErrorText } from '../i18n/error-text';
import { useLandedCard } from './use-take-focus';

/** A refused move, kept with the stage the card was in, so it shows only while the card is there. */
export interface MoveProblem<E, S extends string = string> {
  from: S;
  error: E;
}

interface MovableCard<S extends string> {
  id: string;
  stage: S;
}

const without = <V>(map: ReadonlyMap<string, V>, key: string) => {
  const next = new Map(map);
  next.delete(key);
  return next;
};

/**
 * What every board's move hook keeps about its moves: the cards being moved, the refusals kept
 * on the cards that stayed put, and the card a move just landed (it takes the focus back).
 * Nothing moves optimistically: a card stays in its column until the core has written the move.
 */
export function useMoveState<E extends CrmErrorData, S extends string = string>(
  isRefusal: (error: CrmErrorData) => error is E,
) {
  const { t } = useTranslation();
  const notify = useNotify();
  const [pending, setPending] = useState<ReadonlySet<string>>(new Set());
  const [problems, setProblems] = useState<ReadonlyMap<string, MoveProblem<E, S>>>(new Map());
  const { lastMovedId, landed, focusTaken } = useLandedCard();

  const refuse = useCallback((card: MovableCard<S>, error: E) => {
    setProblems((prev) => new Map(prev).set(card.id, { from: card.stage, error }));
  }, []);
  const dismissProblem = useCallback((id: string) => setProblems((prev) => without(prev, id)), []);

  /**
   * Runs one move: `send` writes it and returns what to say; a refusal (isRefusal) stays on the
   * card, any other error is said in a toast. `rethrow` hands an error back to a dialog that
   * shows it itself.
   */
  const run = useCallback(
    async (
      card: MovableCard<S>,
      send: () => Promise<string>,
      rethrow?: (error: CrmErrorData) => boolean,
    ): Promise<void> => {
      setPending((prev) => new Set(prev).add(card.id));
      try {
        notify(await send());
        landed(card.id);
      } catch (error) {
        const data = toCrmErrorData(error);
        if (rethrow?.(data)) throw error;
        if (isRefusal(data)) refuse(card, data);
        else notify(crmErrorText(t, data), 'error');
      } finally {
        setPending((prev) => {
          const next = new Set(prev);
          next.delete(card.id);
          return next;
        });
      }
    },
    [isRefusal, landed, notify, refuse, t],
  );

  /** The refusal a card shows: only while it is still in the stage it was refused from. */
  const problemOf = (card: MovableCard<S>) => {
    const problem = problems.get(card.id);
    return problem?.from === card.stage ? problem : undefined;
  };
  return { pending, problems, refuse, dismissProblem, run, problemOf, lastMovedId, focusTaken };
}
