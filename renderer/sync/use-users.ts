import { useCallback, useEffect, useRef, useState } from 'react';
import { toCrmErrorData, type CrmErrorData } from '../../shared/api';
import type { SyncUser } from '../../shared/sync/protocol';
import { useCrm } from '../api/crm-context';

/**
 * The organisation's users as the server has them now. Not a live query: the server sends no
 * events for accounts, so the list is read when the dialog opens and again after every change.
 */
export function useUsers() {
  const api = useCrm();
  const [users, setUsers] = useState<SyncUser[] | undefined>();
  const [error, setError] = useState<CrmErrorData | undefined>();
  // Only the latest read may land: a slow earlier answer must not replace a newer list.
  const latest = useRef(0);

  const load = useCallback(
    (read: number) =>
      api.invoke('admin/users/list', {}).then(
        (list) => {
          if (read !== latest.current) return;
          setUsers(list);
          setError(undefined);
        },
        (failure: unknown) => {
          if (read === latest.current) setError(toCrmErrorData(failure));
        },
      ),
    [api],
  );

  useEffect(() => {
    void load(++latest.current);
    // A read still running when the dialog closes must not set state afterwards.
    return () => {
      latest.current += 1;
    };
  }, [load]);

  const refresh = useCallback(() => load(++latest.current), [load]);

  return { users, error, refresh };
}
