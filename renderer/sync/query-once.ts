import {
  CrmError,
  type CrmApi,
  type QueryArgs,
  type QueryName,
  type QueryResult,
} from '../../shared/api';

/** The current answer to a live query, then unsubscribed: for a one-off look-up on a click. */
export function queryOnce<Q extends QueryName>(
  api: CrmApi,
  query: Q,
  args: QueryArgs<Q>,
): Promise<QueryResult<Q>> {
  return new Promise((resolve, reject) => {
    let done = false;
    const finish = () => {
      done = true;
      // The first result can arrive before subscribe() has returned its unsubscribe function.
      queueMicrotask(() => unsubscribe());
    };
    const unsubscribe = api.subscribe(
      query,
      args,
      (result) => {
        if (done) return;
        finish();
        resolve(result);
      },
      (error) => {
        if (done) return;
        finish();
        reject(new CrmError(error));
      },
    );
  });
}
