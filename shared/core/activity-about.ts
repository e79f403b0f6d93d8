import type { RxCollection } from 'rxdb';
import type { ActivityAbout, ActivityRecordType } from '../api/activity-contract';
import type { OpportunityCard } from '../api/queries';
import type { Activity, Opportunity } from '../domain/entities';
import { plain, type CoreContext } from './context';

async function findAll<T>(
  collection: RxCollection<T>,
  ids: Iterable<string>,
): Promise<Map<string, T>> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return new Map();
  const docs = await collection.findByIds(unique).exec();
  return new Map([...docs].map(([id, doc]) => [id, plain(doc)]));
}

function toCard(
  opportunity: Opportunity,
  accountName: string | undefined,
  contactName: string | undefined,
): OpportunityCard {
  const card: OpportunityCard = { ...opportunity, accountName: accountName ?? '' };
  if (contactName) card.contactName = contactName;
  return card;
}

/**
 * The records a set of activities is about, read with one query per kind, so each item can be
 * named and opened. An opportunity comes as a board card (with its account's and contact's
 * names), which is what the opportunity dialog opens with. A record not on this device (not
 * synced yet, or never) is `other` with an empty title.
 */
export async function resolveAbout(
  ctx: CoreContext,
  activities: readonly Activity[],
): Promise<(activity: Activity) => ActivityAbout> {
  const db = ctx.database;
  const idsOf = (type: ActivityRecordType) =>
    activities.filter((a) => a.recordType === type).map((a) => a.recordId);
  const [opportunities, contacts, leads, contracts, deliveries, invoices] = await Promise.all([
    findAll(db.opportunities, idsOf('opportunity')),
    findAll(db.contacts, idsOf('contact')),
    findAll(db.leads, idsOf('lead')),
    findAll(db.contracts, idsOf('contract')),
    findAll(db.deliveries, idsOf('delivery')),
    findAll(db.invoices, idsOf('invoice')),
  ]);
  const opps = [...opportunities.values()];
  // Accounts and contacts are read after: opportunities and contacts name them too.
  const [accounts, oppContacts] = await Promise.all([
    findAll(db.accounts, [
      ...idsOf('account'),
      ...opps.map((o) => o.accountId),
      ...[...contacts.values()].map((c) => c.accountId),
    ]),
    findAll(
      db.contacts,
      opps.flatMap((o) => (o.contactId ? [o.contactId] : [])),
    ),
  ]);
  const other = (title: string | undefined): ActivityAbout => ({
    type: 'other',
    title: title ?? '',
  });

  return ({ recordType, recordId }) => {
    switch (recordType) {
      case 'opportunity': {
        const o = opportunities.get(recordId);
        if (!o) return other('');
        const contactName = o.contactId ? oppContacts.get(o.contactId)?.name : undefined;
        const card = toCard(o, accounts.get(o.accountId)?.name, contactName);
        return { type: 'opportunity', title: o.title, card };
      }
      case 'account': {
        const account = accounts.get(recordId);
        return account ? { type: 'account', title: account.name, account } : other('');
      }
      case 'contact': {
        const contact = contacts.get(recordId);
        if (!contact) return other('');
        const accountName = accounts.get(contact.accountId)?.name;
        return {
          type: 'contact',
          title: contact.name,
          contact,
          ...(accountName ? { accountName } : {}),
        };
      }
      case 'lead':
        return other(leads.get(recordId)?.company);
      case 'contract':
        return other(contracts.get(recordId)?.title);
      case 'delivery':
        return other(deliveries.get(recordId)?.title);
      case 'invoice':
        return other(invoices.get(recordId)?.number);
    }
  };
}
