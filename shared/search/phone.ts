import type { TextRange } from './normalize';
import type { MatchKind, TextMatch } from './match';

/**
 * Phone numbers are written every which way ("138-0013-8000", "+86 138 0013 8000", "(010)
 * 6543 2100"), so they are compared on their digits alone. A query is a phone query when it has
 * at least three digits and nothing but digits and the usual separators.
 */
export interface PhoneKey {
  digits: string;
  /** Code-unit offset of each digit in the original text. */
  at: number[];
}

const PHONE_QUERY = /^[+\d\-()\s.]*$/u;
export const MIN_PHONE_DIGITS = 3;

export function phoneKey(text: string): PhoneKey {
  const key: PhoneKey = { digits: '', at: [] };
  let offset = 0;
  for (const char of text) {
    // Folded one by one so offsets stay those of the original (full-width "１" is a digit too).
    const c = char.normalize('NFKC');
    if (c.length === 1 && c >= '0' && c <= '9') {
      key.digits += c;
      key.at.push(offset);
    }
    offset += char.length;
  }
  return key;
}

/** The query's digits when it reads as a phone number, else null. */
export function phoneQuery(query: string): string | null {
  const folded = query.normalize('NFKC');
  if (!PHONE_QUERY.test(folded)) return null;
  const digits = folded.replace(/\D/gu, '');
  return digits.length >= MIN_PHONE_DIGITS ? digits : null;
}

export function matchPhone(digits: string, key: PhoneKey): TextMatch | null {
  const index = key.digits.indexOf(digits);
  if (index < 0) return null;
  const how: MatchKind =
    index > 0 ? 'substring' : digits.length === key.digits.length ? 'exact' : 'prefix';
  const range: TextRange = [key.at[index]!, key.at[index + digits.length - 1]! + 1];
  return { how, range, at: index };
}
