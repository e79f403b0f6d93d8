import type { RxConflictHandler, RxConflictHandlerInput, WithDeleted } from 'rxdb';
import { stageMoved } from '../rules/stage-chain';
import { canonicalJson, hash64, jsonEqual, mergeDocuments, type MergeDocument } from './merge';
import type { ConflictEntry } from './types';

/** Fields that describe a record to a person, in order of preference, for the conflict list. */
const LABEL_FIELDS = ['title', 'name', 'company', 'number', 'subject', 'reference', 'to'];

export function recordLabel(doc: Record<string, unknown>, fallback: string): string {
  for (const field of LABEL_FIELDS) {
    const value = doc[field];
    if (typeof value === 'string' && value !== '') return value;
  }
  return fallback;
}

/** RxDB's bookkeeping, which never takes part in comparing or merging replicated states. */
function replicatedFields(doc: Record<string, unknown>): MergeDocument {
  const { _meta, _rev, _attachments, ...fields } = doc;
  return fields;
}

/**
 * A conflict entry's id is a hash of everything that makes it this conflict: the record, the
 * field, the server state that won and the local value that lost. RxDB may resolve the same
 * conflict again (its fork write can lose a race with a local write and the push is retried);
 * the same inputs give the same id, and the log keeps one entry.
 */
export function conflictEntryId(
  collection: string,
  recordId: string,
  field: string,
  realMasterState: MergeDocument,
  overwritten: unknown,
): string {
  return `cf-${hash64(canonicalJson([collection, recordId, field, realMasterState, overwritten]))}`;
}

export interface MergeConflictHandlerOptions {
  collection: string;
  primaryKey?: string;
  now: () => number;
  /** Stores the entries before resolve returns, so a resolved merge never outlives its log. */
  log: (entries: ConflictEntry[]) => Promise<void>;
  /**
   * The local stage change lost to the server's: the stage events of the moves from `base` (what
   * both sides started from) to `local` go (dropLostMoves), except those `server` stands on.
   */
  onStageLost?: (
    base: MergeDocument | undefined,
    local: MergeDocument,
    server: MergeDocument,
  ) => Promise<void>;
}

/**
 * RxDB 17's conflict handler for one collection. RxDB calls `resolve` in the upstream when a push
 * comes back with the server's master ({assumedMasterState, realMasterState, newDocumentState});
 * what it returns is written to the local database and pushed next with realMasterState as the
 * assumed master (conflicts are only resolved in the upstream, never in the downstream).
 */
export function createMergeConflictHandler<T>(
  options: MergeConflictHandlerOptions,
): RxConflictHandler<T> {
  const primaryKey = options.primaryKey ?? 'id';
  return {
    // Synchronous and exact: RxDB also uses it to decide whether a local state still needs a push.
    isEqual: (a, b) =>
      jsonEqual(
        replicatedFields(a as Record<string, unknown>),
        replicatedFields(b as Record<string, unknown>),
      ),
    resolve: async (input: RxConflictHandlerInput<T>) => {
      const server = replicatedFields(input.realMasterState as Record<string, unknown>);
      const local = replicatedFields(input.newDocumentState as Record<string, unknown>);
      const base = input.assumedMasterState
        ? replicatedFields(input.assumedMasterState as Record<string, unknown>)
        : undefined;
      const { merged, conflicts } = mergeDocuments(options.collection, base, local, server);
      if (options.onStageLost && stageMoved(base, local) && !stageMoved(server, merged)) {
        if (stageMoved(server, local)) await options.onStageLost(base, local, server);
      }
      if (conflicts.length > 0) {
        const recordId = String(server[primaryKey] ?? local[primaryKey]);
        const label = recordLabel(server, recordLabel(local, recordId));
        const at = options.now();
        await options.log(
          conflicts.map((conflict) => ({
            id: conflictEntryId(
              options.collection,
              recordId,
              conflict.field,
              server,
              conflict.overwrittenFields ?? conflict.overwrittenValue,
            ),
            collection: options.collection,
            recordId,
            recordLabel: label,
            field: conflict.field,
            keptValue: conflict.keptValue,
            overwrittenValue: conflict.overwrittenValue,
            ...(conflict.overwrittenFields
              ? { overwrittenFields: conflict.overwrittenFields }
              : {}),
            at,
          })),
        );
      }
      return { ...merged, _deleted: merged._deleted === true } as WithDeleted<T>;
    },
  };
}
