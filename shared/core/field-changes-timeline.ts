import { combineLatest, from, switchMap } from 'rxjs';
import type { RxCollection } from 'rxdb';
import type { QueryHandlers } from '../api/crm-api';
import type { HistoryEntry } from '../api/history-contract';
import type {
  Activity,
  FieldChange,
  HistoryRecordType,
  RecordBase,
  StageEvent,
} from '../domain/entities';
import type { CollectionName } from '../schema/collections';
import { plain, type CoreContext } from './context';
import { subscribeLive } from './live';

type HistoryQueries = Pick<QueryHandlers, 'history/forRecord'>;

/** Where each kind of record lives. */
const COLLECTION_OF: Record<HistoryRecordType, CollectionName> = {
  account: 'accounts',
  contact: 'contacts',
  lead: 'leads',
  opportunity: 'opportunities',
  contract: 'contracts',
  delivery: 'deliveries',
  invoice: 'invoices',
  payment: 'payments',
  activity: 'activities',
  pipeline: 'pipelines',
};

/** Within one instant, newest first means: what followed the creation before the creation. */
const RANK: Record<HistoryEntry['kind'], number> = { activity: 0, fields: 1, stage: 2, created: 3 };

export function byNewest(a: HistoryEntry, b: HistoryEntry): number {
  return b.at - a.at || RANK[a.kind] - RANK[b.kind] || a.key.localeCompare(b.key);
}

/**
 * The creation of a record, when no stage event already tells it (records without stages; a
 * phased record's first stage event, the one without `from`, is its creation). Not stored: the
 * record's createdAt says when, and its first owner who, because a record is created owned by
 * the person creating it (newRecordBase). If the owner changed since, the earliest owner change
 * still names the first owner.
 */
function creationOf(
  record: RecordBase | undefined,
  events: StageEvent[],
  changes: FieldChange[],
): HistoryEntry | undefined {
  if (!record || events.some((event) => event.from === undefined)) return undefined;
  const firstHandOver = changes
    .filter((c) => c.changes.some((item) => item.field === 'ownerId'))
    .sort((a, b) => a.at - b.at)[0];
  const item = (field: string) => firstHandOver?.changes.find((i) => i.field === field)?.from;
  return {
    kind: 'created',
    key: `created:${record.id}`,
    at: record.createdAt,
    by: item('ownerId') ?? record.ownerId,
    byName: item('ownerName') ?? record.ownerName,
  };
}

/** An activity sits where it happened: done ones when they were done, others when logged. */
function activityEntry(activity: Activity): HistoryEntry {
  return {
    kind: 'activity',
    key: `activity:${activity.id}`,
    at: activity.done ? (activity.doneAt ?? activity.updatedAt) : activity.createdAt,
    by: activity.ownerId,
    byName: activity.ownerName,
    activity,
  };
}

export function mergeTimeline(
  record: RecordBase | undefined,
  events: StageEvent[],
  changes: FieldChange[],
  activities: Activity[],
): HistoryEntry[] {
  const entries: HistoryEntry[] = [
    ...events.map((event): HistoryEntry => ({
      kind: 'stage',
      key: `stage:${event.id}`,
      at: event.at,
      by: event.by,
      byName: event.byName,
      event,
    })),
    ...changes.map((change): HistoryEntry => ({
      kind: 'fields',
      key: `fields:${change.id}`,
      at: change.at,
      by: change.by,
      byName: change.byName,
      changes: change.changes,
    })),
    ...activities.map(activityEntry),
  ];
  const created = creationOf(record, events, changes);
  if (created) entries.push(created);
  return entries.sort(byNewest);
}

/**
 * history/forRecord: one live timeline from four live queries (the record, its stage events,
 * its field changes, its activities), each on an index by recordId, so a drawer costs a few
 * indexed reads per change of that record and nothing when other records change.
 */
export function historyQuery(ctx: CoreContext): HistoryQueries {
  const { database } = ctx;
  return {
    'history/forRecord': ({ recordType, recordId }, onResult, onError) => {
      const records = database[COLLECTION_OF[recordType]] as unknown as RxCollection<RecordBase>;
      const record$ = records.findOne(recordId).$;
      const events$ = database.stageevents.find({
        selector: { recordId },
        sort: [{ at: 'asc' }],
        index: ['recordId', 'at'],
      }).$;
      const changes$ = database.fieldchanges.find({
        selector: { recordId },
        sort: [{ at: 'asc' }],
        index: ['recordId', 'at'],
      }).$;
      const activities$ = database.activities.find({ selector: { recordId, archived: false } }).$;
      return subscribeLive(
        combineLatest([record$, events$, changes$, activities$]).pipe(
          switchMap(([record, events, changes, activities]) =>
            from(
              withStageNames(
                ctx,
                record ? plain(record) : undefined,
                mergeTimeline(
                  record ? plain(record) : undefined,
                  events.map(plain),
                  changes.map(plain),
                  activities.map(plain),
                ),
              ),
            ),
          ),
        ),
        onResult,
        onError,
      );
    },
  };
}

/**
 * An opportunity's stages are its pipeline's: a firm's own stage ("技术交流") has a name on the
 * pipeline, which the stage entries carry so the drawer can show it. Built-in stages have no
 * name there; the UI translates their keys.
 */
async function withStageNames(
  ctx: CoreContext,
  record: RecordBase | undefined,
  entries: HistoryEntry[],
): Promise<HistoryEntry[]> {
  const pipelineId = (record as { pipelineId?: unknown } | undefined)?.pipelineId;
  if (typeof pipelineId !== 'string') return entries;
  const pipeline = await ctx.database.pipelines.findOne(pipelineId).exec();
  const names = new Map<string, string>();
  for (const stage of pipeline?.stages ?? []) if (stage.name) names.set(stage.key, stage.name);
  if (names.size === 0) return entries;
  return entries.map((entry) => {
    if (entry.kind !== 'stage') return entry;
    const fromName = entry.event.from ? names.get(entry.event.from) : undefined;
    const toName = names.get(entry.event.to);
    return { ...entry, ...(fromName && { fromName }), ...(toName && { toName }) };
  });
}
