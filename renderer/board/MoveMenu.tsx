import { useTranslation } from 'react-i18next';
import type { OpportunityCard } from '../../shared/api';
import { stageName } from '../i18n/error-text';
import { useBoardStages } from '../pipelines/board-pipeline';
import { StageMoveMenu, type MenuWords } from '../stage-board/StageMoveMenu';

const MOVE_WORDS: MenuWords = {
  title: 'move.menuTitle',
  moveTo: 'move.menuTitle',
  current: 'move.current',
};

/**
 * "Move to…" on an opportunity: the open pipeline's stages (issue 5: each pipeline has its own)
 * with their win probabilities, Won and Lost below a divider.
 */
export function MoveMenu({ card, onMove }: { card: OpportunityCard; onMove(to: string): void }) {
  const { t } = useTranslation();
  const stages = useBoardStages();
  return (
    <StageMoveMenu
      label={t('move.menuLabel', { title: card.title })}
      words={MOVE_WORDS}
      icon="move"
      stages={stages.map(({ key, name, probability }) => ({
        key,
        name: name ?? stageName(t, key),
        note: `${probability}%`,
        dividerAbove: key === 'won',
      }))}
      current={card.stage}
      onMove={onMove}
    />
  );
}
