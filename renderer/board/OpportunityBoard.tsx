import AddIcon from '@mui/icons-material/Add';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Typography from '@mui/material/Typography';
import { useCallback, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { OpportunityCard } from '../../shared/api';
import { checkPipelineTransition, type GateRequirement } from '../../shared/domain';
import { useCurrentUserId } from '../api/crm-context';
import { useLiveQuery } from '../api/use-live-query';
import { useDialogs } from '../app/dialogs';
import { useNow } from '../app/use-now';
import { stageName } from '../i18n/error-text';
import {
  activeFilterCount,
  cardMatcher,
  columnFigures,
  localIsoDate,
  type BoardFields,
} from '../stage-board/board-filter';
import { useBoardTools, wipLimitOf } from '../stage-board/board-prefs';
import { BoardToolbar } from '../stage-board/BoardToolbar';
import { BoardCard } from './BoardCard';
import { BoardColumn } from './BoardColumn';
import { BoardSummary } from './BoardSummary';
import { CardBody } from './CardBody';
import { ownerLabel } from './card-facts';
import { OPPORTUNITY_DRAG } from './dnd';
import { BoardFrame } from '../stage-board/BoardFrame';
import { LostReasonDialog } from './LostReasonDialog';
import { opportunityFigures } from './opportunity-figures';
import { useOpportunityMove, type MoveProblem } from './use-opportunity-move';
import { ApprovalActionsProvider } from '../pipelines/ApprovalChip';
import { BoardStagesProvider, stageAccent } from '../pipelines/board-pipeline';
import { BoardPipelineDialogs } from '../pipelines/BoardPipelineDialogs';
import { PipelineEditorDialog } from '../pipelines/PipelineEditorDialog';
import { PipelineSwitcher } from '../pipelines/PipelineSwitcher';
import { useBoardPipeline } from '../pipelines/use-board-pipeline';

/** What the board's filters look at on an opportunity card. */
const OPPORTUNITY_FIELDS: BoardFields<OpportunityCard> = {
  owner: (c) => ({ id: c.ownerId, name: c.ownerName }),
  account: (c) => ({ id: c.accountId, name: c.accountName }),
  amount: (c) => c.amount,
  dates: {
    expectedClose: (c) => c.expectedClose,
    created: (c) => localIsoDate(c.createdAt),
    stageEntered: (c) => localIsoDate(c.stageEnteredAt),
  },
};

/**
 * The opportunity board of one pipeline (switchable): one column per stage, cards moved by drag
 * and drop or by menu; a gated stage shows its gate as a checklist before the move.
 */
export function OpportunityBoard() {
  const { t } = useTranslation();
  const me = useCurrentUserId();
  const now = useNow();
  const dialogs = useDialogs();
  const bp = useBoardPipeline();
  const { pipeline, stages } = bp;
  const { data: board, error } = useLiveQuery('board/opportunities', {
    pipelineId: bp.pipelineId,
  });
  const move = useOpportunityMove(pipeline);
  // Filters, WIP limits and the aging threshold are kept per pipeline: each has its own stages.
  const tools = useBoardTools(`opportunities.${pipeline.id}`);
  const matches = useMemo(
    () => cardMatcher(tools.filter, OPPORTUNITY_FIELDS, me),
    [tools.filter, me],
  );
  const shownCards = useMemo(
    () => new Map(board?.columns.map((c) => [c.stage, columnFigures(c.cards, matches).cards])),
    [board, matches],
  );
  const filtered = activeFilterCount(tools.filter) > 0;
  const stageKeys = useMemo(() => stages.map((s) => s.key), [stages]);

  const { request } = move;
  const openCard = useCallback(
    (card: OpportunityCard) => dialogs.openOpportunity({ card }),
    [dialogs],
  );
  const { dismissProblem } = move;
  const fixProblem = useCallback(
    (card: OpportunityCard, problem: MoveProblem) => {
      dismissProblem(card.id);
      const { error } = problem;
      if (error.type !== 'GateBlocked') return;
      // Only fields missing: the form asks for them and moves; otherwise the gate dialog.
      if (error.to !== 'lost' && (error.unchecked?.length || error.approvals?.length)) {
        request(card, error.to);
      } else {
        // An opportunity's gate names only opportunity requirements.
        const missing = error.missing as GateRequirement[];
        dialogs.openOpportunity({ card, pendingMove: { to: error.to, missing } });
      }
    },
    [dialogs, dismissProblem, request],
  );

  const empty = board !== undefined && board.columns.every((c) => c.count === 0);

  return (
    <BoardStagesProvider stages={stages}>
      <ApprovalActionsProvider value={bp.approvalActions}>
        <BoardFrame
          testId="opportunity-board"
          title={t('board.title')}
          wrapHeading
          heading={
            <>
              {bp.pipelines && (bp.pipelines.length > 1 || bp.canApprove) && (
                <PipelineSwitcher
                  pipelines={bp.pipelines}
                  value={pipeline.id}
                  onChange={bp.select}
                  canConfigure={bp.canApprove}
                  onEdit={bp.editCurrent}
                  onCreate={bp.createNew}
                />
              )}
              {board && <BoardSummary board={board} />}
            </>
          }
          toolbar={
            <BoardToolbar
              tools={tools}
              fields={OPPORTUNITY_FIELDS}
              me={me}
              cards={board?.columns.flatMap((c) => c.cards) ?? []}
              shown={[...shownCards.values()].reduce((n, cs) => n + cs.length, 0)}
            />
          }
          label={t('board.label')}
          error={error}
          loadFailed={t('board.loadFailed')}
          loading={!board}
          stages={stageKeys}
          skeleton={{ basis: 196, max: 340 }}
          drag={OPPORTUNITY_DRAG}
          onDrop={request}
          overlaySx={{ width: '100%' }}
          overlay={(card) => (
            <CardBody
              card={card}
              now={now}
              owner={ownerLabel(t, card, me)}
              title={<Typography sx={{ fontWeight: 600, fontSize: 13.5 }}>{card.title}</Typography>}
            />
          )}
          columns={(dragging) =>
            board?.columns.map((column, index) => (
              <BoardColumn
                key={column.stage}
                column={column}
                accent={stageAccent(
                  stages[index] ?? { key: column.stage, order: index },
                  pipeline.stages.length,
                )}
                tools={{
                  shown: opportunityFigures(shownCards.get(column.stage) ?? []),
                  filtered,
                  ...wipLimitOf(tools, column.stage, !column.terminal),
                  revealKey: move.lastMovedId ?? undefined,
                }}
                dimmed={
                  dragging !== null &&
                  dragging.stage !== column.stage &&
                  !checkPipelineTransition(pipeline, dragging.stage, column.stage).allowed
                }
                emptyText={
                  empty && index === 0 ? (
                    <Box
                      sx={{
                        display: 'flex',
                        flexDirection: 'column',
                        alignItems: 'center',
                        gap: 1.25,
                      }}
                    >
                      <span>{t('board.emptyBoard', { stage: stageName(t, column.stage) })}</span>
                      <Button
                        size="small"
                        variant="contained"
                        startIcon={<AddIcon />}
                        onClick={() => dialogs.openOpportunity()}
                      >
                        {t('actions.newOpportunity')}
                      </Button>
                    </Box>
                  ) : (
                    t('board.emptyColumn')
                  )
                }
              >
                {(shownCards.get(column.stage) ?? []).map((card) => (
                  <BoardCard
                    key={card.id}
                    card={card}
                    now={now}
                    owner={ownerLabel(t, card, me)}
                    moving={move.pending.has(card.id)}
                    problem={move.problemOf(card)}
                    takeFocus={move.lastMovedId === card.id}
                    onOpen={openCard}
                    onMove={request}
                    onFixProblem={fixProblem}
                    onDismissProblem={dismissProblem}
                    onFocusTaken={move.focusTaken}
                    agingDays={tools.agingDays}
                  />
                ))}
              </BoardColumn>
            ))
          }
        >
          <BoardPipelineDialogs board={board} bp={bp} move={move} />
          {bp.editing && (
            <PipelineEditorDialog
              pipeline={bp.editing === 'current' ? pipeline : undefined}
              counts={board?.pipelineId === pipeline.id ? board.columns : undefined}
              onClose={bp.closeEditor}
              onSaved={bp.select}
            />
          )}
          {move.askingLostReason && (
            <LostReasonDialog
              card={move.askingLostReason}
              onConfirm={move.confirmLost}
              onCancel={move.cancelLost}
            />
          )}
        </BoardFrame>
      </ApprovalActionsProvider>
    </BoardStagesProvider>
  );
}
