import type { ReactNode } from 'react';
import type { ParseKeys } from 'i18next';
import { MyDay } from '../activities/MyDay';
import { DashboardScreen } from '../analytics/DashboardScreen';
import { OpportunityBoard } from '../board/OpportunityBoard';
import { CollectionsBoard } from '../collections/CollectionsBoard';
import { ContractsBoard } from '../contracts/ContractsBoard';
import { DeliveryBoard } from '../delivery/DeliveryBoard';
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
  { id: 'contracts', label: 'app.nav.contracts', render: () => <ContractsBoard /> },
  { id: 'delivery', label: 'app.nav.delivery', render: () => <DeliveryBoard /> },
  { id: 'collections', label: 'app.nav.collections', render: () => <CollectionsBoard /> },
  { id: 'myDay', label: 'app.nav.myDay', render: () => <MyDay /> },
  { id: 'dashboard', label: 'app.nav.dashboard', render: () => <DashboardScreen /> },
];
