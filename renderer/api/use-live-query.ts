import { startTransition, useEffect, useRef, useState } from 'react';
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
  /** Called once a result React rendered is on screen (the effect below). */
  const committed = useRef<() => void>(() => undefined);

  useEffect(() => {
    const subscribedKey = `${query} ${argsJson}`;
    let answered = false;
    let rendering = false;
    let waiting: Received<QueryResult<Q>> | undefined;
    const render = (next: Received<QueryResult<Q>>) => {
      rendering = true;
      startTransition(() => setReceived(next));
    };
    committed.current = () => {
      rendering = false;
      if (waiting) render(waiting);
      waiting = undefined;
    };
    return api.subscribe(
      query,
      JSON.parse(argsJson) as QueryArgs<Q>,
      (data) => {
        const next = { key: subscribedKey, data };
        if (!answered) {
          // The first answer ends the loading state at once.
          answered = true;
          setReceived(next);
        } else if (rendering) {
          // One result at a time: the latest waits until the one being rendered is on screen.
          waiting = next;
        } else {
          // Later answers (a sync bringing pages, another tab's writes) render as a transition:
          // React renders them in slices between frames and input, so clicks and keys are
          // answered while many cards arrive. Were a new one to start before the last was done,
          // React would restart it, and a transition restarted for 5 s is rendered in one go.
          render(next);
        }
      },
      (error) => setReceived((prev) => ({ ...prev, key: subscribedKey, error })),
    );
  }, [api, query, argsJson]);

  useEffect(() => committed.current(), [received]);

  const current = received.key === key;
  return {
    data: current ? received.data : undefined,
    error: current ? received.error : undefined,
    loading: !current || (received.data === undefined && received.error === undefined),
  };
}
