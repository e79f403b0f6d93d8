import { createHash, randomBytes } from 'node:crypto';
import type { SyncStore, TokenRow, UserRow } from '../store/types';

export const DEFAULT_TOKEN_TTL_MS = 30 * 24 * 60 * 60 * 1000;

/** The store keeps only this hash: a leaked database does not hand out working tokens. */
export function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

/** An opaque 32-byte random bearer token (base64url) for `user`, stored as its SHA-256 hash. */
export async function issueToken(
  store: SyncStore,
  user: Pick<UserRow, 'id' | 'orgId'>,
  now: number,
  ttlMs: number,
): Promise<{ token: string; expiresAt: number }> {
  const token = randomBytes(32).toString('base64url');
  const row: TokenRow = {
    tokenHash: hashToken(token),
    userId: user.id,
    orgId: user.orgId,
    createdAt: now,
    expiresAt: now + ttlMs,
    revokedAt: null,
  };
  await store.insertToken(row);
  return { token, expiresAt: row.expiresAt };
}

/**
 * The live user behind a bearer token, or undefined when the token is unknown, expired, revoked,
 * or its user is disabled (checked on every request, so disabling takes effect at once).
 */
export function resolveToken(
  store: SyncStore,
  token: string,
  now: number,
): Promise<Session | undefined> {
  return resolveSession(store, hashToken(token), now);
}

export interface Session {
  user: UserRow;
  tokenHash: string;
  /** The firm's users_version at this request's sign-in check (store/users-cache.ts). */
  usersVersion: number;
}

/** As resolveToken, by the stored hash (open streams re-check their session with it). */
export async function resolveSession(
  store: SyncStore,
  tokenHash: string,
  now: number,
): Promise<Session | undefined> {
  const found = await store.findSession(tokenHash);
  if (!found) return undefined;
  const { token, user, usersVersion } = found;
  if (token.revokedAt !== null || token.expiresAt <= now || user.disabled) return undefined;
  return { user, tokenHash, usersVersion };
}
