import type { Role, SyncUser } from '../../shared/sync/protocol';
import { newId } from '../../shared/domain/ids';
import { HttpError } from '../errors';
import type { SyncStore, UserRow } from '../store/types';
import { checkPasswordPolicy, hashPassword } from './passwords';

export const USERNAME_MAX_LENGTH = 64;
/** Matches ownerName's bound in the record schemas: the user's name is copied there. */
export const NAME_MAX_LENGTH = 100;

/** Usernames are compared case-insensitively: "Wang.Li" and "wang.li" are one person. */
export function normalizeUsername(username: string): string {
  return username.normalize('NFC').trim().toLowerCase();
}

export function checkUsername(username: string): void {
  if (username.length === 0)
    throw new HttpError(400, 'validation', 'username must not be empty', 'username');
  if (username.length > USERNAME_MAX_LENGTH) {
    throw new HttpError(
      400,
      'validation',
      `username must be at most ${USERNAME_MAX_LENGTH} characters`,
      'username',
    );
  }
  if (/[\s\p{Cc}]/u.test(username)) {
    throw new HttpError(
      400,
      'validation',
      'username must not contain spaces or control characters',
      'username',
    );
  }
}

export function checkName(name: string): string {
  const trimmed = name.trim();
  if (trimmed.length === 0)
    throw new HttpError(400, 'validation', 'name must not be empty', 'name');
  if (trimmed.length > NAME_MAX_LENGTH) {
    throw new HttpError(
      400,
      'validation',
      `name must be at most ${NAME_MAX_LENGTH} characters`,
      'name',
    );
  }
  return trimmed;
}

/** What a user's answers say about their firm. */
export interface FirmLabel {
  name: string;
  code: string;
}

export function toSyncUser(user: UserRow, firm: FirmLabel): SyncUser {
  return {
    id: user.id,
    orgId: user.orgId,
    orgName: firm.name,
    firmCode: firm.code,
    username: user.username,
    name: user.name,
    role: user.role,
    disabled: user.disabled,
    ...(user.managerId ? { managerId: user.managerId } : {}),
  };
}

/** Validates and creates a user (HTTP admin route, the create-admin command, test support). */
export async function createUserAccount(
  store: SyncStore,
  input: { orgId: string; username: string; name: string; role: Role; password: string },
  now: number,
): Promise<UserRow> {
  const username = normalizeUsername(input.username);
  checkUsername(username);
  const name = checkName(input.name);
  checkPasswordPolicy(input.password, [username, name]);
  const user: UserRow = {
    id: newId(),
    orgId: input.orgId,
    username,
    name,
    role: input.role,
    passwordHash: await hashPassword(input.password),
    disabled: false,
    createdAt: now,
  };
  await store.createUser(user);
  return user;
}

export async function firmOf(store: SyncStore, orgId: string): Promise<FirmLabel> {
  const org = await store.getOrganisation(orgId);
  return { name: org?.name ?? '', code: org?.code ?? '' };
}
