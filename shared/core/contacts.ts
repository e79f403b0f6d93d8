import type { CommandHandlers } from '../api/crm-api';
import type { CoreContext } from './context';
import { archiveRecord, insertRecord, patchRecord } from './records';
import { assertAccountExists } from './references';

type ContactCommands = Pick<
  CommandHandlers,
  'contacts/create' | 'contacts/update' | 'contacts/archive'
>;

export function contactCommands(ctx: CoreContext): ContactCommands {
  return {
    'contacts/create': async (args) => {
      await assertAccountExists(ctx, args.accountId);
      return insertRecord(ctx, 'contacts', args);
    },
    'contacts/update': ({ id, patch }) =>
      patchRecord(ctx, 'contacts', id, patch, async (next) => {
        if (patch.accountId !== undefined) await assertAccountExists(ctx, next.accountId);
      }),
    'contacts/archive': ({ id }) => archiveRecord(ctx, 'contacts', id),
  };
}
