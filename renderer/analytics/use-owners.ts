import { useMemo } from 'react';
import { useLiveQuery } from '../api/use-live-query';
import type { Option } from './DashboardFilters';

/**
 * The people who own records, for the owner filter. There is no user directory offline (the
 * sync server has one, an offline desk does not), so they are read from the owners of accounts,
 * leads and opportunities on the boards.
 */
export function useOwners(pipelineId: string): Option[] {
  const { data: accounts } = useLiveQuery('accounts/list', {});
  const { data: leads } = useLiveQuery('board/leads', {});
  const { data: board } = useLiveQuery('board/opportunities', pipelineId ? { pipelineId } : {});
  return useMemo(() => {
    const owners = new Map<string, string>();
    const add = (r: { ownerId: string; ownerName: string }) => {
      if (r.ownerId && r.ownerId !== 'system' && !owners.has(r.ownerId))
        owners.set(r.ownerId, r.ownerName || r.ownerId);
    };
    accounts?.forEach(add);
    leads?.columns.forEach((c) => c.cards.forEach(add));
    board?.columns.forEach((c) => c.cards.forEach(add));
    return [...owners]
      .map(([value, label]) => ({ value, label }))
      .sort((a, b) => a.label.localeCompare(b.label));
  }, [accounts, leads, board]);
}
