import type { OpportunityCard } from '../../shared/api';
import { stageName } from '../i18n/error-text';
import type { DragWords } from '../stage-board/dnd';
import { draggedStageCard } from '../stage-board/StageCard';

/** How a dragged opportunity is announced: by its title, in the board's own sentences. */
export const OPPORTUNITY_DRAG: DragWords<OpportunityCard> = {
  keys: 'dnd',
  instructions: 'dnd.instructions',
  dragged: draggedStageCard<OpportunityCard>,
  nameOf: (card) => card.title,
  stageOf: (card) => card.stage,
  stageName,
};
