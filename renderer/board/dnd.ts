import type { OpportunityCard } from '../../shared/api';
import { stageName } from '../i18n/error-text';
import type { DragWords } from '../stage-board/dnd';

/** What a draggable card carries, so announcements and drops need no lookup. */
export interface CardDragData {
  card: OpportunityCard;
}

export function draggedCard(data: {
  current?: Record<string, unknown> | undefined;
}): OpportunityCard | undefined {
  return (data.current as Partial<CardDragData> | undefined)?.card;
}

/** How a dragged opportunity is announced: by its title, in the board's own sentences. */
export const OPPORTUNITY_DRAG: DragWords<OpportunityCard> = {
  keys: 'dnd',
  instructions: 'dnd.instructions',
  dragged: draggedCard,
  nameOf: (card) => card.title,
  stageOf: (card) => card.stage,
  stageName,
};
