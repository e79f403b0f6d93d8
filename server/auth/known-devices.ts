import { randomBytes } from 'node:crypto';
import type { SyncStore, UserRow } from '../store/types';
import { hashToken } from './tokens';

/**
 * A device token proves that this device signed in to this account before: the server hands one
 * out at every successful sign-in, the app keeps it (the desktop's profile sync state, the web
 * build's storage) and sends it with its next sign-ins. It opens nothing by itself (the password
 * is still checked) and it is not a session: it only lets the owner's own device be counted
 * apart from strangers, so an attack on the account or from the office's address never slows
 * the owner down. The store keeps only its hash.
 */
export async function isKnownDevice(
  store: SyncStore,
  deviceToken: string | undefined,
  user: Pick<UserRow, 'id' | 'orgId'> | undefined,
): Promise<string | undefined> {
  if (deviceToken === undefined) return undefined;
  const tokenHash = hashToken(deviceToken);
  // Looked up whether or not the user exists: the answer's timing must not tell.
  const device = await store.findKnownDevice(tokenHash);
  return user !== undefined && device?.userId === user.id && device.orgId === user.orgId
    ? tokenHash
    : undefined;
}

/** The device token to hand back after a successful sign-in: the known one, or a new one. */
export async function deviceTokenFor(
  store: SyncStore,
  user: Pick<UserRow, 'id' | 'orgId'>,
  presented: string | undefined,
  known: boolean,
  now: number,
): Promise<string> {
  if (known && presented !== undefined) return presented;
  const token = randomBytes(32).toString('base64url');
  await store.addKnownDevice({
    tokenHash: hashToken(token),
    orgId: user.orgId,
    userId: user.id,
    createdAt: now,
  });
  return token;
}
