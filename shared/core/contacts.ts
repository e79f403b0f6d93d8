import type { CommandHandlers } from '../api/crm-api';
import type { CoreContext } from './context';
import { archiveRecord, insertRecord, patchRecord } from './records';

type ContactCommands = Pick<
  CommandHandlers,
  'contacts/create' | 'contacts/update' | 'contacts/archive'
>;

export function contactCommands(ctx: CoreContext): ContactCommands {
  return {
    // The account must exist: the rulebook's reference rule, checked at the write (rulebook.ts).
    'contacts/create': (args) => insertRecord(ctx, 'contacts', args),
    'contacts/update': ({ id, patch }) => patchRecord(ctx, 'contacts', id, patch),
    'contacts/archive': ({ id }) => archiveRecord(ctx, 'contacts', id),
  };
}
