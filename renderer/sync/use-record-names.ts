import { useMemo } from 'react';
import { useLiveQuery } from '../api/use-live-query';

/** Account and contact names by id, so a logged reference reads as a name, not a UUID. */
export function useRecordNames(): ReadonlyMap<string, string> {
  const accounts = useLiveQuery('accounts/list', {});
  const contacts = useLiveQuery('contacts/list', {});
  return useMemo(() => {
    const names = new Map<string, string>();
    for (const record of [...(accounts.data ?? []), ...(contacts.data ?? [])])
      names.set(record.id, record.name);
    return names;
  }, [accounts.data, contacts.data]);
}
