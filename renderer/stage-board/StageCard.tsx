import { useDraggable } from '@dnd-kit/core';
import Paper from '@mui/material/Paper';
import type { SxProps, Theme } from '@mui/material/styles';
import { useCallback, type ReactNode } from 'react';
import { SyncProblemMark } from '../access/SyncProblemMark';
import { agedCardSx } from './AgingDays';
import { MovingVeil, openUnlessAction } from './CardParts';
import { useListPosition } from './list-position';
import { useTakeFocus } from './use-take-focus';

/** What a dragged card carries, so drops and announcements need no lookup. */
export interface StageDragData {
  id: string;
  title: string;
  stage: string;
}

/** The card a board put on its draggable (`data: { card }`), read back in drops and sentences. */
export function draggedStageCard<D = StageDragData>(data: {
  current?: Record<string, unknown> | undefined;
}): D | undefined {
  return (data.current as { card?: D } | undefined)?.card;
}

/** `data-…` attributes on the card's root, by which tests and the board find a record's card. */
type DataAttributes = Record<`data-${string}`, string | boolean | undefined>;

interface StageCardProps {
  /**
   * What the draggable carries (`{ card }`, read back by the board's `draggedStageCard`); its id
   * is the draggable's, which drops and a long column's keys go by.
   */
  card: { id: string };
  /** The records' collection: a sync problem on this record shows on the card. */
  collection: string;
  /** Whether the person may drag it (the rulebook, and the phase's own rule). */
  draggable: boolean;
  /**
   * How a screen reader calls a draggable card of this board; without it the card is not
   * announced as draggable (an invoice past Scheduled only opens).
   */
  roleDescription: string | undefined;
  /** Spoken name of the card ("Contract: …"). */
  label: string;
  moving?: boolean;
  /** Spoken name of the veil over a card while its move is being written. */
  movingLabel?: string;
  /** Highlights the card's border (a refused move, an unfinished signing or conversion). */
  warn?: boolean;
  /** Longer in its open stage than the board's aging threshold: tinted like every aged card. */
  aged?: boolean;
  /** The card a move just landed: it takes the focus back in its new column, once. */
  takeFocus?: boolean;
  onFocusTaken?(): void;
  /** Why the last move was refused, while the card is where it was refused. */
  refusal?: ReactNode;
  /** The phase's own look on top of the common one (a hot lead's edge, an overdue invoice's). */
  sx?: SxProps<Theme>;
  data?: DataAttributes;
  onOpen(): void;
  /** The title row, the phase's body and its actions. */
  children: ReactNode;
}

/**
 * One card of any stage board: the whole card is the drag handle (mouse: press and move a few
 * pixels; keyboard: Space/Enter on the card itself), a click anywhere but on its own buttons
 * opens it, a card a move just landed takes the focus back, a move being written veils it, and a
 * refused move and a sync problem stay on it. The phase supplies what the card shows.
 */
export function StageCard(props: StageCardProps) {
  const { warn, aged } = props;
  const { id } = props.card;
  const { attributes, listeners, setNodeRef, setActivatorNodeRef, isDragging } = useDraggable({
    id,
    data: { card: props.card },
    disabled: !props.draggable,
    attributes: { role: 'listitem', roleDescription: props.roleDescription },
  });
  // aria-pressed means nothing on a list item; a card that cannot be dragged is not "disabled"
  // (it opens, and its buttons work), and one the board does not name as draggable is not.
  const {
    'aria-pressed': _pressed,
    'aria-disabled': _disabled,
    'aria-roledescription': roleDescription,
    ...a11y
  } = attributes;
  const ref = useTakeFocus(
    useCallback(
      (node: HTMLElement | null) => {
        setNodeRef(node);
        // The card, not a button inside it, starts a keyboard drag: Space on a menu opens it.
        setActivatorNodeRef(node);
      },
      [setNodeRef, setActivatorNodeRef],
    ),
    props.takeFocus,
    props.onFocusTaken,
  );
  // In a long (virtualised) column the card tells a screen reader its place in the whole list.
  const position = useListPosition();
  const open = openUnlessAction(props.onOpen);
  const common: SxProps<Theme> = {
    position: 'relative',
    px: 1.125,
    py: 1.25,
    cursor: 'grab',
    // The card takes the column's width, never its content's: a long line ends in an ellipsis
    // instead of widening its column and squeezing the others.
    contain: 'inline-size',
    opacity: isDragging ? 0.45 : 1,
    // Past the board's aging threshold: the same calm highlight on every board.
    ...(aged ? agedCardSx : {}),
    borderColor: warn ? 'warning.main' : aged ? agedCardSx.borderColor : 'divider',
    '&:hover': { boxShadow: 2 },
    '&:focus-visible': { outline: '2px solid', outlineColor: 'primary.main', outlineOffset: 1 },
    touchAction: 'manipulation',
  };
  return (
    <Paper
      ref={ref}
      {...a11y}
      {...(props.roleDescription === undefined ? {} : { 'aria-roledescription': roleDescription })}
      {...position}
      {...listeners}
      aria-label={props.label}
      aria-busy={props.moving || undefined}
      {...props.data}
      onClick={open}
      variant="outlined"
      sx={[common, ...(Array.isArray(props.sx) ? props.sx : [props.sx])]}
    >
      {props.children}
      {props.moving && <MovingVeil label={props.movingLabel} />}
      {props.refusal}
      <SyncProblemMark collection={props.collection} recordId={id} onFix={props.onOpen} />
    </Paper>
  );
}
