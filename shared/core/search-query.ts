import { defer, map, startWith, switchMap } from 'rxjs';
import type { QueryHandlers } from '../api/crm-api';
import { SEARCH_LIMIT_DEFAULT } from '../api/search-contract';
import { foldQuery, search } from '../search';
import type { CoreContext } from './context';
import { subscribeLive } from './live';
import { searchHit } from './search-entries';
import { searchIndexOf } from './search-index';

/**
 * 'search/quick': the best matches for what a person typed, live as records change. The index is
 * the database's (search-index.ts): built in the background once the database opens and kept up
 * to date on every write, so the first keystroke costs what a later one does.
 */
export function searchQuery(ctx: CoreContext): Pick<QueryHandlers, 'search/quick'> {
  const index = searchIndexOf(ctx.database);
  return {
    'search/quick': ({ text, limit }, onResult, onError) => {
      // An empty search box (how the app bar starts) needs no index.
      if (!foldQuery(text)) {
        onResult([]);
        return () => undefined;
      }
      const results = defer(() => index.ready()).pipe(
        switchMap(() => index.changes$.pipe(startWith(undefined))),
        map(() =>
          search(index.all(), text, limit ?? SEARCH_LIMIT_DEFAULT).map((found) =>
            searchHit(found, index),
          ),
        ),
      );
      return subscribeLive(results, onResult, onError);
    },
  };
}
