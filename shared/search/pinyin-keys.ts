import { polyphonic } from 'pinyin-pro';
import { foldText, type FoldedText } from './normalize';

/**
 * What pinyin matching needs of one text, computed once per record and reused on every
 * keystroke: the folded text, every reading of each Han character (polyphonic: 重 is both
 * "zhong" and "chong", so "chongqing" and "cq" find 重庆 whatever the context would say), and a
 * bit set of the letters any entry can start with, which rules most texts out in one test.
 */
export interface SearchKey extends FoldedText {
  /** Toneless readings per entry; empty for entries that are not Han characters. */
  readings: string[][];
  /** Whether any entry is a Han character: only then can pinyin find what a substring cannot. */
  han: boolean;
  /** Bit (c - 'a') set when some entry is, or has a reading starting with, letter c. */
  initials: number;
}

const HAN = /\p{Script=Han}/u;

/** Readings per character; a CRM holds a few thousand distinct characters, so this stays small. */
const readingsOfChar = new Map<string, string[]>();

/** Every toneless reading of one Han character, with ü also spelt v as pinyin keyboards type it. */
export function readingsOf(char: string): string[] {
  let readings = readingsOfChar.get(char);
  if (!readings) {
    const found = polyphonic(char, { toneType: 'none', type: 'array' })[0] ?? [];
    const set = new Set<string>();
    for (const reading of found) {
      const r = reading.toLowerCase();
      if (!/^[a-zü]+$/u.test(r)) continue;
      set.add(r);
      if (r.includes('ü')) set.add(r.replace(/ü/gu, 'v'));
    }
    readings = [...set];
    readingsOfChar.set(char, readings);
  }
  return readings;
}

function letterBit(letter: string): number {
  const code = letter.charCodeAt(0) - 97;
  return code >= 0 && code < 26 && letter.length > 0 ? 1 << code : 0;
}

export function searchKey(text: string): SearchKey {
  const folded = foldText(text);
  let han = false;
  let initials = 0;
  const readings = folded.chars.map((char) => {
    initials |= letterBit(char[0] ?? '');
    if (!HAN.test(char)) return [];
    han = true;
    const rs = readingsOf(char);
    for (const r of rs) initials |= letterBit(r[0]!);
    return rs;
  });
  return { ...folded, readings, han, initials };
}

export function hasInitial(key: SearchKey, letter: string): boolean {
  const bit = letterBit(letter);
  return bit === 0 || (key.initials & bit) !== 0;
}
