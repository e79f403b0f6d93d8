import type { CrmService } from '../api/crm-api';
import { defineHandlers } from '../api/define-handlers';
import { accountCommands } from './accounts';
import { activityCommands } from './activities';
import { activityQueries } from './activity-queries';
import { boardQuery } from './board-query';
import { contactCommands } from './contacts';
import { contractBoardQuery } from './contract-board-query';
import { contractDetailQuery } from './contract-detail-query';
import { contractMoveCommand } from './contract-move';
import { contractCommands } from './contracts';
import { deliveryCommands } from './deliveries';
import { deliveryBoardQuery } from './delivery-board-query';
import { deliveryMoveCommand } from './delivery-move';
import type { CoreContext } from './context';
import { enforceRulebook } from './rulebook';
import { historyQuery } from './field-changes-timeline';
import { collectionsQueries } from './invoice-board-query';
import { invoiceCommands } from './invoices';
import { leadBoardQuery } from './lead-board-query';
import { leadConvertCommand } from './lead-convert';
import { leadMoveCommand } from './lead-move';
import { leadCommands } from './leads';
import { listQueries } from './list-queries';
import { mergeCommands } from './merge-commands';
import { duplicateCommands } from './merge-duplicates';
import { opportunityCommands } from './opportunities';
import { opportunityMoveCommand } from './opportunity-move';
import { paymentRecordCommand } from './payment-record';
import { approvalCommands } from './opportunity-approvals';
import { pipelineCommands, pipelineQueries } from './pipelines';
import { searchQuery } from './search-query';
import { analyticsQuery } from './analytics-query';
import { demoCommands, demoQueries } from '../demo/commands';

/** The domain service: one handler per CrmApi command and live query, over one database. */
export function createCrmService(ctx: CoreContext): CrmService {
  enforceRulebook(ctx);
  return {
    commands: defineHandlers(
      'command',
      accountCommands(ctx),
      contactCommands(ctx),
      opportunityCommands(ctx),
      opportunityMoveCommand(ctx),
      approvalCommands(ctx),
      pipelineCommands(ctx),
      leadCommands(ctx),
      leadMoveCommand(ctx),
      leadConvertCommand(ctx),
      { 'profile/current': async () => ({ ...ctx.currentUser }) },
      activityCommands(ctx),
      contractCommands(ctx),
      contractMoveCommand(ctx),
      deliveryCommands(ctx),
      deliveryMoveCommand(ctx),
      invoiceCommands(ctx),
      paymentRecordCommand(ctx),
      mergeCommands(ctx),
      duplicateCommands(ctx),
      demoCommands(ctx, createCrmService),
    ),
    queries: defineHandlers(
      'query',
      boardQuery(ctx),
      pipelineQueries(ctx),
      listQueries(ctx),
      leadBoardQuery(ctx),
      activityQueries(ctx),
      searchQuery(ctx),
      contractBoardQuery(ctx),
      contractDetailQuery(ctx),
      deliveryBoardQuery(ctx),
      collectionsQueries(ctx),
      historyQuery(ctx),
      demoQueries(ctx),
      analyticsQuery(ctx),
    ),
  };
}
