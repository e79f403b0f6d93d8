import type { Phase } from '../domain/phases';
import type { Actor } from './actor';
import { phaseOf, type Doc } from './catalog';
import type { RuleFacts } from './facts';
import { PHASE_STAGE_RULES, type MoveStep } from './stage-gates';
import { checkStamps } from './stamps';
import { ALLOWED, combine, refuse, type Verdict } from './verdict';

/*
 * A stage change and its stage events. Every stage a record enters is recorded by a stage event
 * (from, to, at, by, the checklist ticked and the approvals used), and flow analytics and the
 * history read nothing else. A write that changes a record's stage therefore comes with the chain
 * of events from the stage it had (the stored version, or nothing for a new record) to the stage
 * it has: one event for a move made online, several for a day's moves made offline. The chain is
 * checked move by move: each must be allowed, its gate met, its approvals real, and the chain
 * must end exactly where the record now stands.
 */

type StagePoint = { stage: string; at: number } | undefined;

function pointOf(doc: Doc | undefined): StagePoint {
  if (!doc || typeof doc.stage !== 'string' || typeof doc.stageEnteredAt !== 'number')
    return undefined;
  return { stage: doc.stage, at: doc.stageEnteredAt };
}

/** Whether `after` stands in another stage, or entered it again, than `before`. */
export function stageMoved(before: Doc | undefined, after: Doc): boolean {
  const a = pointOf(before);
  const b = pointOf(after);
  return !a || !b || a.stage !== b.stage || a.at !== b.at;
}

const byTime = (a: Doc, b: Doc) =>
  Number(a.at) - Number(b.at) || String(a.id).localeCompare(String(b.id));

/**
 * The stage events that take a record from `before` to `after`, oldest first, picked from the
 * record's events (`events`, in any order): walked back from the event that entered the current
 * stage, through each move's `from`, to the stage `before` stood in (or to the creation event).
 * Events not on that path (a move that lost a sync conflict) are left out. Empty when the stage
 * did not change; a path with a gap ends at the gap, and the check then says what is missing.
 */
export function stageChainOf(events: readonly Doc[], before: Doc | undefined, after: Doc): Doc[] {
  const end = pointOf(after);
  if (!end || !stageMoved(before, after)) return [];
  const start = pointOf(before);
  const sorted = events.filter((e) => e.recordId === after.id).sort(byTime);
  const chain: Doc[] = [];
  let target: { stage: string; at: number } | undefined = end;
  while (target) {
    const stage: string = target.stage;
    const at: number = target.at;
    const event: Doc | undefined = sorted.find((e) => e.to === stage && e.at === at);
    if (!event || (start && at <= start.at)) break;
    chain.unshift(event);
    if (typeof event.from !== 'string') break;
    // The move before this one: the latest event into its `from`, after the stored state.
    const from: string = event.from;
    const previous: Doc[] = sorted.filter(
      (e) => e.to === from && Number(e.at) < at && (!start || Number(e.at) > start.at),
    );
    const last: Doc | undefined = previous[previous.length - 1];
    target = last ? { stage: from, at: Number(last.at) } : undefined;
  }
  return chain;
}

/**
 * Checks a write's stage change against its chain of stage events (see above). `events` are the
 * events the write brings (the server: those sent with the pushed row; the core: those it just
 * wrote), oldest first or not.
 */
export function checkStageChain(
  actor: Actor,
  collection: string,
  before: Doc | undefined,
  after: Doc,
  events: readonly Doc[],
  facts: RuleFacts,
): Verdict {
  const phase = phaseOf(collection);
  if (!phase) return ALLOWED;
  return withPhase(phase, judgeChain(actor, phase, before, after, events, facts));
}

/** Stage names are per phase: refusals that name stages say which phase's. */
function withPhase(phase: Phase, verdict: Verdict): Verdict {
  if (verdict.ok) return verdict;
  return {
    ok: false,
    refusals: verdict.refusals.map((refusal) =>
      refusal.params && ('stage' in refusal.params || 'from' in refusal.params)
        ? { ...refusal, params: { ...refusal.params, phase } }
        : refusal,
    ),
  };
}

function judgeChain(
  actor: Actor,
  phase: Phase,
  before: Doc | undefined,
  after: Doc,
  events: readonly Doc[],
  facts: RuleFacts,
): Verdict {
  const rules = PHASE_STAGE_RULES[phase];
  const foreign = events.some((e) => e.recordId !== after.id || e.phase !== phase);
  if (foreign) return refuse('stageEventMismatch', 'recordId');
  if (!stageMoved(before, after)) {
    return events.length > 0 ? refuse('auditNotInRecord', 'stage') : consistent(phase, after);
  }
  const stage = String(after.stage);
  if (!rules.exists(stage, after, facts)) return refuse('unknownStage', 'stage', { stage });
  const chain = [...events].sort(byTime);
  if (chain.length === 0) return refuse('stageEventMissing', 'stage', { stage });

  const order = rules.order(after, facts);
  const finalIndex = order.indexOf(stage);
  const finalExits = rules.exits.includes(stage);
  const verdicts: Verdict[] = [];
  const used = new Set<string>();
  let point = pointOf(before);
  chain.forEach((event, i) => {
    // Its author: the person pushing, under their own name (stamps.ts, as for any audit entry).
    verdicts.push(checkStamps(actor, 'stageevents', undefined, event, facts));
    const to = String(event.to);
    const at = Number(event.at);
    if (!point) {
      if (event.from !== undefined) verdicts.push(refuse('stageEventMismatch', 'from'));
      else if (to !== rules.creationStage(after, facts)) {
        verdicts.push(refuse('creationStage', 'stage', { stage: to }));
      }
    } else if (event.from !== point.stage || at <= point.at) {
      verdicts.push(refuse('stageEventMismatch', event.from !== point.stage ? 'from' : 'at'));
    } else {
      const index = order.indexOf(to);
      const step: MoveStep = {
        from: point.stage,
        to,
        event,
        after,
        before,
        held: !finalExits && !rules.exits.includes(to) && index >= 0 && index <= finalIndex,
        last: i === chain.length - 1,
      };
      verdicts.push(rules.checkMove(actor, step, facts, used));
    }
    point = { stage: to, at };
  });
  if (!point || point.stage !== stage || point.at !== after.stageEnteredAt) {
    verdicts.push(refuse('stageEventMissing', 'stage', { stage }));
  }
  verdicts.push(consistent(phase, after));
  return combine(verdicts);
}

function consistent(phase: Phase, after: Doc): Verdict {
  return PHASE_STAGE_RULES[phase].consistent?.(after) ?? ALLOWED;
}

/**
 * An edit that keeps the stage may not remove what a passed gate asked for (a quoted deal keeps
 * its amount, a signed contract its signing date). Only a field that was there is held: a gate
 * added later to a stage does not block other edits of the cards already in it.
 */
export function checkHeldFields(
  collection: string,
  before: Doc | undefined,
  after: Doc,
  facts: RuleFacts,
): Verdict {
  const phase = phaseOf(collection);
  if (!phase || !before || stageMoved(before, after)) return ALLOWED;
  const verdicts = PHASE_STAGE_RULES[phase]
    .held(after, facts)
    .filter((held) => held.met(before) && !held.met(after))
    .map((held) => refuse('heldField', held.field, { stage: String(after.stage) }));
  return withPhase(phase, combine(verdicts));
}
