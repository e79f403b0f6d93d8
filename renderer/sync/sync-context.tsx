import { createContext, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import type { SyncProblem, SyncStatus } from '../../shared/sync/types';
import { CrmProvider, useCrm, useCrmSession } from '../api/crm-context';

export type SyncPanelTab = 'overview' | 'conflicts' | 'problems';

export interface SyncView {
  /** The latest status; undefined until the first one arrives, or when this host has no sync. */
  status: SyncStatus | undefined;
  /** False when the host runs without sync: the app bar then shows no sync control. */
  available: boolean;
  /** Changes the server refused, by `collection/recordId` (cards and columns mark them). */
  problems: ReadonlyMap<string, SyncProblem>;
  panelTab: SyncPanelTab | null;
  signInOpen: boolean;
  openPanel(tab?: SyncPanelTab): void;
  closePanel(): void;
  openSignIn(): void;
  closeSignIn(): void;
}

const SyncContext = createContext<SyncView | null>(null);

/**
 * Follows the sync status for the whole app (one subscription, read by the app bar, the banner
 * and the panel) and holds which sync surface is open. Once signed in, the person is the server
 * user: cards say "Me" for records owned by that id, so the session's user follows the account.
 */
export function SyncProvider({ children }: { children: ReactNode }) {
  const api = useCrm();
  const session = useCrmSession();
  const [status, setStatus] = useState<SyncStatus | undefined>();
  const [available, setAvailable] = useState(true);
  const [panelTab, setPanelTab] = useState<SyncPanelTab | null>(null);
  const [signInOpen, setSignInOpen] = useState(false);
  const [problemList, setProblemList] = useState<SyncProblem[]>([]);

  useEffect(
    () =>
      api.subscribe(
        'sync/status',
        {},
        (next) => {
          setAvailable(true);
          setStatus(next);
        },
        (error) => {
          // Unavailable: a host without sync. Anything else: the engine is gone; either way the
          // person can do nothing about it here, so the control steps aside.
          if (error.type !== 'Unavailable') console.warn('[ltc] sync status failed', error);
          setAvailable(false);
          setStatus(undefined);
        },
      ),
    [api],
  );

  // One subscription for every card that may carry a refused change.
  useEffect(
    () => api.subscribe('sync/problems', {}, setProblemList, () => setProblemList([])),
    [api],
  );
  const problems = useMemo(
    () =>
      new Map(
        problemList.map((problem) => [problemKey(problem.collection, problem.recordId), problem]),
      ),
    [problemList],
  );

  const view = useMemo<SyncView>(
    () => ({
      status,
      available,
      problems,
      panelTab,
      signInOpen,
      openPanel: (tab = 'overview') => setPanelTab(tab),
      closePanel: () => setPanelTab(null),
      openSignIn: () => setSignInOpen(true),
      closeSignIn: () => setSignInOpen(false),
    }),
    [status, available, problems, panelTab, signInOpen],
  );

  const accountUserId = status?.account?.userId;
  const actingSession = useMemo(
    () => (accountUserId ? { ...session, currentUserId: accountUserId } : session),
    [session, accountUserId],
  );

  return (
    <CrmProvider session={actingSession}>
      <SyncContext.Provider value={view}>{children}</SyncContext.Provider>
    </CrmProvider>
  );
}

export function useSync(): SyncView {
  const view = useContext(SyncContext);
  if (!view) throw new Error('useSync outside <SyncProvider>');
  return view;
}

export const problemKey = (collection: string, recordId: string) => `${collection}/${recordId}`;

/** The change to this record the server refused, if there is one. */
export function useSyncProblem(collection: string, recordId: string): SyncProblem | undefined {
  return useSync().problems.get(problemKey(collection, recordId));
}
