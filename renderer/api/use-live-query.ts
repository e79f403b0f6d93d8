import { useEffect, useState } from 'react';
import type { CrmErrorData, QueryArgs, QueryName, QueryResult } from '../../shared/api';
import { useCrm } from './crm-context';

export interface LiveQueryState<T> {
  data: T | undefined;
  error: CrmErrorData | undefined;
  loading: boolean;
}

interface Received<T> {
  key: string;
  data?: T;
  error?: CrmErrorData;
}

/**
 * Subscribes to a live query while the component is mounted and re-subscribes when the query or
 * its arguments change. Arguments are compared by value (callers pass fresh object literals), and
 * a result is only returned for the arguments it was computed for: after a change, `data` is
 * undefined until the new result arrives, never a stale answer to another question.
 */
export function useLiveQuery<Q extends QueryName>(
  query: Q,
  args: QueryArgs<Q>,
): LiveQueryState<QueryResult<Q>> {
  const api = useCrm();
  const argsJson = JSON.stringify(args);
  const key = `${query} ${argsJson}`;
  const [received, setReceived] = useState<Received<QueryResult<Q>>>({ key: '' });

  useEffect(() => {
    const subscribedKey = `${query} ${argsJson}`;
    return api.subscribe(
      query,
      JSON.parse(argsJson) as QueryArgs<Q>,
      (data) => setReceived({ key: subscribedKey, data }),
      (error) => setReceived((prev) => ({ ...prev, key: subscribedKey, error })),
    );
  }, [api, query, argsJson]);

  const current = received.key === key;
  return {
    data: current ? received.data : undefined,
    error: current ? received.error : undefined,
    loading: !current || (received.data === undefined && received.error === undefined),
  };
}
