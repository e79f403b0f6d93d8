import {
  KeyboardSensor,
  PointerSensor,
  pointerWithin,
  rectIntersection,
  useSensor,
  useSensors,
  type Announcements,
  type CollisionDetection,
  type KeyboardCoordinateGetter,
  type ScreenReaderInstructions,
} from '@dnd-kit/core';
import type { ParseKeys, TFunction } from 'i18next';

/** What dnd-kit hands back of a dragged card: the data the card put on its draggable. */
export type DragSource = { data: { current?: Record<string, unknown> | undefined } };

/**
 * With a mouse, the column under the pointer; with the keyboard (no pointer), the column the card
 * overlaps most. Columns are tall, so "under the pointer" is what a person means.
 */
export const columnCollision: CollisionDetection = (args) => {
  const underPointer = pointerWithin(args);
  return underPointer.length > 0 ? underPointer : rectIntersection(args);
};

/**
 * Left and right arrows jump the dragged card to the centre of the neighbouring column instead of
 * nudging it 25 px at a time; up and down do nothing, since a column has no order to change.
 */
export const columnKeyboardCoordinates: KeyboardCoordinateGetter = (
  event,
  { context, currentCoordinates },
) => {
  if (event.code !== 'ArrowRight' && event.code !== 'ArrowLeft') {
    if (event.code === 'ArrowUp' || event.code === 'ArrowDown') event.preventDefault();
    return undefined;
  }
  event.preventDefault();
  const { collisionRect, droppableRects, droppableContainers, over } = context;
  if (!collisionRect) return undefined;
  const columns = droppableContainers
    .getEnabled()
    .flatMap((container) => {
      const rect = droppableRects.get(container.id);
      return rect ? [{ id: container.id, rect }] : [];
    })
    .sort((a, b) => a.rect.left - b.rect.left);
  const centre = collisionRect.left + collisionRect.width / 2;
  let index = columns.findIndex((c) => c.id === over?.id);
  if (index < 0)
    index = columns.findIndex((c) => c.rect.left <= centre && centre <= c.rect.left + c.rect.width);
  const target = columns[index + (event.code === 'ArrowRight' ? 1 : -1)];
  if (!target) return undefined;
  const top = Math.min(
    Math.max(currentCoordinates.y, target.rect.top),
    Math.max(target.rect.top, target.rect.top + target.rect.height - collisionRect.height),
  );
  return { x: target.rect.left + (target.rect.width - collisionRect.width) / 2, y: top };
};

/**
 * Mouse (a few pixels of travel before a drag starts, so a click still opens the card) and
 * keyboard (arrows jump from column to column), as every board drags.
 */
export function useBoardSensors() {
  return useSensors(
    useSensor(PointerSensor, { activationConstraint: { distance: 6 } }),
    useSensor(KeyboardSensor, { coordinateGetter: columnKeyboardCoordinates }),
  );
}

/** How a board's announcements name a dragged card and a stage. */
export interface DragWords<D> {
  /** Catalog prefix of the six sentences (the contracts' fit deliveries too). */
  keys: 'dnd' | 'leads.dnd' | 'contracts.dnd';
  /** The placeholder the sentences name the card by (`title`; the leads say `company`). */
  param?: string;
  dragged(data: DragSource['data']): D | undefined;
  nameOf(card: D): string;
  stageOf(card: D): string;
  stageName(t: TFunction, stage: string): string;
  /** Catalog key of what a screen reader says on reaching a card (how to drag it). */
  instructions: ParseKeys;
}

/** What a board tells dnd-kit to say: the instructions, and the moves as they happen. */
export function dragAccessibility<D>(
  t: TFunction,
  words: DragWords<D>,
): { announcements: Announcements; screenReaderInstructions: ScreenReaderInstructions } {
  return {
    announcements: stageAnnouncements(t, words),
    screenReaderInstructions: { draggable: t(words.instructions) },
  };
}

/** dnd-kit's live-region announcements, in the UI language, naming the card and the stage. */
function stageAnnouncements<D>(t: TFunction, words: DragWords<D>): Announcements {
  const param = words.param ?? 'title';
  type Sentence = 'start' | 'over' | 'overNone' | 'end' | 'endNone' | 'cancel';
  const say = (sentence: Sentence, active: DragSource, stage?: string) => {
    const card = words.dragged(active.data);
    return t(`${words.keys}.${sentence}`, {
      [param]: card ? words.nameOf(card) : '',
      ...(stage === undefined ? {} : { stage }),
    });
  };
  const from = (active: DragSource) => {
    const card = words.dragged(active.data);
    return card ? words.stageName(t, words.stageOf(card)) : '';
  };
  const landsElsewhere = (active: DragSource, to: string) => {
    const card = words.dragged(active.data);
    return to !== (card ? words.stageOf(card) : undefined);
  };
  return {
    onDragStart: ({ active }) => say('start', active, from(active)),
    onDragOver: ({ active, over }) =>
      over ? say('over', active, words.stageName(t, String(over.id))) : say('overNone', active),
    onDragEnd: ({ active, over }) =>
      over && landsElsewhere(active, String(over.id))
        ? say('end', active, words.stageName(t, String(over.id)))
        : say('endNone', active),
    onDragCancel: ({ active }) => say('cancel', active, from(active)),
  };
}
