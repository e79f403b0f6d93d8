import { createContext, useContext } from 'react';

/**
 * A card's place in a virtualised column. Only the cards near the viewport are in the DOM there,
 * so each tells a screen reader the list's real size and its own position (aria-setsize and
 * aria-posinset); in a short column every card is present and the browser counts them itself.
 */
export interface ListPosition {
  'aria-setsize'?: number;
  'aria-posinset'?: number;
}

export const ListPositionContext = createContext<ListPosition>({});

/** Spread the result onto the card's listitem element. */
export function useListPosition(): ListPosition {
  return useContext(ListPositionContext);
}
