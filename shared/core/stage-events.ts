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
 * With sync, events may be pulled before the record whose stage they changed, and those are not
 * orphans. So only events this device was in the middle of writing are candidates: step 2 is
 * preceded by adding the event's id to an in-flight list (an RxDB local document, which never
 * syncs), and steps 3/4 are followed by taking it off. The repair looks only at the listed ids.
 */

/** Phases whose records the core moves, and the collection that holds them. */
const STAGED_COLLECTIONS = {
  opportunity: 'opportunities',
  lead: 'leads',
  contract: 'contracts',
  delivery: 'deliveries',
  invoice: 'invoices',
} as const satisfies Partial<Record<Phase, keyof LtcDatabase['collections']>>;

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
  await setInFlight(ctx.database, event.id, true);
  const eventDoc = await ctx.database.stageevents.insert(event);
  try {
    return await writeRecord();
  } catch (error) {
    // If even the removal fails, the event is an orphan that the repair on next open removes.
    await eventDoc.remove().catch(() => undefined);
    throw error;
  } finally {
    // Off the list whatever happened: a crash is the only way an id stays on it.
    await setInFlight(ctx.database, event.id, false).catch(() => undefined);
  }
}

/** The local document listing the events whose record write has not finished yet. */
export const IN_FLIGHT_DOC = 'ltc-core-stage-events-in-flight';

export interface InFlightEvents {
  eventIds: string[];
}

async function setInFlight(database: LtcDatabase, eventId: string, inFlight: boolean) {
  const doc = await database.getLocal<InFlightEvents>(IN_FLIGHT_DOC);
  // The repair on open creates the document, so it exists for every write after that.
  if (!doc) throw new Error(`local document ${IN_FLIGHT_DOC} is missing`);
  await doc.incrementalModify((data) => ({
    eventIds: inFlight ? [...data.eventIds, eventId] : data.eventIds.filter((id) => id !== eventId),
  }));
}

/** Removes the stage events a crash left behind (see the invariant above); returns how many. */
export async function repairOrphanStageEvents(database: LtcDatabase): Promise<number> {
  const list = await database.getLocal<InFlightEvents>(IN_FLIGHT_DOC);
  const inFlight = list?.toJSON().data.eventIds ?? [];
  let removed = 0;
  if (inFlight.length > 0) {
    const events = [...(await database.stageevents.findByIds([...inFlight]).exec()).values()];
    for (const [phase, collectionName] of Object.entries(STAGED_COLLECTIONS)) {
      const ofPhase = events.filter((e) => e.phase === phase);
      if (ofPhase.length === 0) continue;
      const records = await database[collectionName]
        .findByIds([...new Set(ofPhase.map((e) => e.recordId))])
        .exec();
      const orphans = ofPhase.filter(
        (e) => e.at > (records.get(e.recordId)?.stageEnteredAt ?? -Infinity),
      );
      if (orphans.length > 0) {
        await database.stageevents.bulkRemove(orphans.map((e) => e.id));
        removed += orphans.length;
      }
    }
  }
  // Nothing is in flight while the database opens.
  await database.upsertLocal<InFlightEvents>(IN_FLIGHT_DOC, { eventIds: [] });
  return removed;
}
