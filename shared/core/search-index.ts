import type { RxCollection, RxStorageChangeEvent } from 'rxdb';
import { Subject, type Observable, type Subscription } from 'rxjs';
import type { Account, Contact, Lead, Opportunity } from '../domain/entities';
import { search } from '../search';
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

const nextTask = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

/**
 * The quick search's index over accounts, contacts, leads and opportunities, one per database.
 * Built in the background in slices, then kept up to date from the collections' change streams,
 * which carry every write: the core's commands, sync's pulls, another tab's writes. A search
 * asked before the build is done waits for it, so it never answers from half an index.
 */
export class LiveSearchIndex implements NameLookup {
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
  /** Records a change event set while building: the event is as new as the page, or newer. */
  private readonly touched = new Set<string>();
  private readonly changed = new Subject<void>();
  private readonly subscriptions: Subscription[] = [];
  private building: Promise<void> | undefined;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private closed = false;
  private done = false;

  /** Emits after every applied batch of writes, once the index is built. */
  readonly changes$: Observable<void> = this.changed.asObservable();

  /** How many slices the build took and the longest, for the benchmark. */
  readonly buildStats = { slices: 0, longestSliceMs: 0, totalMs: 0 };

  constructor(
    private readonly database: LtcDatabase,
    startMs = SEARCH_INDEX_START_MS,
  ) {
    this.timer = setTimeout(() => void this.ready().catch(() => undefined), startMs);
  }

  /** Resolves once the index holds every record; starts the build if it has not started. */
  ready(): Promise<void> {
    if (this.closed) return Promise.reject(new Error('the search index is closed'));
    clearTimeout(this.timer);
    this.building ??= this.build().catch((error: unknown) => {
      // Start afresh on the next ask (a failed read must not leave a half index answering).
      this.reset();
      throw error;
    });
    return this.building;
  }

  get isReady(): boolean {
    return this.done;
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

  private reset(): void {
    for (const s of this.subscriptions.splice(0)) s.unsubscribe();
    for (const kind of KINDS) this.entries[kind].clear();
    this.accounts.clear();
    this.contacts.clear();
    this.touched.clear();
    this.building = undefined;
  }

  close(): void {
    this.closed = true;
    clearTimeout(this.timer);
    for (const s of this.subscriptions) s.unsubscribe();
    this.changed.complete();
  }

  private collection(kind: Kind): RxCollection<Indexed> {
    return this.database[COLLECTIONS[kind]] as unknown as RxCollection<Indexed>;
  }

  private async build(): Promise<void> {
    const started = performance.now();
    // Subscribed before the first read, so no write falls between the pages and the stream.
    for (const kind of KINDS) {
      this.subscriptions.push(
        this.collection(kind).eventBulks$.subscribe((bulk) => {
          for (const event of bulk.events) this.apply(kind, event);
          if (this.done) this.changed.next();
        }),
      );
    }
    for (const kind of KINDS) {
      let after: string | undefined;
      for (;;) {
        const sliceStart = performance.now();
        const docs = await this.collection(kind)
          .find({
            selector: after === undefined ? {} : { id: { $gt: after } },
            sort: [{ id: 'asc' }],
            limit: PAGE,
          })
          .exec();
        if (this.closed) throw new Error('the search index is closed');
        for (const doc of docs) {
          if (!this.touched.has(doc.primary)) this.put(kind, withoutMeta(doc._data));
        }
        this.noteSlice(performance.now() - sliceStart);
        await nextTask();
        if (docs.length < PAGE) break;
        after = docs[docs.length - 1]!.primary;
      }
    }
    // Searches over the first entries, each in a slice of its own: they get the matching code
    // compiled and optimised, which the person's first keystrokes would pay for otherwise (on
    // the sample firm the first search after a start took 5-10x a later one). Bounded, so the
    // slices stay short however big the firm.
    for (const typed of WARM_UP_QUERIES) {
      const warm = performance.now();
      search(this.first(WARM_UP_ENTRIES), typed, 20);
      this.noteSlice(performance.now() - warm);
      await nextTask();
      if (this.closed) throw new Error('the search index is closed');
    }
    this.touched.clear();
    this.done = true;
    this.buildStats.totalMs = performance.now() - started;
  }

  private noteSlice(ms: number): void {
    this.buildStats.slices += 1;
    this.buildStats.longestSliceMs = Math.max(this.buildStats.longestSliceMs, ms);
  }

  private apply(kind: Kind, event: RxStorageChangeEvent<Indexed>): void {
    if (!this.done) this.touched.add(event.documentId);
    if (event.operation === 'DELETE') this.remove(kind, event.documentId);
    else this.put(kind, withoutMeta(event.documentData));
  }

  private put(kind: Kind, record: Indexed): void {
    if (kind === 'account') this.accounts.set(record.id, record as Account);
    if (record.archived) return this.remove(kind, record.id, kind === 'account');
    if (kind === 'contact') this.contacts.set(record.id, record as Contact);
    // The union's members pair a kind with its record; TypeScript cannot follow `kind` here.
    this.entries[kind].set(record.id, searchEntry({ kind, record } as SearchRecord));
  }

  private remove(kind: Kind, id: string, keepName = false): void {
    if (kind === 'account' && !keepName) this.accounts.delete(id);
    if (kind === 'contact') this.contacts.delete(id);
    this.entries[kind].delete(id);
  }
}

const indexes = new WeakMap<LtcDatabase, LiveSearchIndex>();

/**
 * The database's search index, made on first ask (the core asks when it opens; `startMs` after
 * that it starts building by itself) and closed with the database. One per database: the
 * sample-data simulation makes services of its own on the same database, and they share it.
 */
export function searchIndexOf(database: LtcDatabase, startMs?: number): LiveSearchIndex {
  let index = indexes.get(database);
  if (!index) {
    const made = new LiveSearchIndex(database, startMs);
    indexes.set(database, made);
    database.onClose.push(() => made.close());
    index = made;
  }
  return index;
}
