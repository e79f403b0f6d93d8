import { isSyncHttpError, type SyncHttpClient } from './http-client';
import { deviceKey, type SyncLocalStore } from './local-state';
import type { LoginResponse, SyncUser } from './protocol';
import { SignInError, type SignInRequest, type SyncAccount } from './types';

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

/**
 * The login request, with the device token this device holds for the account (if any); a new one
 * the server gives is kept for the next sign-in. A failure is the reason the form names.
 */
export async function logIn(
  client: SyncHttpClient,
  store: SyncLocalStore,
  serverUrl: string,
  request: SignInRequest,
): Promise<LoginResponse> {
  const device = deviceKey(serverUrl, request.firmCode ?? '', request.username);
  const { tokens } = await store.read('devices');
  const deviceToken = tokens[device];
  let login;
  try {
    login = await client.login({
      ...(request.firmCode?.trim() && { firmCode: request.firmCode.trim() }),
      username: request.username,
      password: request.password,
      ...(deviceToken !== undefined && { deviceToken }),
    });
  } catch (error) {
    throw signInFailure(error, serverUrl);
  }
  if (login.deviceToken !== deviceToken && typeof login.deviceToken === 'string') {
    await store.update('devices', (current) => ({
      tokens: { ...current.tokens, [device]: login.deviceToken },
    }));
  }
  return login;
}
