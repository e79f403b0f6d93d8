import { isSyncHttpError } from './http-client';
import type { SyncUser } from './protocol';
import { SignInError, type SyncAccount } from './types';

export function accountOf(serverUrl: string, user: SyncUser): SyncAccount {
  return {
    serverUrl,
    userId: user.id,
    username: user.username,
    name: user.name,
    role: user.role,
    orgId: user.orgId,
    orgName: user.orgName,
    // An older server's users have none.
    ...(typeof user.firmCode === 'string' && { firmCode: user.firmCode }),
  };
}

/** A failed login, as the reason the sign-in form names. */
export function signInFailure(error: unknown, serverUrl: string): SignInError {
  if (!isSyncHttpError(error)) {
    return new SignInError('unreachable', error instanceof Error ? error.message : String(error));
  }
  switch (error.kind) {
    case 'unreachable':
      return new SignInError('unreachable', error.message);
    case 'unauthorized':
      return new SignInError('wrongCredentials', error.message);
    case 'protocol':
      return new SignInError('notASyncServer', error.message);
    case 'certificate':
      // Changed between the look at it and the login: nothing was sent.
      return new SignInError('certificateChanged', error.message, {
        serverUrl,
        presented: error.certificate?.presented ?? '',
        ...(error.certificate ? { pinned: error.certificate.pinned } : {}),
      });
    case 'http':
      if (error.status === 429) return new SignInError('rateLimited', error.message);
      if (error.status === 400 && error.field === 'firmCode') {
        return new SignInError('firmCodeRequired', error.message);
      }
      if (error.code !== undefined && error.status !== undefined && error.status < 500) {
        return new SignInError('wrongCredentials', error.message);
      }
      return new SignInError('notASyncServer', error.message);
  }
}
