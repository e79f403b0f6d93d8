import { isSyncHttpError, type SyncHttpClient, type SyncHttpError } from './http-client';
import type { SyncSession } from './session';
import { UserAdminError } from './types';

/** The fields whose 409 means "this would leave the organisation without an active admin". */
const LAST_ADMIN_FIELDS: ReadonlySet<string> = new Set(['role', 'disabled']);

/**
 * A failed user-administration request as the reason the users dialog words, keeping the
 * server's code and field so a form can put the message under the field the server named.
 */
export function userAdminFailure(error: unknown): UserAdminError {
  if (!isSyncHttpError(error)) {
    return new UserAdminError('server', error instanceof Error ? error.message : String(error));
  }
  const { message, field, code, status } = error;
  const failure = (reason: UserAdminError['reason']) =>
    new UserAdminError(reason, message, field, code, status);
  switch (error.kind) {
    case 'unreachable':
      return failure('unreachable');
    case 'unauthorized':
    case 'certificate':
      return failure('signedOut');
    case 'protocol':
      return failure('server');
    case 'http':
      break;
  }
  if (status === 403) return failure('forbidden');
  if (status === 404) return failure('notFound');
  if (status === 409 && field === 'username') return failure('usernameTaken');
  if (status === 409 && field !== undefined && LAST_ADMIN_FIELDS.has(field)) {
    return failure('lastAdmin');
  }
  if (status === 400) return failure('invalid');
  return failure('server');
}

/**
 * One user-administration request with the session's token. It does not wait out sync's backoff
 * (a person is waiting on it) and its failure does not count as sync's: a refused request is the
 * dialog's to word. A 401 still means the token is gone, for sync as well (`onUnauthorized`).
 */
export async function asSignedInUser<T>(
  session: SyncSession | undefined,
  call: (client: SyncHttpClient) => Promise<T>,
  onUnauthorized: (session: SyncSession, error: SyncHttpError) => Promise<void>,
): Promise<T> {
  if (!session || session.isStopped()) {
    throw new UserAdminError('signedOut', 'Sign in to the sync server to manage users.');
  }
  try {
    return await call(session.client);
  } catch (error) {
    if (isSyncHttpError(error, 'unauthorized')) await onUnauthorized(session, error);
    throw userAdminFailure(error);
  }
}
