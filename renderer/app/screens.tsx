import type { ReactNode } from 'react';
import type { ParseKeys } from 'i18next';
import { OpportunityBoard } from '../board/OpportunityBoard';

/** One entry of the main navigation: a screen that works. Later screens join when they work. */
export interface Screen {
  id: string;
  /** Catalog key of the nav label. */
  label: ParseKeys;
  render: () => ReactNode;
}

export const SCREENS: readonly Screen[] = [
  { id: 'opportunities', label: 'board.title', render: () => <OpportunityBoard /> },
];
