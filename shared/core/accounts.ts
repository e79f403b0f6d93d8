import type { CommandHandlers } from '../api/crm-api';
import type { CoreContext } from './context';
import { archiveRecord, insertRecord, patchRecord } from './records';

type AccountCommands = Pick<
  CommandHandlers,
  'accounts/create' | 'accounts/update' | 'accounts/archive'
>;

export function accountCommands(ctx: CoreContext): AccountCommands {
  return {
    'accounts/create': (args) => insertRecord(ctx, 'accounts', args),
    'accounts/update': ({ id, patch }) => patchRecord(ctx, 'accounts', id, patch),
    'accounts/archive': ({ id }) => archiveRecord(ctx, 'accounts', id),
  };
}
