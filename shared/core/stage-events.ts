import type { StageEvent } from '../domain/entities';
import { newId } from '../domain/ids';
import type { Phase } from '../domain/phases';
import type { CoreContext } from './context';
import type { LtcDatabase } from './database';

/*
 * INVARIANT: a record's stage change and its stageEvent exist together or not at all.
 *
 * RxDB has no transaction across collections, so the core keeps the invariant by ordering:
 *   1. every check runs first (transition, gates, references, and the schema of BOTH documents);
 *      a refused change writes nothing;
 *   2. the event is inserted, with `at` equal to the stageEnteredAt the record is about to get;
 *   3. the record is written (inserted, or updated against the revision the checks judged);
 *   4. if step 3 fails, the event is removed again and the error rethrown.
 * A crash (or a failed removal) between 2 and 3/4 leaves an event whose `at` is later than its
 * record's stageEnteredAt, or whose record does not exist. stageEnteredAt strictly increases per
 * record (see nextStageTime), so "newer than the record's stageEnteredAt" identifies exactly these
 * orphans, and repairOrphanStageEvents removes them when the database opens.
 *
 * When sync arrives this repair must be narrowed: events may be pulled before the record whose
 * stage they changed, and those are not orphans. Only events written on this device and not yet
 * pushed can be orphans of a crash here.
 */

/** Phases whose records the core moves, and the collection that holds them. */
const STAGED_COLLECTIONS = { opportunity: 'opportunities' } as const satisfies Partial<
  Record<Phase, keyof LtcDatabase['collections']>
>;

export function newStageEvent(
  ctx: CoreContext,
  change: {
    phase: Phase;
    recordId: string;
    from?: string;
    to: string;
    at: number;
    reason?: string;
  },
): StageEvent {
  const event: StageEvent = {
    id: newId(),
    phase: change.phase,
    recordId: change.recordId,
    to: change.to,
    at: change.at,
    by: ctx.currentUser.id,
    byName: ctx.currentUser.name,
  };
  if (change.from !== undefined) event.from = change.from;
  if (change.reason) event.reason = change.reason;
  return event;
}

/**
 * When a record enters a stage: now, but always after the previous entry, so that a later stage
 * change never shares or precedes its predecessor's time even if the clock stands still or jumps
 * back. The orphan repair relies on this strict order.
 */
export function nextStageTime(ctx: CoreContext, previousEnteredAt: number): number {
  return Math.max(ctx.now(), previousEnteredAt + 1);
}

/** Steps 2–4 of the invariant above; the caller has done step 1. */
export async function writeWithStageEvent<T>(
  ctx: CoreContext,
  event: StageEvent,
  writeRecord: () => Promise<T>,
): Promise<T> {
  const eventDoc = await ctx.database.stageevents.insert(event);
  try {
    return await writeRecord();
  } catch (error) {
    // If even the removal fails, the event is an orphan that the repair on next open removes.
    await eventDoc.remove().catch(() => undefined);
    throw error;
  }
}

/** Removes the stage events a crash left behind (see the invariant above); returns how many. */
export async function repairOrphanStageEvents(database: LtcDatabase): Promise<number> {
  let removed = 0;
  for (const [phase, collectionName] of Object.entries(STAGED_COLLECTIONS)) {
    const events = await database.stageevents.find({ selector: { phase: phase as Phase } }).exec();
    if (events.length === 0) continue;
    const enteredAt = new Map<string, number>();
    for (const record of await database[collectionName].find().exec()) {
      enteredAt.set(record.id, record.stageEnteredAt);
    }
    const orphans = events.filter((e) => e.at > (enteredAt.get(e.recordId) ?? -Infinity));
    if (orphans.length > 0) {
      await database.stageevents.bulkRemove(orphans.map((e) => e.id));
      removed += orphans.length;
    }
  }
  return removed;
}
