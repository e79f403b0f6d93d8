import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';
import { HttpError } from '../errors';
import { passwordWeakness } from './password-strength';

/**
 * scrypt with a random salt, stored self-describing (`scrypt$N=…,r=…,p=…$salt$hash`, base64url)
 * so the cost can be raised later without breaking existing hashes.
 */
const PARAMS = { N: 16384, r: 8, p: 1 } as const;
const KEY_LENGTH = 32;
const SALT_BYTES = 16;
export const PASSWORD_MIN_LENGTH = 8;
/** scrypt's cost does not depend on the length, but a megabyte password is not a password. */
export const PASSWORD_MAX_LENGTH = 256;

function derive(
  password: string,
  salt: Buffer,
  keyLength: number,
  options: ScryptOptions,
): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    scrypt(
      password.normalize('NFC'),
      salt,
      keyLength,
      { ...options, maxmem: 64 * 1024 * 1024 },
      (err, key) => (err ? reject(err) : resolve(key)),
    );
  });
}

export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(SALT_BYTES);
  const key = await derive(password, salt, KEY_LENGTH, PARAMS);
  const params = `N=${PARAMS.N},r=${PARAMS.r},p=${PARAMS.p}`;
  return `scrypt$${params}$${salt.toString('base64url')}$${key.toString('base64url')}`;
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, params, saltText, keyText] = stored.split('$');
  if (scheme !== 'scrypt' || !params || !saltText || !keyText) return false;
  const values = Object.fromEntries(
    params.split(',').map((kv) => kv.split('=') as [string, string]),
  );
  const options = { N: Number(values.N), r: Number(values.r), p: Number(values.p) };
  if (!Object.values(options).every((v) => Number.isInteger(v) && v > 0)) return false;
  const expected = Buffer.from(keyText, 'base64url');
  const actual = await derive(
    password,
    Buffer.from(saltText, 'base64url'),
    expected.length,
    options,
  );
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}

/**
 * A stored hash of a random password, verified against when the username is unknown, so an
 * unknown user costs the same scrypt work as a wrong password (no user enumeration by timing).
 */
let dummyHash: Promise<string> | undefined;
export function dummyPasswordHash(): Promise<string> {
  dummyHash ??= hashPassword(randomBytes(16).toString('hex'));
  return dummyHash;
}

/**
 * Throws a 400 naming the field when the password does not meet the policy: its length, and how
 * easy it is to guess (password-strength.ts), given the words a guesser would try for this
 * person (`about`: their username, name, firm). The 400's code `weakPassword` lets the app say
 * so in the person's language.
 */
export function checkPasswordPolicy(
  password: string,
  about: readonly string[],
  field = 'password',
): void {
  if (password.length < PASSWORD_MIN_LENGTH) {
    throw new HttpError(
      400,
      'validation',
      `${field} must be at least ${PASSWORD_MIN_LENGTH} characters long`,
      field,
    );
  }
  if (password.length > PASSWORD_MAX_LENGTH) {
    throw new HttpError(
      400,
      'validation',
      `${field} must be at most ${PASSWORD_MAX_LENGTH} characters long`,
      field,
    );
  }
  const weakness = passwordWeakness(password, about);
  if (weakness !== undefined) {
    throw new HttpError(400, 'weakPassword', `${field} is too easy to guess: ${weakness}`, field);
  }
}
