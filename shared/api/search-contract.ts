import { z } from 'zod';
import type { Account, Contact, Lead } from '../domain/entities';
import type { Money } from '../domain/money';
import type { OpportunityCard } from './queries';

/**
 * The quick-search part of the CrmApi contract: one live query over accounts, contacts, leads and
 * opportunities (archived records left out), matching Chinese names by pinyin too. Kept in its
 * own file and merged into the core's queries with one spread (shared/api/queries.ts).
 */

export const SEARCH_TEXT_MAX = 100;
export const SEARCH_LIMIT_DEFAULT = 20;
export const SEARCH_LIMIT_MAX = 50;

export const searchQuerySchemas = {
  /** Best matches first; an empty (or blank) text finds nothing. */
  'search/quick': z.strictObject({
    text: z.string().max(SEARCH_TEXT_MAX),
    limit: z.number().int().min(1).max(SEARCH_LIMIT_MAX).optional(),
  }),
} as const;

export type SearchKind = 'account' | 'contact' | 'lead' | 'opportunity';

/** Which text of the record matched. */
export type SearchField = 'name' | 'title' | 'company' | 'contactName' | 'phone' | 'email';

/** How it matched, best first (see shared/search/match.ts). */
export type SearchHow = 'exact' | 'prefix' | 'substring' | 'pinyin' | 'initials';

export interface SearchMatch {
  field: SearchField;
  how: SearchHow;
  /** The matched text as stored, and the [start, end) code-unit range to highlight in it. */
  text: string;
  range: [number, number];
}

interface HitBase {
  id: string;
  /** Account or contact name, lead company, opportunity title. */
  title: string;
  /** Account name (contacts, opportunities), contact name (leads), industry (accounts); may be ''. */
  subtitle: string;
  /** Opportunities with an amount; formatted by the UI in the reader's language. */
  amount?: Money;
  matchedBy: SearchMatch;
}

/** The record travels with the hit, so choosing it opens its dialog without another round trip. */
export type SearchHit =
  | (HitBase & { kind: 'account'; record: Account })
  | (HitBase & { kind: 'contact'; record: Contact })
  | (HitBase & { kind: 'lead'; record: Lead })
  | (HitBase & { kind: 'opportunity'; record: OpportunityCard });

export interface SearchQueryResults {
  'search/quick': SearchHit[];
}
