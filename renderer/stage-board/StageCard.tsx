import { useDraggable } from '@dnd-kit/core';
import Box from '@mui/material/Box';
import Paper from '@mui/material/Paper';
import type { ReactNode } from 'react';
import { ReadOnlyMark } from '../access/ReadOnlyMark';
import { SyncProblemMark } from '../access/SyncProblemMark';
import { useRecordAccess } from '../access/use-actor';
import { agedCardSx } from './AgingDays';
import { MovingVeil, CardTitle, openUnlessAction } from './CardParts';
import { useListPosition } from './list-position';
import { useTakeFocus } from './use-take-focus';

/** What a dragged card carries, so drops and announcements need no lookup. */
export interface StageDragData {
  id: string;
  title: string;
  stage: string;
}

export function draggedStageCard(data: {
  current?: Record<string, unknown> | undefined;
}): StageDragData | undefined {
  return (data.current as { card?: StageDragData } | undefined)?.card;
}

interface StageCardProps {
  /** The records' collection: the rulebook says by it who may move the card. */
  collection: 'contracts' | 'deliveries';
  card: StageDragData;
  /** How a screen reader calls a draggable card of this board. */
  roleDescription: string;
  /** Spoken name of the card ("Contract: …"). */
  label: string;
  openLabel: string;
  moving: boolean;
  /** Why the last move was refused (a RefusalNote), while the card is where it was refused. */
  refusal?: ReactNode;
  /** The card a move just landed: it takes the focus back in its new column, once. */
  takeFocus?: boolean;
  onFocusTaken?(): void;
  /** Highlights the card (an unfinished signing). */
  warn?: boolean;
  /** Longer in its open stage than the board's aging threshold: tinted like every aged card. */
  aged?: boolean;
  menu: ReactNode;
  /** Whose record it is, for what the person may do with it (shared/rules). */
  owner: { ownerId: string; ownerName: string };
  children: ReactNode;
  onOpen(): void;
}

/**
 * One card of the contract or delivery board: the whole card is the drag handle, a click opens
 * it, the menu moves it, and a refused move stays on it (the phase's RefusalNote).
 */
export function StageCard(props: StageCardProps) {
  const { card, collection } = props;
  // A colleague's record is the rep's to look at only: no drag, no menu (the rulebook's answer).
  const { canEdit } = useRecordAccess(collection, props.owner);
  const { attributes, listeners, setNodeRef, isDragging } = useDraggable({
    id: card.id,
    data: { card },
    disabled: !canEdit,
    attributes: {
      role: 'listitem',
      roleDescription: props.roleDescription,
    },
  });
  const { 'aria-pressed': _pressed, 'aria-disabled': _disabled, ...a11y } = attributes;
  const ref = useTakeFocus(setNodeRef, props.takeFocus, props.onFocusTaken);
  // In a long (virtualised) column the card tells a screen reader its place in the whole list.
  const position = useListPosition();
  const open = openUnlessAction(() => props.onOpen());
  return (
    <Paper
      ref={ref}
      {...a11y}
      {...position}
      {...listeners}
      aria-label={props.label}
      aria-busy={props.moving || undefined}
      data-card-id={card.id}
      onClick={open}
      variant="outlined"
      sx={{
        position: 'relative',
        // Long nowrap lines (number · account) must not widen the column: ellipsis instead.
        contain: 'inline-size',
        px: 1.125,
        py: 1.25,
        cursor: 'grab',
        opacity: isDragging ? 0.45 : 1,
        ...(props.aged ? agedCardSx : {}),
        borderColor:
          props.refusal || props.warn
            ? 'warning.main'
            : props.aged
              ? agedCardSx.borderColor
              : 'divider',
        '&:hover': { boxShadow: 2 },
        '&:focus-visible': { outline: '2px solid', outlineColor: 'primary.main', outlineOffset: 1 },
        touchAction: 'manipulation',
      }}
    >
      <Box sx={{ display: 'flex', alignItems: 'flex-start', gap: 0.5 }}>
        <CardTitle label={props.openLabel}>{card.title}</CardTitle>
        {canEdit ? props.menu : <ReadOnlyMark ownerName={props.owner.ownerName} />}
      </Box>
      {props.children}
      {props.moving && <MovingVeil />}
      {props.refusal}
      <SyncProblemMark collection={collection} recordId={card.id} onFix={props.onOpen} />
    </Paper>
  );
}
