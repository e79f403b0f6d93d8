import { matchText, MATCH_KINDS, type MatchKind, type TextMatch } from './match';
import { foldQuery } from './normalize';
import { matchPhone, phoneKey, phoneQuery, type PhoneKey } from './phone';
import { searchKey, type SearchKey } from './pinyin-keys';

/** One searchable text of a record: a name, a company, a phone number, an email. */
export interface IndexedText<F extends string> {
  field: F;
  text: string;
  key: SearchKey;
  /** Present for phone numbers, which are matched on their digits. */
  phone?: PhoneKey;
}

export function indexText<F extends string>(field: F, text: string): IndexedText<F> {
  return { field, text, key: searchKey(text) };
}

export function indexPhone<F extends string>(field: F, text: string): IndexedText<F> {
  return { field, text, key: searchKey(text), phone: phoneKey(text) };
}

/** A record as search sees it; `texts` in the order they count (its name first). */
export interface SearchEntry<T, F extends string> {
  value: T;
  texts: IndexedText<F>[];
  /** Breaks ties between records of different kinds (lower first). */
  kindOrder: number;
  /** Breaks ties left by the kind, in the reader's collation. */
  sortName: string;
  /**
   * Breaks the last ties (two records of one name): the record's id, so the order of equals does
   * not depend on the order the index happened to be built or written in.
   */
  id?: string;
}

export interface Found<T, F extends string> extends TextMatch {
  value: T;
  field: F;
  /** The text that matched, as stored. */
  text: string;
}

const tier = (how: MatchKind) => MATCH_KINDS.indexOf(how);
const collator = new Intl.Collator('zh-CN');

interface Scored<T, F extends string> {
  found: Found<T, F>;
  fieldIndex: number;
  entry: SearchEntry<T, F>;
}

const byId = (a = '', b = '') => (a < b ? -1 : a > b ? 1 : 0);

/**
 * Exact before prefix before substring before full pinyin before initials; then a match in the
 * record's main text before one in a secondary text, an earlier match before a later one, a
 * shorter text before a longer (its match covers more of it), kind, name, and id.
 */
function compare<T, F extends string>(a: Scored<T, F>, b: Scored<T, F>): number {
  return (
    tier(a.found.how) - tier(b.found.how) ||
    a.fieldIndex - b.fieldIndex ||
    a.found.at - b.found.at ||
    a.found.text.length - b.found.text.length ||
    a.entry.kindOrder - b.entry.kindOrder ||
    collator.compare(a.entry.sortName, b.entry.sortName) ||
    byId(a.entry.id, b.entry.id)
  );
}

/** The best `limit` records for what a person typed; nothing for an empty query. */
export function search<T, F extends string>(
  entries: Iterable<SearchEntry<T, F>>,
  typed: string,
  limit: number,
): Found<T, F>[] {
  const query = foldQuery(typed);
  if (!query || limit <= 0) return [];
  const digits = phoneQuery(typed);
  const scored: Scored<T, F>[] = [];
  for (const entry of entries) {
    let best: Scored<T, F> | undefined;
    entry.texts.forEach((indexed, fieldIndex) => {
      const match =
        indexed.phone && digits ? matchPhone(digits, indexed.phone) : matchText(query, indexed.key);
      if (!match) return;
      const candidate: Scored<T, F> = {
        found: { ...match, value: entry.value, field: indexed.field, text: indexed.text },
        fieldIndex,
        entry,
      };
      if (!best || compare(candidate, best) < 0) best = candidate;
    });
    if (best) scored.push(best);
  }
  return scored
    .sort(compare)
    .slice(0, limit)
    .map((s) => s.found);
}

/**
 * Index entries kept per record id and reused while the record's `updatedAt` is unchanged, so a
 * change to one record re-reads one record's pinyin, not five thousand.
 */
export class EntryCache<F extends string> {
  private entries = new Map<string, { updatedAt: number; texts: IndexedText<F>[] }>();

  /**
   * The texts for one record, built by `build` only when the record is new or changed. Call
   * `sweep` after a full pass so records that are gone do not linger.
   */
  texts(id: string, updatedAt: number, build: () => IndexedText<F>[]): IndexedText<F>[] {
    const held = this.entries.get(id);
    if (held && held.updatedAt === updatedAt) {
      this.seen.add(id);
      return held.texts;
    }
    const texts = build();
    this.entries.set(id, { updatedAt, texts });
    this.seen.add(id);
    return texts;
  }

  private seen = new Set<string>();

  /** Forgets every record not asked for since the last sweep. */
  sweep(): void {
    for (const id of this.entries.keys()) if (!this.seen.has(id)) this.entries.delete(id);
    this.seen = new Set();
  }

  get size(): number {
    return this.entries.size;
  }
}
