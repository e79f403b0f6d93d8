import type { CommandHandlers } from '../api/crm-api';
import { CrmError, validationError } from '../api/errors';
import type { Opportunity, OpportunityApproval } from '../domain/entities';
import { findStage } from '../domain/pipelines';
import { mayDecideApprovals } from '../rules/actor';
import type { CoreContext } from './context';
import { loadPipeline } from './pipelines';
import { updateRecord } from './records';

type ApprovalCommands = Pick<
  CommandHandlers,
  'opportunities/requestApproval' | 'opportunities/approve' | 'opportunities/rejectApproval'
>;

/**
 * Approvals for gated stages (投标审批 before a bid, 合同审批 before a contract). A rep asks; a
 * manager or admin approves or refuses with a reason. The decision sits on the opportunity until
 * the card enters the stage, which consumes it into the stage event (opportunity-move.ts).
 * With nobody signed in, the device has one user, who approves their own.
 */
export function approvalCommands(ctx: CoreContext): ApprovalCommands {
  /** Changes the approval entry of one stage, after checking the stage asks for approval. */
  const change = (
    id: string,
    stage: string,
    decide: (existing: OpportunityApproval | undefined) => OpportunityApproval | undefined,
  ) =>
    updateRecord(ctx, 'opportunities', id, async (current): Promise<Opportunity> => {
      const pipeline = await loadPipeline(ctx, current.pipelineId);
      if (!findStage(pipeline, stage)?.approvalRequired) {
        throw validationError([{ field: 'stage', code: 'invalid' }], `${stage} needs no approval`);
      }
      const list = current.approvals ?? [];
      const existing = list.find((a) => a.stage === stage);
      const decided = decide(existing);
      if (!decided) return current;
      return {
        ...current,
        approvals: [...list.filter((a) => a.stage !== stage), decided],
        updatedAt: ctx.now(),
      };
    });

  const assertMayApprove = () => {
    if (!mayDecideApprovals(ctx.currentUser)) {
      throw new CrmError({
        type: 'Forbidden',
        message: `${ctx.currentUser.id} may not approve gates`,
        action: 'approve',
      });
    }
  };

  const requestFields = (existing: OpportunityApproval | undefined) =>
    existing?.requestedBy
      ? {
          requestedBy: existing.requestedBy,
          requestedByName: existing.requestedByName ?? '',
          requestedAt: existing.requestedAt ?? 0,
        }
      : {};

  return {
    'opportunities/requestApproval': ({ id, stage }) =>
      change(id, stage, (existing) => {
        // Asking again after an approval, or while asked, changes nothing.
        if (existing?.status === 'approved' || existing?.status === 'requested') return undefined;
        const request = {
          requestedBy: ctx.currentUser.id,
          requestedByName: ctx.currentUser.name,
          requestedAt: ctx.now(),
        };
        // After a refusal the refusal stays (only a later decision replaces it, see
        // shared/rules/approvals.ts): the request is renewed on it, and the manager decides anew.
        return existing ? { ...existing, ...request } : { stage, status: 'requested', ...request };
      }),
    'opportunities/approve': async ({ id, stage }) => {
      assertMayApprove();
      return change(id, stage, (existing) =>
        existing?.status === 'approved'
          ? undefined
          : {
              stage,
              status: 'approved',
              ...requestFields(existing),
              by: ctx.currentUser.id,
              byName: ctx.currentUser.name,
              at: ctx.now(),
            },
      );
    },
    'opportunities/rejectApproval': async ({ id, stage, reason }) => {
      assertMayApprove();
      return change(id, stage, (existing) => ({
        stage,
        status: 'rejected',
        ...requestFields(existing),
        by: ctx.currentUser.id,
        byName: ctx.currentUser.name,
        at: ctx.now(),
        reason,
      }));
    },
  };
}
