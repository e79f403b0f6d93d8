import { combineLatest, map, ReplaySubject, share, timer, type Observable } from 'rxjs';
import type { QueryHandlers } from '../api/crm-api';
import type { OpportunityCard } from '../api/queries';
import {
  SEARCH_LIMIT_DEFAULT,
  type SearchField,
  type SearchHit,
  type SearchKind,
} from '../api/search-contract';
import type { Account, Contact, Lead, Opportunity } from '../domain/entities';
import {
  EntryCache,
  foldQuery,
  indexPhone,
  indexText,
  search,
  type IndexedText,
  type SearchEntry,
} from '../search';
import { plain, type CoreContext } from './context';
import { subscribeLive } from './live';

/** What an entry carries until a hit is made of it: the kind, and the hit minus its match. */
type Target = Omit<SearchHit, 'matchedBy'>;
type Entry = SearchEntry<Target, SearchField>;

const KIND_ORDER: Record<SearchKind, number> = { account: 0, opportunity: 1, contact: 2, lead: 3 };

/**
 * How long the index outlives its last subscriber. Typing re-subscribes on every keystroke (the
 * renderer drops the old query before it opens the new one), and rebuilding from the database
 * each time would make search as slow as the collections are large.
 */
const KEEP_WARM_MS = 60_000;

function optionalTexts(
  pairs: [SearchField, string | undefined, 'text' | 'phone'][],
): IndexedText<SearchField>[] {
  const texts: IndexedText<SearchField>[] = [];
  for (const [field, text, as] of pairs) {
    if (!text) continue;
    texts.push(as === 'phone' ? indexPhone(field, text) : indexText(field, text));
  }
  return texts;
}

/** The search index over the four collections, rebuilt (from cached keys) on every change. */
function searchIndex(ctx: CoreContext): Observable<Entry[]> {
  const { accounts, contacts, leads, opportunities } = ctx.database;
  const cache = new EntryCache<SearchField>();
  const live = { selector: { archived: false } } as const;
  return combineLatest([
    // Every account, archived too: a live contact or deal still shows its account's name.
    accounts.find().$,
    contacts.find(live).$,
    leads.find(live).$,
    opportunities.find(live).$,
  ]).pipe(
    map(([accountDocs, contactDocs, leadDocs, opportunityDocs]) => {
      const accountList = accountDocs.map(plain);
      const accountName = new Map(accountList.map((a) => [a.id, a.name]));
      const contactList = contactDocs.map(plain);
      const contactName = new Map(contactList.map((c) => [c.id, c.name]));
      const entries: Entry[] = [
        ...accountList.filter((a) => !a.archived).map((a) => accountEntry(cache, a)),
        ...contactList.map((c) => contactEntry(cache, c, accountName.get(c.accountId) ?? '')),
        ...leadDocs.map((d) => leadEntry(cache, plain(d))),
        ...opportunityDocs.map((d) => opportunityEntry(cache, plain(d), accountName, contactName)),
      ];
      cache.sweep();
      return entries;
    }),
    share({
      connector: () => new ReplaySubject<Entry[]>(1),
      resetOnError: true,
      resetOnComplete: true,
      resetOnRefCountZero: () => timer(KEEP_WARM_MS),
    }),
  );
}

type Cache = EntryCache<SearchField>;

function accountEntry(cache: Cache, a: Account): Entry {
  return {
    value: { kind: 'account', id: a.id, title: a.name, subtitle: a.industry ?? '', record: a },
    texts: cache.texts(a.id, a.updatedAt, () =>
      optionalTexts([
        ['name', a.name, 'text'],
        ['phone', a.phone, 'phone'],
      ]),
    ),
    kindOrder: KIND_ORDER.account,
    sortName: a.name,
  };
}

function contactEntry(cache: Cache, c: Contact, accountName: string): Entry {
  return {
    value: { kind: 'contact', id: c.id, title: c.name, subtitle: accountName, record: c },
    texts: cache.texts(c.id, c.updatedAt, () =>
      optionalTexts([
        ['name', c.name, 'text'],
        ['phone', c.phone, 'phone'],
        ['email', c.email, 'text'],
      ]),
    ),
    kindOrder: KIND_ORDER.contact,
    sortName: c.name,
  };
}

function leadEntry(cache: Cache, l: Lead): Entry {
  return {
    value: { kind: 'lead', id: l.id, title: l.company, subtitle: l.contactName ?? '', record: l },
    texts: cache.texts(l.id, l.updatedAt, () =>
      optionalTexts([
        ['company', l.company, 'text'],
        ['contactName', l.contactName, 'text'],
        ['phone', l.phone, 'phone'],
        ['email', l.email, 'text'],
      ]),
    ),
    kindOrder: KIND_ORDER.lead,
    sortName: l.company,
  };
}

function opportunityEntry(
  cache: Cache,
  o: Opportunity,
  accountName: Map<string, string>,
  contactName: Map<string, string>,
): Entry {
  const card: OpportunityCard = { ...o, accountName: accountName.get(o.accountId) ?? '' };
  const contact = o.contactId && contactName.get(o.contactId);
  if (contact) card.contactName = contact;
  return {
    value: {
      kind: 'opportunity',
      id: o.id,
      title: o.title,
      subtitle: card.accountName,
      ...(o.amount ? { amount: o.amount } : {}),
      record: card,
    },
    texts: cache.texts(o.id, o.updatedAt, () => optionalTexts([['title', o.title, 'text']])),
    kindOrder: KIND_ORDER.opportunity,
    sortName: o.title,
  };
}

/** 'search/quick': the best matches for what a person typed, live as records change. */
export function searchQuery(ctx: CoreContext): Pick<QueryHandlers, 'search/quick'> {
  let index: Observable<Entry[]> | undefined;
  return {
    'search/quick': ({ text, limit }, onResult, onError) => {
      // An empty search box (how the app bar starts) needs no index built or kept up to date.
      if (!foldQuery(text)) {
        onResult([]);
        return () => undefined;
      }
      index ??= searchIndex(ctx);
      return subscribeLive(
        index.pipe(
          map((entries) =>
            search(entries, text, limit ?? SEARCH_LIMIT_DEFAULT).map(
              ({ value, field, how, range, text: matched }) =>
                ({ ...value, matchedBy: { field, how, text: matched, range } }) as SearchHit,
            ),
          ),
        ),
        onResult,
        onError,
      );
    },
  };
}
