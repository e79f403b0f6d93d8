import type { OpportunityCard } from '../../shared/api';
import { addToTotals, percentOf, type MoneyTotals } from '../../shared/domain';

/** An opportunity column's header figures for the cards the board's filters leave. */
export interface ShownFigures {
  count: number;
  total: MoneyTotals;
  /** Amount × each card's own probability, per currency (as the board query computes it). */
  weighted: MoneyTotals;
}

export function opportunityFigures(cards: readonly OpportunityCard[]): ShownFigures {
  let total: MoneyTotals = [];
  let weighted: MoneyTotals = [];
  for (const card of cards) {
    if (!card.amount) continue;
    total = addToTotals(total, card.amount);
    weighted = addToTotals(weighted, percentOf(card.amount, card.probability));
  }
  return { count: cards.length, total, weighted };
}

/** What BoardColumn needs from the board tools; without it the column shows the query's figures. */
export interface ColumnToolsProps {
  shown: ShownFigures;
  filtered: boolean;
  wipLimit?: number;
  onWipLimitChange?(limit: number | undefined): void;
  /** A card just moved here, to scroll into view in a long column (so it can take focus). */
  revealKey?: string;
}
