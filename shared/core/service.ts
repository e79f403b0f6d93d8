import type { CrmService } from '../api/crm-api';
import { accountCommands } from './accounts';
import { boardQuery } from './board-query';
import { contactCommands } from './contacts';
import type { CoreContext } from './context';
import { listQueries } from './list-queries';
import { opportunityCommands } from './opportunities';
import { opportunityMoveCommand } from './opportunity-move';

/** The domain service: one handler per CrmApi command and live query, over one database. */
export function createCrmService(ctx: CoreContext): CrmService {
  return {
    commands: {
      ...accountCommands(ctx),
      ...contactCommands(ctx),
      ...opportunityCommands(ctx),
      ...opportunityMoveCommand(ctx),
      'profile/current': async () => ({ ...ctx.currentUser }),
    },
    queries: {
      ...boardQuery(ctx),
      ...listQueries(ctx),
    },
  };
}
