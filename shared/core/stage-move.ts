import type { RxDocument } from 'rxdb';
import { CrmError, type CrmErrorData } from '../api/errors';
import type { StageEvent } from '../domain/entities';
import type { Phase } from '../domain/phases';
import { plain, type CoreContext } from './context';
import type { LtcDocuments } from './database';
import { newStageEvent, nextStageTime, writeWithStageEvent } from './stage-events';
import { assertValidDocument } from './validation';

/*
 * THE MOVE SKELETON every phase's *-move.ts follows, so each adds only what is its own:
 *   1. check the transition (the stage rules)  → transitionRefused
 *   2. check the gate or the rule of the stage → gateBlocked (or a field error)
 *   3. write the record and its stage event together → writeStageMove
 * Steps 1 and 2 run before anything is written, inside the phase's retryOnConflict, so a
 * refused move writes nothing and a conflicting one is checked again. The refusals are built
 * here only, one way for every phase: the boards read `reason`, `missing` and the stages.
 */

type GateBlocked = Extract<CrmErrorData, { type: 'GateBlocked' }>;

/** A move the stage rules refuse, as the error every board explains on the card. */
export function transitionRefused(
  phase: Phase,
  id: string,
  from: string,
  to: string,
  verdict: { reason: string; expected?: string | undefined },
): CrmError {
  return new CrmError({
    type: 'TransitionNotAllowed',
    message: `${phase} ${id} cannot move from ${from} to ${to}: ${verdict.reason}`,
    phase,
    from,
    to,
    reason: verdict.reason,
    ...(verdict.expected ? { expected: verdict.expected } : {}),
  });
}

/**
 * A gate that is not met: the card stays and the board lists `missing` (and, for a pipeline's
 * gate, the unticked checklist items and the approvals still due). `described` names everything
 * missing in the message, when that is more than `missing`.
 */
export function gateBlocked(
  phase: Phase,
  id: string,
  from: string,
  to: string,
  missing: GateBlocked['missing'],
  more: Pick<GateBlocked, 'unchecked' | 'approvals'> & { described?: string[] } = {},
): CrmError {
  const { described = missing, ...lists } = more;
  return new CrmError({
    type: 'GateBlocked',
    message: `${phase} ${id} cannot enter ${to}: missing ${described.join(', ')}`,
    phase,
    from,
    to,
    missing,
    ...lists,
  });
}

type StagedCollection = 'leads' | 'opportunities' | 'contracts' | 'deliveries';

/**
 * Step 3: `record` (the checked revision with the phase's own changes) enters `to` now, and its
 * stage event is written with it (stage-events.ts keeps the two together). `event` adds what the
 * phase records on the event (a reason, a ticked checklist, approvals).
 */
export async function writeStageMove<C extends StagedCollection>(
  ctx: CoreContext,
  move: {
    phase: Phase;
    collection: C;
    doc: RxDocument<LtcDocuments[C]>;
    from: string;
    to: LtcDocuments[C]['stage'];
    record: LtcDocuments[C];
    reason?: string | undefined;
    event?(event: StageEvent): void;
  },
): Promise<LtcDocuments[C]> {
  const { phase, collection, doc, from, to } = move;
  const at = nextStageTime(ctx, move.record.stageEnteredAt);
  const next = { ...move.record, stage: to, stageEnteredAt: at, updatedAt: at };
  const event = newStageEvent(ctx, {
    phase,
    recordId: next.id,
    from,
    to,
    at,
    reason: move.reason,
  });
  move.event?.(event);
  assertValidDocument(collection, next);
  assertValidDocument('stageevents', event);
  return writeStageEvent(ctx, event, doc, next);
}

function writeStageEvent<T>(
  ctx: CoreContext,
  event: StageEvent,
  doc: RxDocument<T>,
  next: T,
): Promise<T> {
  return writeWithStageEvent(ctx, event, async () => plain(await doc.modify(() => next)));
}
