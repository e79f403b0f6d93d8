import { memo } from 'react';
import { useTranslation } from 'react-i18next';
import type { OpportunityCard } from '../../shared/api';
import { ApprovalChip } from '../pipelines/ApprovalChip';
import { CardBody } from './CardBody';
import { isAging } from './card-facts';
import { MoveMenu } from './MoveMenu';
import { MoveProblemAlert } from './MoveProblemAlert';
import type { MoveProblem } from './use-opportunity-move';
import { useRecordAccess } from '../access/use-actor';
import { ReadOnlyMark } from '../access/ReadOnlyMark';
import { CardTitle } from '../stage-board/CardParts';
import { StageCard } from '../stage-board/StageCard';

interface BoardCardProps {
  card: OpportunityCard;
  now: number;
  owner: string;
  moving: boolean;
  problem: MoveProblem | undefined;
  takeFocus: boolean;
  onOpen(card: OpportunityCard): void;
  onMove(card: OpportunityCard, to: string): void;
  onFixProblem(card: OpportunityCard, problem: MoveProblem): void;
  onDismissProblem(id: string): void;
  onFocusTaken(): void;
  /** The board's aging threshold in days (board tools); the default one when absent. */
  agingDays?: number;
}

/**
 * One opportunity on the board, in the kit's card frame (drag handle, opening, landed-card focus):
 * its body, approval chip, "Move to…" menu and, for a refused move, what to do about it.
 */
export const BoardCard = memo(function BoardCard(props: BoardCardProps) {
  const { card, problem, onOpen } = props;
  const { t } = useTranslation();
  // A colleague's deal is the rep's to look at only: no drag, no menu (the rulebook's answer).
  const { canEdit } = useRecordAccess('opportunities', card);
  const aging = isAging(card, props.now, props.agingDays);
  return (
    <StageCard
      card={card}
      collection="opportunities"
      draggable={canEdit}
      roleDescription={t('dnd.roleDescription')}
      label={t('card.label', { title: card.title })}
      moving={props.moving}
      movingLabel={t('card.moving')}
      warn={Boolean(problem)}
      aged={aging}
      takeFocus={props.takeFocus}
      onFocusTaken={props.onFocusTaken}
      refusal={
        problem && (
          <MoveProblemAlert
            problem={problem}
            onFix={() => props.onFixProblem(card, problem)}
            onDismiss={() => props.onDismissProblem(card.id)}
          />
        )
      }
      sx={{
        transition: 'box-shadow 120ms, border-color 120ms',
        '&:hover': { boxShadow: 2, borderColor: problem ? 'warning.main' : 'grey.400' },
      }}
      data={{ 'data-opportunity-id': card.id }}
      onOpen={() => onOpen(card)}
    >
      <CardBody
        card={card}
        now={props.now}
        owner={props.owner}
        agingDays={props.agingDays}
        title={
          <CardTitle
            label={t('card.open', { title: card.title })}
            // Two lines at most, in the text's colour (the overlay's title is plain text).
            sx={{
              color: 'text.primary',
              WebkitLineClamp: 2,
              WebkitBoxOrient: 'vertical',
              '&.Mui-focusVisible': { outline: '2px solid', outlineColor: 'primary.main' },
            }}
            style={{ display: '-webkit-box', overflow: 'hidden' }}
          >
            {card.title}
          </CardTitle>
        }
        actions={
          canEdit ? (
            <MoveMenu card={card} onMove={(to) => props.onMove(card, to)} />
          ) : (
            <ReadOnlyMark ownerName={card.ownerName} />
          )
        }
      />
      <ApprovalChip card={card} />
    </StageCard>
  );
});
