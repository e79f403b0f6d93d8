import { useDraggable } from '@dnd-kit/core';
import ButtonBase from '@mui/material/ButtonBase';
import Paper from '@mui/material/Paper';
import { memo, useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import type { OpportunityCard } from '../../shared/api';
import { ApprovalChip } from '../pipelines/ApprovalChip';
import { agedCardSx } from '../stage-board/AgingDays';
import { CardBody } from './CardBody';
import { isAging } from './card-facts';
import { MovingVeil, openUnlessAction } from '../stage-board/CardParts';
import { useListPosition } from '../stage-board/list-position';
import type { CardDragData } from './dnd';
import { MoveMenu } from './MoveMenu';
import { MoveProblemAlert } from './MoveProblemAlert';
import type { MoveProblem } from './use-opportunity-move';
import { useTakeFocus } from '../stage-board/use-take-focus';
import { useRecordAccess } from '../access/use-actor';
import { ReadOnlyMark } from '../access/ReadOnlyMark';
import { SyncProblemMark } from '../access/SyncProblemMark';

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
 * One opportunity on the board. The card itself is the drag handle (mouse: press and move a few
 * pixels; keyboard: Space/Enter), a click anywhere else opens it, and its "Move to…" menu offers
 * every move without dragging.
 */
export const BoardCard = memo(function BoardCard(props: BoardCardProps) {
  const { card, problem, onOpen, onFocusTaken, takeFocus } = props;
  const { t } = useTranslation();
  const data: CardDragData = { card };
  // A colleague's deal is the rep's to look at only: no drag, no menu (the rulebook's answer).
  const { canEdit } = useRecordAccess('opportunities', card);
  const { attributes, listeners, setNodeRef, setActivatorNodeRef, isDragging } = useDraggable({
    id: card.id,
    data,
    disabled: !canEdit,
    attributes: { role: 'listitem', roleDescription: t('dnd.roleDescription') },
  });
  // aria-pressed means nothing on a list item, nor aria-disabled on one that cannot be dragged.
  const { 'aria-pressed': _pressed, 'aria-disabled': _disabled, ...a11y } = attributes;
  // In a virtualised column: the list's real size and this card's place in it.
  const position = useListPosition();
  const ref = useTakeFocus(
    useCallback(
      (node: HTMLElement | null) => {
        setNodeRef(node);
        // The card, not a button inside it, starts a keyboard drag: Space on "Move to…" opens the menu.
        setActivatorNodeRef(node);
      },
      [setNodeRef, setActivatorNodeRef],
    ),
    takeFocus,
    onFocusTaken,
  );

  const open = openUnlessAction(() => onOpen(card));

  return (
    <Paper
      ref={ref}
      {...a11y}
      {...position}
      {...listeners}
      aria-label={t('card.label', { title: card.title })}
      aria-busy={props.moving || undefined}
      data-opportunity-id={card.id}
      onClick={open}
      variant="outlined"
      sx={{
        position: 'relative',
        px: 1.125,
        py: 1.25,
        cursor: 'grab',
        // The card takes the column's width, never its content's: a long lost reason ends in an
        // ellipsis instead of widening its column and squeezing the others.
        contain: 'inline-size',
        opacity: isDragging ? 0.45 : 1,
        // Past the board's aging threshold: the same calm highlight on every board.
        ...(isAging(card, props.now, props.agingDays) ? agedCardSx : {}),
        borderColor: problem
          ? 'warning.main'
          : isAging(card, props.now, props.agingDays)
            ? agedCardSx.borderColor
            : 'divider',
        transition: 'box-shadow 120ms, border-color 120ms',
        '&:hover': { boxShadow: 2, borderColor: problem ? 'warning.main' : 'grey.400' },
        '&:focus-visible': { outline: '2px solid', outlineColor: 'primary.main', outlineOffset: 1 },
        touchAction: 'manipulation',
      }}
    >
      <CardBody
        card={card}
        now={props.now}
        owner={props.owner}
        agingDays={props.agingDays}
        title={
          <ButtonBase
            aria-label={t('card.open', { title: card.title })}
            sx={{
              display: 'block',
              textAlign: 'left',
              font: 'inherit',
              fontWeight: 600,
              fontSize: 13.5,
              lineHeight: 1.4,
              color: 'text.primary',
              borderRadius: 0.5,
              overflowWrap: 'anywhere',
              WebkitLineClamp: 2,
              WebkitBoxOrient: 'vertical',
              '&:hover': { color: 'primary.main' },
              '&.Mui-focusVisible': { outline: '2px solid', outlineColor: 'primary.main' },
            }}
            style={{ display: '-webkit-box', overflow: 'hidden' }}
          >
            {card.title}
          </ButtonBase>
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
      <SyncProblemMark collection="opportunities" recordId={card.id} onFix={() => onOpen(card)} />
      {props.moving && <MovingVeil label={t('card.moving')} />}
      {problem && (
        <MoveProblemAlert
          problem={problem}
          onFix={() => props.onFixProblem(card, problem)}
          onDismiss={() => props.onDismissProblem(card.id)}
        />
      )}
    </Paper>
  );
});
