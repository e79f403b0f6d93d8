import type { CrmService } from '../api/crm-api';
import { accountCommands } from './accounts';
import { activityCommands } from './activities';
import { activityQueries } from './activity-queries';
import { boardQuery } from './board-query';
import { contactCommands } from './contacts';
import type { CoreContext } from './context';
import { leadBoardQuery } from './lead-board-query';
import { leadConvertCommand } from './lead-convert';
import { leadMoveCommand } from './lead-move';
import { leadCommands } from './leads';
import { listQueries } from './list-queries';
import { opportunityCommands } from './opportunities';
import { opportunityMoveCommand } from './opportunity-move';
import { searchQuery } from './search-query';

/** The domain service: one handler per CrmApi command and live query, over one database. */
export function createCrmService(ctx: CoreContext): CrmService {
  return {
    commands: {
      ...accountCommands(ctx),
      ...contactCommands(ctx),
      ...opportunityCommands(ctx),
      ...opportunityMoveCommand(ctx),
      ...leadCommands(ctx),
      ...leadMoveCommand(ctx),
      ...leadConvertCommand(ctx),
      'profile/current': async () => ({ ...ctx.currentUser }),
      ...activityCommands(ctx),
    },
    queries: {
      ...boardQuery(ctx),
      ...listQueries(ctx),
      ...leadBoardQuery(ctx),
      ...activityQueries(ctx),
      ...searchQuery(ctx),
    },
  };
}
