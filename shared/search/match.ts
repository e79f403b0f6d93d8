import { rangeOfEntries, type TextRange } from './normalize';
import { hasInitial, type SearchKey } from './pinyin-keys';

/**
 * How a text matched, best first: the whole text, its beginning, anywhere in it, by full pinyin
 * ("huawei", "huaw": whole readings, the last one possibly cut short), by initials or a mix
 * ("hw", "hwei", "zxtx").
 */
export const MATCH_KINDS = ['exact', 'prefix', 'substring', 'pinyin', 'initials'] as const;
export type MatchKind = (typeof MATCH_KINDS)[number];

export interface TextMatch {
  how: MatchKind;
  /** Where in the original text, for highlighting. */
  range: TextRange;
  /** Folded entry the match starts at: earlier is better within the same kind. */
  at: number;
}

const LETTERS = /[a-z]/u;

/**
 * Matches a folded query (see foldQuery) against one text's key. Plain substring first, which
 * covers Latin names, Chinese typed as Chinese, emails; then pinyin, only where the text has Han
 * characters and the query has letters.
 */
export function matchText(query: string, key: SearchKey): TextMatch | null {
  if (!query) return null;
  const index = key.joined.indexOf(query);
  if (index >= 0) {
    const first = key.entryAt[index]!;
    const last = key.entryAt[index + query.length - 1]!;
    const how: MatchKind =
      index > 0 ? 'substring' : query.length === key.joined.length ? 'exact' : 'prefix';
    return { how, range: rangeOfEntries(key, first, last), at: first };
  }
  if (!key.han || !LETTERS.test(query) || !hasInitial(key, query[0]!)) return null;
  const found = matchPinyin(query, key);
  return found && { ...found, range: rangeOfEntries(key, found.at, found.last) };
}

interface Path {
  /** Entry the match began at. */
  start: number;
  /** Every entry so far consumed whole (its character or a whole reading), none by initial. */
  full: boolean;
}

/**
 * Pinyin-pro's `match` rules with `continuous: true` (consecutive characters, as a person reads
 * a name), run on precomputed readings instead of looking them up per call: every character but
 * the last is typed as itself, as one of its whole readings or as a reading's first letter; the
 * last as any non-empty beginning of a reading (or itself). A match may start at any character.
 * Walks the text once, keeping for each query position reached the best path that reached it.
 */
export function matchPinyin(
  query: string,
  key: SearchKey,
): { how: 'pinyin' | 'initials'; at: number; last: number } | null {
  let paths = new Map<number, Path>();
  for (let i = 0; i < key.chars.length; i++) {
    const char = key.chars[i]!;
    const readings = key.readings[i]!;
    // Most characters cannot begin the query: skip them without building anything.
    const canStart = query.startsWith(char) || readings.some((r) => r[0] === query[0]);
    if (paths.size === 0 && !canStart) continue;
    if (canStart) paths.set(0, { start: i, full: true });
    const next = new Map<number, Path>();
    const reach = (position: number, path: Path) => {
      const held = next.get(position);
      if (!held || better(path, held)) next.set(position, path);
    };
    for (const [position, path] of paths) {
      const rest = query.slice(position);
      if (rest === char || readings.some((r) => r.startsWith(rest))) {
        return { how: path.full ? 'pinyin' : 'initials', at: path.start, last: i };
      }
      if (query.startsWith(char, position)) reach(position + char.length, path);
      for (const r of readings) {
        // Both ways, when both fit: "hhshua" needs 术 as "s" although "shu" fits as well.
        if (query.startsWith(r, position)) reach(position + r.length, path);
        if (r.length > 1 && r[0] === query[position]) reach(position + 1, { ...path, full: false });
      }
    }
    paths = next;
  }
  return null;
}

function better(a: Path, b: Path): boolean {
  return a.full !== b.full ? a.full : a.start < b.start;
}
