import type { CommandHandlers } from '../api/crm-api';
import { validationError } from '../api/errors';
import type { GateApprovalRecord, Opportunity } from '../domain/entities';
import { evaluateGate } from '../domain/gates';
import { checkPipelineTransition } from '../domain/pipelines';
import { plain, retryOnConflict, type CoreContext } from './context';
import { ensureDraftContract } from './contract-draft';
import { stageFields } from './opportunities';
import { loadPipeline } from './pipelines';
import { findOrNotFound } from './records';
import { gateBlocked, transitionRefused, writeStageMove } from './stage-move';

type MoveCommand = Pick<CommandHandlers, 'opportunities/move'>;

/**
 * Moves an opportunity to another stage of its pipeline. Every check runs before anything is
 * written — the transition rule, then the gate: required fields, the checklist items the person
 * ticked, and the manager approvals of every gated stage passed — so a refused move leaves the
 * opportunity and the stage events untouched. An allowed move writes the stage change and its
 * stage event together (see stage-events.ts); the event records the ticked checklist and the
 * approvals, which entering the stage consumes from the opportunity.
 * The opportunity is written against the revision that was checked: if someone changed it in
 * between, the write conflicts, the event is withdrawn, and the move is checked again.
 */
export function opportunityMoveCommand(ctx: CoreContext): MoveCommand {
  return {
    'opportunities/move': async (args) => {
      const moved = await move(ctx, args);
      // Winning starts the contract (a Draft, contract-draft.ts): after the move, idempotently,
      // so a retried move never makes a second one. Partial test databases have no contracts.
      if (moved.stage !== 'won' || !ctx.database.contracts) return moved;
      await ensureDraftContract(ctx, moved);
      return plain(await findOrNotFound(ctx.database.opportunities, moved.id));
    },
  };
}

function move(
  ctx: CoreContext,
  { id, to, lostReason, checklist = [] }: Parameters<MoveCommand['opportunities/move']>[0],
): Promise<Opportunity> {
  return retryOnConflict(async () => {
    const doc = await findOrNotFound(ctx.database.opportunities, id);
    const current = plain(doc);
    const pipeline = await loadPipeline(ctx, current.pipelineId);
    const from = current.stage;
    const verdict = checkPipelineTransition(pipeline, from, to);
    if (!verdict.allowed) {
      if (verdict.reason === 'unknownStage') {
        throw validationError([{ field: 'to', code: 'notFound' }], `no stage ${to}`);
      }
      throw transitionRefused('opportunity', id, from, to, verdict);
    }

    // The gate judges the opportunity as it would be after the move, reason included.
    const reason = lostReason?.trim() || current.lostReason;
    const gate = evaluateGate(pipeline, { ...current, lostReason: reason }, to, checklist);
    if (!gate.met) {
      throw gateBlocked('opportunity', id, from, to, gate.missingFields, {
        unchecked: gate.uncheckedItems,
        approvals: gate.missingApprovals,
        described: [
          ...gate.missingFields,
          ...gate.uncheckedItems.map((i) => `checklist ${i.id}`),
          ...gate.missingApprovals.map((s) => `approval for ${s}`),
        ],
      });
    }

    const record: Opportunity = { ...current, ...stageFields(to, pipeline) };
    // A lost reason belongs to the lost stage: reopening the deal clears it.
    if (to === 'lost') record.lostReason = reason;
    else delete record.lostReason;
    // Entering a gated stage uses its approval up: it lives on in the stage event.
    const used = new Set(gate.approvals.map((a) => a.stage));
    const remaining = (current.approvals ?? []).filter((a) => !used.has(a.stage));
    if (remaining.length > 0) record.approvals = remaining;
    else delete record.approvals;

    const approvals = gate.approvals.flatMap(({ stage, approval }): GateApprovalRecord[] =>
      approval?.by && approval.at !== undefined
        ? [{ stage, by: approval.by, byName: approval.byName ?? '', at: approval.at }]
        : [],
    );
    return writeStageMove(ctx, {
      phase: 'opportunity',
      collection: 'opportunities',
      doc,
      from,
      to,
      record,
      reason: to === 'lost' ? reason : undefined,
      event: (event) => {
        if (gate.checklist.length > 0) {
          event.checklist = gate.checklist.map(({ id: itemId, label }) => ({ id: itemId, label }));
        }
        if (approvals.length > 0) event.approvals = approvals;
      },
    });
  });
}
