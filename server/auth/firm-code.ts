import { randomInt } from 'node:crypto';

/**
 * A firm's code: what its people type at sign-in, next to their username, so usernames need only
 * be unique within a firm. Short, and read aloud or copied by hand without mix-ups: no 0/O, 1/I/L.
 * It is no secret (everyone in the firm knows it); it only says which firm's "wang.li" is meant.
 */
const ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
export const FIRM_CODE_LENGTH = 6;
/** What a sign-in may send; longer is refused by the schema, not looked up. */
export const FIRM_CODE_MAX_INPUT = 32;

export function newFirmCode(): string {
  let code = '';
  for (let i = 0; i < FIRM_CODE_LENGTH; i++) code += ALPHABET[randomInt(ALPHABET.length)];
  return code;
}

export { normalizeFirmCode } from '../../shared/domain/firm-code';
