import type { ReactNode } from 'react';
import type { ParseKeys } from 'i18next';
import { MyDay } from '../activities/MyDay';
import { OpportunityBoard } from '../board/OpportunityBoard';
import { LeadsBoard } from '../leads/LeadsBoard';

/** One entry of the main navigation: a screen that works. Later screens join when they work. */
export interface Screen {
  id: string;
  /** Catalog key of the nav label. */
  label: ParseKeys;
  render: () => ReactNode;
  /**
   * The screen the app opens on. The nav lists screens in LTC order (leads first), but a rep's
   * day starts on the opportunity board.
   */
  home?: boolean;
}

export const SCREENS: readonly Screen[] = [
  { id: 'leads', label: 'app.nav.leads', render: () => <LeadsBoard /> },
  {
    id: 'opportunities',
    label: 'app.nav.opportunities',
    render: () => <OpportunityBoard />,
    home: true,
  },
  { id: 'myDay', label: 'app.nav.myDay', render: () => <MyDay /> },
];
