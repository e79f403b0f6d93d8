import { createContext, useContext, type ReactNode } from 'react';
import type { Phase } from '../../shared/domain';

/** Switches the main screen, for screens that point at another one (a finding → its board). */
export type Navigate = (screenId: string) => void;

const NavigationContext = createContext<Navigate | null>(null);

export function NavigationProvider({
  navigate,
  children,
}: {
  navigate: Navigate;
  children: ReactNode;
}) {
  return <NavigationContext.Provider value={navigate}>{children}</NavigationContext.Provider>;
}

/** The navigation, or undefined outside the shell (a screen rendered alone in a test). */
export function useNavigate(): Navigate | undefined {
  return useContext(NavigationContext) ?? undefined;
}

/** The board of each LTC phase (screen ids of screens.tsx). */
export const PHASE_BOARD: Record<Phase, string> = {
  lead: 'leads',
  opportunity: 'opportunities',
  contract: 'contracts',
  delivery: 'delivery',
  invoice: 'collections',
};
