import { useDndContext } from '@dnd-kit/core';
import Box from '@mui/material/Box';
import { defaultRangeExtractor, useVirtualizer, type Range } from '@tanstack/react-virtual';
import {
  useCallback,
  useEffect,
  useMemo,
  useState,
  type FocusEvent,
  type ReactElement,
  type RefObject,
} from 'react';
import { ListPositionContext } from './list-position';

/** A card's usual height with its gap; measured cards (measureElement) replace the estimate. */
const ESTIMATED_CARD_PX = 104;
const GAP_PX = 8;

interface VirtualCardListProps {
  /** The cards, each with its record id as React key. */
  cards: ReactElement[];
  label: string;
  scrollRef: RefObject<HTMLElement | null>;
  /** A card to bring into view and keep mounted (the one just moved here, to take focus). */
  revealKey?: string;
}

/**
 * A long column's cards, only those near the viewport in the DOM (so a 5,000-card board renders
 * a few dozen cards). Three cards always stay mounted, wherever they are scrolled:
 * - the one being dragged: dnd-kit reads its drag data from the mounted draggable, and a drop of an
 *   unmounted card would arrive without it;
 * - the one with keyboard focus: unmounting it would drop focus to the page;
 * - `revealKey`, scrolled to once, so a card moved here by keyboard can take focus.
 */
export function VirtualCardList({ cards, label, scrollRef, revealKey }: VirtualCardListProps) {
  const { active } = useDndContext();
  const [focusedKey, setFocusedKey] = useState<string | undefined>();
  const keys = useMemo(() => cards.map((card) => String(card.key)), [cards]);
  const pinned = useMemo(() => {
    const wanted = [active ? String(active.id) : undefined, focusedKey, revealKey];
    return wanted.map((key) => (key === undefined ? -1 : keys.indexOf(key))).filter((i) => i >= 0);
  }, [active, focusedKey, revealKey, keys]);

  const rangeExtractor = useCallback(
    (range: Range) => {
      const indexes = defaultRangeExtractor(range);
      const extra = pinned.filter((i) => !indexes.includes(i));
      return extra.length === 0 ? indexes : [...indexes, ...extra].sort((a, b) => a - b);
    },
    [pinned],
  );
  // The virtualizer re-renders this component itself on scroll and resize; its functions are
  // used here only, never handed to a memoised child, which is what the rule guards against.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    count: cards.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ESTIMATED_CARD_PX,
    getItemKey: (index) => keys[index] ?? index,
    gap: GAP_PX,
    overscan: 6,
    rangeExtractor,
  });

  const revealIndex = revealKey === undefined ? -1 : keys.indexOf(revealKey);
  useEffect(() => {
    if (revealIndex >= 0) virtualizer.scrollToIndex(revealIndex, { align: 'auto' });
  }, [revealIndex, virtualizer]);

  // Focus moving between cards (or into a card's menu button) is tracked by the card's key.
  const onFocus = (event: FocusEvent<HTMLElement>) => {
    const holder = (event.target as HTMLElement).closest<HTMLElement>('[data-virtual-key]');
    setFocusedKey(holder?.dataset.virtualKey);
  };
  const onBlur = (event: FocusEvent<HTMLElement>) => {
    if (!event.currentTarget.contains(event.relatedTarget as Node | null)) setFocusedKey(undefined);
  };

  return (
    <Box
      role="list"
      aria-label={label}
      onFocus={onFocus}
      onBlur={onBlur}
      sx={{ position: 'relative', width: '100%' }}
      style={{ height: virtualizer.getTotalSize() }}
    >
      {virtualizer.getVirtualItems().map((item) => (
        <div
          key={item.key}
          data-index={item.index}
          data-virtual-key={keys[item.index]}
          ref={virtualizer.measureElement}
          style={{
            position: 'absolute',
            top: 0,
            left: 0,
            width: '100%',
            transform: `translateY(${item.start}px)`,
          }}
        >
          <ListPositionContext
            value={{ 'aria-setsize': cards.length, 'aria-posinset': item.index + 1 }}
          >
            {cards[item.index]}
          </ListPositionContext>
        </div>
      ))}
    </Box>
  );
}
