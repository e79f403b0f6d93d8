import type { RxCollection, RxDocumentData } from 'rxdb';
import type { Account, Contact, Lead, Opportunity } from '../domain/entities';
import { search } from '../search';
import { BackgroundMirror, onePerDatabase } from './background-mirror';
import { withoutMeta } from './context';
import type { LtcDatabase } from './database';
import {
  searchEntry,
  type NameLookup,
  type SearchIndexEntry,
  type SearchRecord,
} from './search-entries';

type Kind = SearchRecord['kind'];
type Indexed = Account | Contact | Lead | Opportunity;

const COLLECTIONS = {
  account: 'accounts',
  contact: 'contacts',
  lead: 'leads',
  opportunity: 'opportunities',
} as const satisfies Record<Kind, string>;
const KINDS = Object.keys(COLLECTIONS) as Kind[];

/**
 * Documents read and indexed between two yields while building (a few ms of work). The desktop
 * core shares main's event loop with the IPC bridge and the web core shares the page's thread,
 * so no stretch may stall either for long.
 */
const PAGE = 200;
/**
 * How long after the database opens the build starts by itself: the first screen's queries
 * come first. A search asked for earlier starts it at once.
 */
const SEARCH_INDEX_START_MS = 500;

/** Queries through every path of matching: substring, pinyin, initials, phone digits. */
export const WARM_UP_QUERIES = ['zh', 'sz', 'huaw', 'a', 'zhongx', '138', 'c', 'hw', 'li', 'sh'];
const WARM_UP_ENTRIES = 2_000;

/**
 * The quick search's index over accounts, contacts, leads and opportunities, one per database:
 * a background mirror (background-mirror.ts) of their search entries. A search asked before
 * the build is done waits for it, so it never answers from half an index.
 */
export class LiveSearchIndex extends BackgroundMirror<Kind, Indexed> implements NameLookup {
  /** Every account, archived too (their names show on live contacts and deals). */
  private readonly accounts = new Map<string, Account>();
  /** Live (not archived) contacts: a deal shows only a live contact's name. */
  private readonly contacts = new Map<string, Contact>();
  private readonly entries: Record<Kind, Map<string, SearchIndexEntry>> = {
    account: new Map(),
    contact: new Map(),
    lead: new Map(),
    opportunity: new Map(),
  };

  constructor(
    private readonly database: LtcDatabase,
    startMs = SEARCH_INDEX_START_MS,
  ) {
    super('search index', KINDS, PAGE, startMs);
  }

  /** Every entry, for one search; valid until the next write is applied. */
  *all(): Iterable<SearchIndexEntry> {
    for (const kind of KINDS) yield* this.entries[kind].values();
  }

  private *first(count: number): Iterable<SearchIndexEntry> {
    let left = count;
    for (const entry of this.all()) {
      if (left-- <= 0) return;
      yield entry;
    }
  }

  accountName(id: string): string {
    return this.accounts.get(id)?.name ?? '';
  }

  contactName(id: string): string | undefined {
    return this.contacts.get(id)?.name;
  }

  protected clear(): void {
    for (const kind of KINDS) this.entries[kind].clear();
    this.accounts.clear();
    this.contacts.clear();
  }

  protected collection(kind: Kind): RxCollection<Indexed> {
    return this.database[COLLECTIONS[kind]] as unknown as RxCollection<Indexed>;
  }

  /**
   * Searches over the first entries, each in a slice of its own: they get the matching code
   * compiled and optimised, which the person's first keystrokes would pay for otherwise (on the
   * sample firm the first search after a start took 5-10x a later one). Bounded, so the slices
   * stay short however big the firm.
   */
  protected override async afterPages(slice: (work: () => void) => Promise<void>): Promise<void> {
    for (const typed of WARM_UP_QUERIES) {
      await slice(() => search(this.first(WARM_UP_ENTRIES), typed, 20));
    }
  }

  protected put(kind: Kind, data: RxDocumentData<Indexed>): void {
    const record = withoutMeta(data);
    if (kind === 'account') this.accounts.set(record.id, record as Account);
    if (record.archived) return this.remove(kind, record.id, kind === 'account');
    if (kind === 'contact') this.contacts.set(record.id, record as Contact);
    // The union's members pair a kind with its record; TypeScript cannot follow `kind` here.
    this.entries[kind].set(record.id, searchEntry({ kind, record } as SearchRecord));
  }

  protected remove(kind: Kind, id: string, keepName = false): void {
    if (kind === 'account' && !keepName) this.accounts.delete(id);
    if (kind === 'contact') this.contacts.delete(id);
    this.entries[kind].delete(id);
  }
}

/** The database's search index (see onePerDatabase). */
export const searchIndexOf = onePerDatabase(
  (database, startMs) => new LiveSearchIndex(database, startMs),
);
