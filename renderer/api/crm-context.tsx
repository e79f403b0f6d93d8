import { createContext, useContext, type ReactNode } from 'react';
import type { CrmApi } from '../../shared/api';

/** What the UI knows of its host: the typed API, and who is using it where the host can tell. */
export interface CrmSession {
  api: CrmApi;
  /** The local profile's id (web build). Lets a card say "Me" instead of a stored name. */
  currentUserId?: string;
}

const CrmContext = createContext<CrmSession | null>(null);

export function CrmProvider({ session, children }: { session: CrmSession; children: ReactNode }) {
  return <CrmContext.Provider value={session}>{children}</CrmContext.Provider>;
}

export function useCrmSession(): CrmSession {
  const session = useContext(CrmContext);
  if (!session) throw new Error('useCrm outside <CrmProvider>');
  return session;
}

export function useCrm(): CrmApi {
  return useCrmSession().api;
}

export function useCurrentUserId(): string | undefined {
  return useCrmSession().currentUserId;
}
