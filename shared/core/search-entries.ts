import type { OpportunityCard } from '../api/queries';
import type { SearchField, SearchHit, SearchKind } from '../api/search-contract';
import type { Account, Contact, Lead, Opportunity } from '../domain/entities';
import { indexPhone, indexText, type Found, type IndexedText, type SearchEntry } from '../search';

/**
 * What the search index holds per record: the record and its pinyin keys. Names that come from
 * other records (a contact's account, a deal's account and contact) are looked up when a hit is
 * made, so renaming an account changes no entry but the account's own.
 */
export type SearchRecord =
  | { kind: 'account'; record: Account }
  | { kind: 'contact'; record: Contact }
  | { kind: 'lead'; record: Lead }
  | { kind: 'opportunity'; record: Opportunity };

export type SearchIndexEntry = SearchEntry<SearchRecord, SearchField>;

/** The names a hit borrows from other records. */
export interface NameLookup {
  /** Every account's name, archived ones too: a live contact or deal still shows it. */
  accountName(id: string): string;
  /** A live contact's name; undefined for an archived or unknown one. */
  contactName(id: string): string | undefined;
}

const KIND_ORDER: Record<SearchKind, number> = { account: 0, opportunity: 1, contact: 2, lead: 3 };

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

/** The searchable texts of a record, its name first, and the name it sorts by. */
function textsOf(item: SearchRecord): { texts: IndexedText<SearchField>[]; sortName: string } {
  switch (item.kind) {
    case 'account': {
      const a = item.record;
      const texts = optionalTexts([
        ['name', a.name, 'text'],
        ['phone', a.phone, 'phone'],
      ]);
      return { texts, sortName: a.name };
    }
    case 'contact': {
      const c = item.record;
      const texts = optionalTexts([
        ['name', c.name, 'text'],
        ['phone', c.phone, 'phone'],
        ['email', c.email, 'text'],
      ]);
      return { texts, sortName: c.name };
    }
    case 'lead': {
      const l = item.record;
      const texts = optionalTexts([
        ['company', l.company, 'text'],
        ['contactName', l.contactName, 'text'],
        ['phone', l.phone, 'phone'],
        ['email', l.email, 'text'],
      ]);
      return { texts, sortName: l.company };
    }
    case 'opportunity':
      return {
        texts: optionalTexts([['title', item.record.title, 'text']]),
        sortName: item.record.title,
      };
  }
}

/** Builds a record's entry: the costly part (pinyin keys) of keeping the index. */
export function searchEntry(item: SearchRecord): SearchIndexEntry {
  const { texts, sortName } = textsOf(item);
  return { value: item, texts, kindOrder: KIND_ORDER[item.kind], sortName, id: item.record.id };
}

/** A ranked match as the UI receives it, with the names of related records as they are now. */
export function searchHit(
  { value, field, how, range, text }: Found<SearchRecord, SearchField>,
  names: NameLookup,
): SearchHit {
  const matchedBy = { field, how, text, range };
  switch (value.kind) {
    case 'account': {
      const a = value.record;
      return {
        kind: 'account',
        id: a.id,
        title: a.name,
        subtitle: a.industry ?? '',
        record: a,
        matchedBy,
      };
    }
    case 'contact': {
      const c = value.record;
      const subtitle = names.accountName(c.accountId);
      return { kind: 'contact', id: c.id, title: c.name, subtitle, record: c, matchedBy };
    }
    case 'lead': {
      const l = value.record;
      const subtitle = l.contactName ?? '';
      return { kind: 'lead', id: l.id, title: l.company, subtitle, record: l, matchedBy };
    }
    case 'opportunity': {
      const o = value.record;
      const card: OpportunityCard = { ...o, accountName: names.accountName(o.accountId) };
      const contact = o.contactId && names.contactName(o.contactId);
      if (contact) card.contactName = contact;
      return {
        kind: 'opportunity',
        id: o.id,
        title: o.title,
        subtitle: card.accountName,
        ...(o.amount ? { amount: o.amount } : {}),
        record: card,
        matchedBy,
      };
    }
  }
}
