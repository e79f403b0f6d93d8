import { parseArgs } from 'node:util';
import { newId } from '../../shared/domain/ids';
import { checkPasswordPolicy } from '../auth/passwords';
import { checkName, checkUsername, createUserAccount, normalizeUsername } from '../auth/users';
import type { SyncStore, UserRow } from '../store/types';

export const CREATE_ADMIN_USAGE =
  'npm run server -- create-admin --org "Firm name" --username admin --name "Your name" --password-stdin';

export interface CreateAdminInput {
  org: string;
  username: string;
  name: string;
  password: string;
}

/** A usage mistake: printed with the usage line, exit code 2. */
export class UsageError extends Error {}

/** Parses `create-admin` flags; the password comes from --password or, safer (no shell history), stdin. */
export async function parseCreateAdminArgs(
  args: string[],
  readStdin: () => Promise<string>,
): Promise<CreateAdminInput> {
  let values;
  try {
    ({ values } = parseArgs({
      args,
      options: {
        org: { type: 'string' },
        username: { type: 'string' },
        name: { type: 'string' },
        password: { type: 'string' },
        'password-stdin': { type: 'boolean' },
      },
      strict: true,
    }));
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  if (!values.org?.trim()) throw new UsageError('--org is required');
  if (!values.username?.trim()) throw new UsageError('--username is required');
  if (values.password !== undefined && values['password-stdin']) {
    throw new UsageError('give either --password or --password-stdin, not both');
  }
  const password = values['password-stdin']
    ? (await readStdin()).replace(/\r?\n$/, '')
    : values.password;
  if (password === undefined) throw new UsageError('--password-stdin (or --password) is required');
  return {
    org: values.org.trim(),
    username: values.username,
    name: values.name?.trim() || values.username.trim(),
    password,
  };
}

/** Creates an organisation and its first admin. */
export async function createAdmin(
  store: SyncStore,
  input: CreateAdminInput,
  now: number,
): Promise<{ orgId: string; firmCode: string; user: UserRow }> {
  const orgId = newId();
  // Checked before the organisation exists, so a bad username or a weak password leaves nothing
  // behind. The firm is new: no username is taken in it (usernames are unique per firm).
  const username = normalizeUsername(input.username);
  checkUsername(username);
  checkName(input.name);
  checkPasswordPolicy(input.password, [username, input.name, input.org]);
  const firm = await store.createOrganisation({ id: orgId, name: input.org, createdAt: now });
  const user = await createUserAccount(store, { ...input, orgId, role: 'admin' }, now);
  return { orgId, firmCode: firm.code, user };
}

export async function readAllStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}
