import type { LeadCard } from '../../shared/api';
import type { DragWords } from '../stage-board/dnd';
import { draggedStageCard } from '../stage-board/StageCard';
import { leadStageName } from './lead-text';

/** How a dragged lead is announced: by its company, in the leads' own sentences. */
export const LEAD_DRAG: DragWords<LeadCard> = {
  keys: 'leads.dnd',
  param: 'company',
  instructions: 'leads.dnd.instructions',
  dragged: draggedStageCard<LeadCard>,
  nameOf: (card) => card.company,
  stageOf: (card) => card.stage,
  stageName: leadStageName,
};
