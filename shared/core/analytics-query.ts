import { asyncScheduler, defer, map, startWith, switchMap, throttleTime } from 'rxjs';
import { computeDashboard } from '../analytics';
import type { QueryHandlers } from '../api/crm-api';
import { analyticsStoreOf } from './analytics-store';
import type { CoreContext } from './context';
import { subscribeLive } from './live';

/**
 * At most one recomputation per this many ms while changes keep coming (a sync pull, loading
 * sample data, a merge): each one measures every record in memory, tens of ms for years of a busy
 * firm. The first change is answered at once and the last one always is, so a single move shows
 * at once.
 */
export const ANALYTICS_THROTTLE_MS = 300;

/**
 * The dashboard, from the analytics store (analytics-store.ts), which keeps what the metrics read
 * up to date as documents are written: recomputed after every write to a stage event or a
 * measured record, without reading the database. Archived records are measured too: history
 * does not disappear when a card leaves the board.
 */
export function analyticsQuery(ctx: CoreContext): Pick<QueryHandlers, 'analytics/dashboard'> {
  return {
    'analytics/dashboard': (args, onResult, onError) => {
      const store = analyticsStoreOf(ctx.database);
      return subscribeLive(
        defer(() => store.ready()).pipe(
          switchMap(() => store.changes$.pipe(startWith(undefined))),
          throttleTime(ANALYTICS_THROTTLE_MS, asyncScheduler, { leading: true, trailing: true }),
          map(() => computeDashboard(store.input(ctx.now()), args)),
        ),
        onResult,
        onError,
      );
    },
  };
}
