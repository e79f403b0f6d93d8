import {
  pointerWithin,
  rectIntersection,
  type Announcements,
  type CollisionDetection,
  type KeyboardCoordinateGetter,
  type ScreenReaderInstructions,
} from '@dnd-kit/core';
import type { TFunction } from 'i18next';
import type { OpportunityCard } from '../../shared/api';
import { stageName } from '../i18n/error-text';

/** What a draggable card carries, so announcements and drops need no lookup. */
export interface CardDragData {
  card: OpportunityCard;
}

export function draggedCard(data: {
  current?: Record<string, unknown> | undefined;
}): OpportunityCard | undefined {
  return (data.current as Partial<CardDragData> | undefined)?.card;
}

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

export function screenReaderInstructions(t: TFunction): ScreenReaderInstructions {
  return { draggable: t('dnd.instructions') };
}

/** dnd-kit's live-region announcements, in the UI language, naming the card and the stage. */
export function dragAnnouncements(t: TFunction): Announcements {
  const title = (active: { data: { current?: Record<string, unknown> } }) =>
    draggedCard(active.data)?.title ?? '';
  const from = (active: { data: { current?: Record<string, unknown> } }) => {
    const card = draggedCard(active.data);
    return card ? stageName(t, card.stage) : '';
  };
  return {
    onDragStart: ({ active }) => t('dnd.start', { title: title(active), stage: from(active) }),
    onDragOver: ({ active, over }) =>
      over
        ? t('dnd.over', { title: title(active), stage: stageName(t, String(over.id)) })
        : t('dnd.overNone', { title: title(active) }),
    onDragEnd: ({ active, over }) =>
      over && String(over.id) !== draggedCard(active.data)?.stage
        ? t('dnd.end', { title: title(active), stage: stageName(t, String(over.id)) })
        : t('dnd.endNone', { title: title(active) }),
    onDragCancel: ({ active }) => t('dnd.cancel', { title: title(active), stage: from(active) }),
  };
}
