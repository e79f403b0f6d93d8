import type { CommandHandlers } from '../api/crm-api';
import { validationError } from '../api/errors';
import type { MergeKind } from '../api/merge-contract';
import type { Account, Contact, Lead } from '../domain/entities';
import type { CoreContext } from './context';
import { fillBlanks, previewMerge, runMerge, type MergeSpec } from './merge-records';

type MergeCommands = Pick<
  CommandHandlers,
  | 'merge/preview'
  | 'leads/merge'
  | 'accounts/merge'
  | 'contacts/merge'
  | 'leads/fillBlanks'
  | 'accounts/fillBlanks'
  | 'contacts/fillBlanks'
>;

/** Activities are about a record by its id alone (ids are unique across kinds). */
const activities = { collection: 'activities', field: 'recordId', moves: 'activities' } as const;

/** What refers to each kind, and so moves to the target (see merge-records.ts). */
const SPECS: Record<MergeKind, MergeSpec> = {
  // A lead's history (its stage events) stays its own; its activities follow the customer.
  lead: { kind: 'lead', collection: 'leads', references: [activities] },
  account: {
    kind: 'account',
    collection: 'accounts',
    references: [
      { collection: 'contacts', field: 'accountId', moves: 'contacts' },
      { collection: 'leads', field: 'convertedAccountId', moves: 'leads' },
      { collection: 'opportunities', field: 'accountId', moves: 'opportunities' },
      { collection: 'contracts', field: 'accountId', moves: 'contracts' },
      { collection: 'deliveries', field: 'accountId', moves: 'deliveries' },
      { collection: 'invoices', field: 'accountId', moves: 'invoices' },
      activities,
    ],
  },
  contact: {
    kind: 'contact',
    collection: 'contacts',
    references: [
      { collection: 'opportunities', field: 'contactId', moves: 'opportunities' },
      { collection: 'contracts', field: 'contactId', moves: 'contracts' },
      { collection: 'leads', field: 'convertedContactId', moves: 'leads' },
      activities,
    ],
    /**
     * An opportunity's contact must belong to its account (references.ts): moving a contact's
     * deals to a person at another firm would break that. Merge the accounts first; their
     * contacts then share one account and can be merged.
     */
    check(source, target) {
      const [s, t] = [source as Contact, target as Contact];
      if (s.accountId !== t.accountId) {
        throw validationError(
          [{ field: 'accountId', code: 'invalid' }],
          `contacts ${s.id} and ${t.id} belong to different accounts`,
        );
      }
    },
  },
};

export function mergeCommands(ctx: CoreContext): MergeCommands {
  return {
    'merge/preview': ({ kind, sourceId, targetId }) =>
      previewMerge(ctx, SPECS[kind], sourceId, targetId),
    'leads/merge': ({ sourceId, targetId }) => runMerge<Lead>(ctx, SPECS.lead, sourceId, targetId),
    'accounts/merge': ({ sourceId, targetId }) =>
      runMerge<Account>(ctx, SPECS.account, sourceId, targetId),
    'contacts/merge': ({ sourceId, targetId }) =>
      runMerge<Contact>(ctx, SPECS.contact, sourceId, targetId),
    'leads/fillBlanks': ({ id, values }) => fillBlanks<Lead>(ctx, 'lead', id, values),
    'accounts/fillBlanks': ({ id, values }) => fillBlanks<Account>(ctx, 'account', id, values),
    'contacts/fillBlanks': ({ id, values }) => fillBlanks<Contact>(ctx, 'contact', id, values),
  };
}
