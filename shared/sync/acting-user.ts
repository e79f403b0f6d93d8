import type { RxDatabase } from 'rxdb';
import type { CurrentUser } from '../core/context';
import { SyncLocalStore } from './local-state';
import type { SyncAccount } from './types';

/** Who the core writes as: the signed-in server user, or the device's own user when signed out. */
export function actingUser(account: SyncAccount | undefined, localUser: CurrentUser): CurrentUser {
  return account ? { id: account.userId, name: account.name, role: account.role } : localUser;
}

/**
 * Who the core writes as on open, read from the account a sign-in remembered in the profile
 * database (one local document, no network). The hosts set it before their bridge answers
 * anything, because the sync engine starts beside the bridge and a record written before the
 * engine runs must still belong to the server user, or a rep's push of it would be refused.
 */
export async function rememberedActingUser(
  // Any profile database with local documents on (openLtcDatabase).
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  database: RxDatabase<any>,
  localUser: CurrentUser,
): Promise<CurrentUser> {
  try {
    const { account } = await new SyncLocalStore(database).read('account');
    return actingUser(account ?? undefined, localUser);
  } catch {
    // Unreadable sync state: the engine cannot start on it either, so nobody is signed in.
    return localUser;
  }
}
