import { useCallback, useEffect, useRef, useState } from 'react';

/**
 * A card a move just landed in another column takes the keyboard focus, once: the board scrolls
 * it into view (VirtualCardList's revealKey) and the card focuses itself when it mounts there,
 * so a keyboard user goes on from the card instead of from the top of the page. Returns the ref
 * callback for the card's root, which also hands the node to dnd-kit (`setNodeRef`).
 */
export function useTakeFocus(
  setNodeRef: (node: HTMLElement | null) => void,
  takeFocus: boolean | undefined,
  onFocusTaken: (() => void) | undefined,
): (node: HTMLElement | null) => void {
  const element = useRef<HTMLElement | null>(null);
  useEffect(() => {
    if (!takeFocus) return;
    element.current?.focus();
    onFocusTaken?.();
  }, [takeFocus, onFocusTaken]);
  return useCallback(
    (node: HTMLElement | null) => {
      element.current = node;
      setNodeRef(node);
    },
    [setNodeRef],
  );
}

/**
 * The board side of the hand-back: which card a move just landed (`landed(id)` after the move
 * succeeded), until that card has taken the focus (`focusTaken`, handed to the card).
 */
export function useLandedCard(): {
  lastMovedId: string | null;
  landed: (id: string) => void;
  focusTaken: () => void;
} {
  const [lastMovedId, setLastMovedId] = useState<string | null>(null);
  const focusTaken = useCallback(() => setLastMovedId(null), []);
  return { lastMovedId, landed: setLastMovedId, focusTaken };
}
