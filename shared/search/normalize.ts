/**
 * Text as search compares it: one entry per code point of the original, NFKC-folded (full-width
 * "ＡＢＢ" is "abb"), lowercased, whitespace dropped ("ABB 中国" is found by "abb中国" and by
 * "abbzg"). Each kept entry remembers where it sits in the original, so a match found in the
 * folded text can be highlighted in the text a person sees.
 */
export interface FoldedText {
  /** The folded entries, one per kept code point. */
  chars: string[];
  /** Code-unit offset of each entry's code point in the original text. */
  starts: number[];
  /** Code-unit length of each entry's code point in the original text. */
  lengths: number[];
  /** chars.join(''): what substring matching runs on. */
  joined: string;
  /** For each code unit of `joined`, the index of the entry it belongs to. */
  entryAt: number[];
}

const SPACE = /\s/u;

export function foldChar(char: string): string {
  return char.normalize('NFKC').toLowerCase();
}

export function foldText(text: string): FoldedText {
  const folded: FoldedText = { chars: [], starts: [], lengths: [], joined: '', entryAt: [] };
  let offset = 0;
  for (const char of text) {
    const f = foldChar(char).replace(/\s+/gu, '');
    if (f && !SPACE.test(char)) {
      for (let i = 0; i < f.length; i++) folded.entryAt.push(folded.chars.length);
      folded.chars.push(f);
      folded.starts.push(offset);
      folded.lengths.push(char.length);
      folded.joined += f;
    }
    offset += char.length;
  }
  return folded;
}

/** A query folded the same way as the text it is compared with. */
export function foldQuery(query: string): string {
  return foldText(query).joined;
}

/** A [start, end) code-unit range of the original text, for highlighting. */
export type TextRange = [start: number, end: number];

/** The original-text range covering folded entries first..last (inclusive). */
export function rangeOfEntries(folded: FoldedText, first: number, last: number): TextRange {
  return [folded.starts[first]!, folded.starts[last]! + folded.lengths[last]!];
}
