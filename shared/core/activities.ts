import type { ActivityRecordType } from '../api/activity-contract';
import type { CommandHandlers } from '../api/crm-api';
import { validationError } from '../api/errors';
import type { Activity } from '../domain/entities';
import { PHASES, type Phase } from '../domain/phases';
import type { CollectionName } from '../schema/collections';
import type { CoreContext } from './context';
import { applyPatch, archiveRecord, insertRecord, updateRecord } from './records';

type ActivityCommands = Pick<
  CommandHandlers,
  'activities/create' | 'activities/update' | 'activities/complete' | 'activities/archive'
>;

/** Where each kind of record an activity can be about is kept. */
export const RECORD_COLLECTION = {
  account: 'accounts',
  contact: 'contacts',
  lead: 'leads',
  opportunity: 'opportunities',
  contract: 'contracts',
  delivery: 'deliveries',
  invoice: 'invoices',
} as const satisfies Record<ActivityRecordType, CollectionName>;

/** The record must be on this device; an archived one still counts (its history stays reachable). */
async function assertRecordExists(
  ctx: CoreContext,
  recordType: ActivityRecordType,
  recordId: string,
): Promise<void> {
  const found = await ctx.database[RECORD_COLLECTION[recordType]].findOne(recordId).exec();
  if (!found) throw validationError([{ field: 'recordId', code: 'notFound' }]);
}

const isPhase = (type: ActivityRecordType): type is Phase =>
  (PHASES as readonly string[]).includes(type);

/** doneAt follows done: set when it becomes done, dropped when it is opened again. */
function withDoneAt(current: Activity, next: Activity, at: number): Activity {
  if (next.done === current.done) return next;
  if (!next.done) {
    const { doneAt: _dropped, ...open } = next;
    return open;
  }
  return { ...next, doneAt: at };
}

export function activityCommands(ctx: CoreContext): ActivityCommands {
  return {
    'activities/create': async ({ done = false, ...fields }) => {
      await assertRecordExists(ctx, fields.recordType, fields.recordId);
      return insertRecord(ctx, 'activities', {
        ...fields,
        ...(isPhase(fields.recordType) ? { recordPhase: fields.recordType } : {}),
        done,
        ...(done ? { doneAt: ctx.now() } : {}),
      });
    },
    'activities/update': ({ id, patch }) => {
      const at = ctx.now();
      return updateRecord(ctx, 'activities', id, (current) =>
        withDoneAt(current, { ...applyPatch(current, patch), updatedAt: at }, at),
      );
    },
    'activities/complete': ({ id, done }) =>
      updateRecord(ctx, 'activities', id, (current) => {
        if (current.done === done) return current;
        const at = ctx.now();
        return withDoneAt(current, { ...current, done, updatedAt: at }, at);
      }),
    'activities/archive': ({ id }) => archiveRecord(ctx, 'activities', id),
  };
}
