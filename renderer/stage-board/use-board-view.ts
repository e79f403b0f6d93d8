import { useMemo } from 'react';
import { useCurrentUserId } from '../api/crm-context';
import {
  activeFilterCount,
  cardMatcher,
  columnFigures,
  type BoardFields,
  type ColumnFigures,
} from './board-filter';
import { useBoardTools, type BoardTools } from './board-prefs';

/** One stage as the core sends it: the stage and all its cards. */
export interface RawColumn<C, S extends string = string> {
  stage: S;
  cards: C[];
}

/** One stage as the board draws it: the cards the filters leave, and what they add up to. */
export type ShownColumn<C, S extends string = string> = ColumnFigures<C> & { stage: S };

export interface BoardView<C, S extends string> {
  tools: BoardTools;
  me: string | undefined;
  /** Filters are on. */
  filtered: boolean;
  columns: ShownColumn<C, S>[] | undefined;
  /** Every card before filters (the toolbar's owners, accounts and "of N" come from them). */
  allCards: C[];
  /** Every card the filters leave, column after column. */
  shownCards: C[];
}

/**
 * The board tools (renderer/board) applied to one phase board: its stored filter, WIP limits and
 * aging threshold, and its columns filtered and totalled, so the contract, delivery and
 * collections boards filter exactly as the leads and opportunity boards do.
 */
export function useBoardView<C, S extends string>(
  boardId: string,
  raw: readonly RawColumn<C, S>[] | undefined,
  fields: BoardFields<C>,
): BoardView<C, S> {
  const tools = useBoardTools(boardId);
  const me = useCurrentUserId();
  const { filter } = tools;
  const matches = useMemo(() => cardMatcher(filter, fields, me), [filter, fields, me]);
  const columns = useMemo(
    () => raw?.map((c) => ({ stage: c.stage, ...columnFigures(c.cards, matches, fields.amount) })),
    [raw, matches, fields],
  );
  const allCards = useMemo(() => raw?.flatMap((c) => c.cards) ?? [], [raw]);
  const shownCards = useMemo(() => columns?.flatMap((c) => c.cards) ?? [], [columns]);
  return {
    tools,
    me,
    filtered: activeFilterCount(filter) > 0,
    columns,
    allCards,
    shownCards,
  };
}
