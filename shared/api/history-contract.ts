import { z } from 'zod';
import type { Activity, FieldChangeItem, StageEvent } from '../domain/entities';
import { HISTORY_RECORD_TYPES } from '../domain/entities';

/**
 * The history part of the CrmApi contract: one record's whole history (stage events, field
 * changes, activities, its creation) as one timeline, for the history drawer every board opens.
 * Merged into querySchemas with one spread, like activity-contract.ts.
 */

/** Who did it and when: every timeline entry has them. */
interface HistoryEntryBase {
  /** Unique within the timeline (the source document's id, prefixed by its kind). */
  key: string;
  at: number;
  by: string;
  byName: string;
}

export type HistoryEntry =
  /** A stage change; an event without `from` is the creation of a phased record. */
  | (HistoryEntryBase & {
      kind: 'stage';
      event: StageEvent;
      /** The names a pipeline gives its own stages; built-in stages have none (translated). */
      fromName?: string;
      toName?: string;
    })
  /** What one saved edit changed; values are display strings (shared/core/field-changes.ts). */
  | (HistoryEntryBase & { kind: 'fields'; changes: FieldChangeItem[] })
  /** An activity on the record: when done, at the time it was done; else when it was logged. */
  | (HistoryEntryBase & { kind: 'activity'; activity: Activity })
  /** The creation of a record that has no stages (an account, a contact …): from the record. */
  | (HistoryEntryBase & { kind: 'created' });

export type HistoryEntryKind = HistoryEntry['kind'];

export const historyQuerySchemas = {
  /** Newest first. recordType says which collection holds the record (for its creation). */
  'history/forRecord': z.strictObject({
    recordType: z.enum(HISTORY_RECORD_TYPES),
    recordId: z.string().min(1).max(64),
  }),
} as const;

export interface HistoryQueryResults {
  'history/forRecord': HistoryEntry[];
}

export type HistoryQueryName = keyof typeof historyQuerySchemas;
