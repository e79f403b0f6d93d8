import { validationError } from '../api/errors';
import type { CoreContext } from './context';

/** A record that points at an account needs the account to exist (archived ones still do). */
export async function assertAccountExists(ctx: CoreContext, accountId: string): Promise<void> {
  const account = await ctx.database.accounts.findOne(accountId).exec();
  if (!account) throw validationError([{ field: 'accountId', code: 'notFound' }]);
}

/** An opportunity's contact must be a contact of the opportunity's own account. */
export async function assertContactOfAccount(
  ctx: CoreContext,
  contactId: string,
  accountId: string,
): Promise<void> {
  const contact = await ctx.database.contacts.findOne(contactId).exec();
  if (!contact || contact.accountId !== accountId) {
    throw validationError([{ field: 'contactId', code: 'notFound' }]);
  }
}
