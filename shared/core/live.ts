import type { Observable } from 'rxjs';

/**
 * Connects a live result stream to a query handler's callbacks and returns the unsubscribe.
 * A throwing `onResult` is reported through `onError` instead of escaping into rxjs, where it
 * would surface as an unhandled error and take the host process down.
 */
export function subscribeLive<T>(
  results: Observable<T>,
  onResult: (result: T) => void,
  onError: (error: unknown) => void,
): () => void {
  const subscription = results.subscribe({
    next: (result) => {
      try {
        onResult(result);
      } catch (error) {
        onError(error);
      }
    },
    error: onError,
  });
  return () => subscription.unsubscribe();
}
