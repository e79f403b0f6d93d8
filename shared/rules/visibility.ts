import type { Role } from '../domain/roles';
import type { Doc } from './catalog';

/*
 * Who sees what (a firm setting, the admin's to change). "everyone": every person of the firm
 * sees every record, as in a firm of a few people who all work every customer. "own": a rep sees
 * their own records and everything about the accounts they work on; a manager sees the same for
 * their team (themselves and the people whose manager they are); an admin sees everything.
 * The sync server applies this to every pull and to the event stream; the app only ever has what
 * it was sent. The firm's configuration (pipelines) is everyone's.
 */

export const VISIBILITY_MODES = ['everyone', 'own'] as const;
export type VisibilityMode = (typeof VISIBILITY_MODES)[number];

export interface Viewer {
  id: string;
  role: Role;
}

/** Whether the viewer sees everything, whatever a record says. */
export function seesEverything(mode: VisibilityMode, viewer: Viewer): boolean {
  return mode === 'everyone' || viewer.role === 'admin';
}

/** The people whose records the viewer sees as their own: themselves, and a manager's team. */
export function peopleOf(
  viewer: Viewer,
  reportsTo: (userId: string) => string | undefined,
  users: readonly string[],
): Set<string> {
  const people = new Set([viewer.id]);
  if (viewer.role === 'manager') {
    for (const user of users) if (reportsTo(user) === viewer.id) people.add(user);
  }
  return people;
}

/**
 * The account a record belongs to, where it has one: an account is its own; a contact, deal,
 * contract, delivery or invoice names its account; an activity about an account names it. Such
 * a record is seen by everyone who works on the account.
 */
export function accountOf(collection: string, doc: Doc): string | undefined {
  if (collection === 'accounts') return typeof doc.id === 'string' ? doc.id : undefined;
  if (collection === 'activities') {
    return doc.recordType === 'account' && typeof doc.recordId === 'string'
      ? doc.recordId
      : undefined;
  }
  if (collection === 'leads') {
    return typeof doc.convertedAccountId === 'string' ? doc.convertedAccountId : undefined;
  }
  return typeof doc.accountId === 'string' ? doc.accountId : undefined;
}

/** The record a record hangs on, for those that have neither owner scope nor account of their own. */
export function parentOf(
  collection: string,
  doc: Doc,
): { collection: string; id: string } | undefined {
  const id = (field: string) =>
    typeof doc[field] === 'string' ? (doc[field] as string) : undefined;
  switch (collection) {
    case 'payments': {
      const invoice = id('invoiceId');
      return invoice ? { collection: 'invoices', id: invoice } : undefined;
    }
    case 'stageevents':
    case 'fieldchanges':
    case 'activities': {
      const record = id('recordId');
      const type = collection === 'stageevents' ? String(doc.phase) : String(doc.recordType);
      const target = RECORD_COLLECTIONS[type];
      return record && target ? { collection: target, id: record } : undefined;
    }
    default:
      return undefined;
  }
}

const RECORD_COLLECTIONS: Record<string, string> = {
  account: 'accounts',
  contact: 'contacts',
  lead: 'leads',
  opportunity: 'opportunities',
  contract: 'contracts',
  delivery: 'deliveries',
  invoice: 'invoices',
  payment: 'payments',
  activity: 'activities',
  pipeline: 'pipelines',
};

/** What deciding one record's visibility needs about the viewer. */
export interface ViewScope {
  people: ReadonlySet<string>;
  /** Accounts the viewer's people work on: own, or named by one of their records. */
  accounts: ReadonlySet<string>;
}

/**
 * Whether a record is in the viewer's scope: owned (or, for the audit trail, written) by one of
 * their people, or belonging to an account they work on; a record hanging on another (a payment,
 * a stage event) is seen with it (`parentVisible`). The firm's configuration is everyone's.
 */
export function inScope(
  collection: string,
  doc: Doc,
  scope: ViewScope,
  parentVisible: (parent: { collection: string; id: string }) => boolean,
): boolean {
  if (collection === 'pipelines') return true;
  const owner = typeof doc.ownerId === 'string' ? doc.ownerId : undefined;
  if (owner && scope.people.has(owner)) return true;
  const account = accountOf(collection, doc);
  if (account && scope.accounts.has(account)) return true;
  const parent = parentOf(collection, doc);
  return parent ? parentVisible(parent) : false;
}
