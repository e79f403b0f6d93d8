import {
  DndContext,
  DragOverlay,
  KeyboardSensor,
  PointerSensor,
  useSensor,
  useSensors,
  type DragEndEvent,
  type DragStartEvent,
} from '@dnd-kit/core';
import AddIcon from '@mui/icons-material/Add';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Paper from '@mui/material/Paper';
import Skeleton from '@mui/material/Skeleton';
import Typography from '@mui/material/Typography';
import { useCallback, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { OpportunityCard } from '../../shared/api';
import { checkPipelineTransition, type GateRequirement } from '../../shared/domain';
import { useCurrentUserId } from '../api/crm-context';
import { useLiveQuery } from '../api/use-live-query';
import { useDialogs } from '../app/dialogs';
import { useNow } from '../app/use-now';
import { crmErrorText, stageName } from '../i18n/error-text';
import {
  activeFilterCount,
  cardMatcher,
  columnFigures,
  localIsoDate,
  type BoardFields,
} from './board-filter';
import { useBoardTools } from './board-prefs';
import { BoardToolbar } from './BoardToolbar';
import { BoardCard } from './BoardCard';
import { BoardColumn } from './BoardColumn';
import { BoardSummary } from './BoardSummary';
import { CardBody } from './CardBody';
import { ownerLabel } from './card-facts';
import {
  columnCollision,
  columnKeyboardCoordinates,
  dragAnnouncements,
  draggedCard,
  screenReaderInstructions,
} from './dnd';
import { LostReasonDialog } from './LostReasonDialog';
import { opportunityFigures } from './opportunity-figures';
import { useOpportunityMove, type MoveProblem } from './use-opportunity-move';
import { ApprovalActionsProvider } from '../pipelines/ApprovalChip';
import { BoardStagesProvider, stageAccent } from '../pipelines/board-pipeline';
import { BoardPipelineDialogs } from '../pipelines/BoardPipelineDialogs';
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
  const [dragging, setDragging] = useState<OpportunityCard | null>(null);

  const sensors = useSensors(
    // A few pixels of travel before a drag starts, so a click still opens the card.
    useSensor(PointerSensor, { activationConstraint: { distance: 6 } }),
    useSensor(KeyboardSensor, { coordinateGetter: columnKeyboardCoordinates }),
  );
  const accessibility = useMemo(
    () => ({
      announcements: dragAnnouncements(t),
      screenReaderInstructions: screenReaderInstructions(t),
    }),
    [t],
  );

  const { request } = move;
  const onDragStart = useCallback(
    ({ active }: DragStartEvent) => setDragging(draggedCard(active.data) ?? null),
    [],
  );
  const onDragEnd = useCallback(
    ({ active, over }: DragEndEvent) => {
      setDragging(null);
      const card = draggedCard(active.data);
      const to = over ? String(over.id) : undefined;
      if (card && to && stages.some((s) => s.key === to)) request(card, to);
    },
    [request, stages],
  );
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

  if (error && !board) {
    return (
      <Alert severity="error" sx={{ m: 2 }}>
        {t('board.loadFailed')}: {crmErrorText(t, error)}
      </Alert>
    );
  }

  const empty = board !== undefined && board.columns.every((c) => c.count === 0);

  return (
    <BoardStagesProvider stages={stages}>
      <ApprovalActionsProvider value={bp.approvalActions}>
        <Box
          data-testid="opportunity-board"
          sx={{ height: '100%', display: 'flex', flexDirection: 'column', minHeight: 0 }}
        >
          <Box
            sx={{
              display: 'flex',
              alignItems: 'baseline',
              gap: 3,
              px: 2,
              pt: 1.75,
              pb: 1.25,
              flexWrap: 'wrap',
            }}
          >
            <Typography variant="h1">{t('board.title')}</Typography>
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
          </Box>
          <BoardToolbar
            tools={tools}
            fields={OPPORTUNITY_FIELDS}
            me={me}
            cards={board?.columns.flatMap((c) => c.cards) ?? []}
            shown={[...shownCards.values()].reduce((n, cs) => n + cs.length, 0)}
          />
          <DndContext
            sensors={sensors}
            collisionDetection={columnCollision}
            accessibility={accessibility}
            onDragStart={onDragStart}
            onDragEnd={onDragEnd}
            onDragCancel={() => setDragging(null)}
          >
            <Box
              role="group"
              aria-label={t('board.label')}
              sx={{
                flex: 1,
                minHeight: 0,
                display: 'flex',
                gap: 1,
                px: 2,
                pb: 2,
                overflowX: 'auto',
              }}
            >
              {!board &&
                stages.map(({ key }) => (
                  <Skeleton
                    key={key}
                    variant="rounded"
                    sx={{ flex: '1 0 196px', maxWidth: 340, height: 240 }}
                  />
                ))}
              {board?.columns.map((column, index) => (
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
                    ...(column.terminal
                      ? {}
                      : {
                          wipLimit: tools.wip[column.stage],
                          onWipLimitChange: (limit: number | undefined) =>
                            tools.setWipLimit(column.stage, limit),
                        }),
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
                  {(shownCards.get(column.stage) ?? []).map((card) => {
                    const problem = move.problems.get(card.id);
                    return (
                      <BoardCard
                        key={card.id}
                        card={card}
                        now={now}
                        owner={ownerLabel(t, card, me)}
                        moving={move.pending.has(card.id)}
                        problem={problem?.from === card.stage ? problem : undefined}
                        takeFocus={move.lastMovedId === card.id}
                        onOpen={openCard}
                        onMove={request}
                        onFixProblem={fixProblem}
                        onDismissProblem={dismissProblem}
                        onFocusTaken={move.focusTaken}
                        agingDays={tools.agingDays}
                      />
                    );
                  })}
                </BoardColumn>
              ))}
            </Box>
            <DragOverlay dropAnimation={null}>
              {dragging && (
                <Paper
                  elevation={8}
                  sx={{ p: 1.25, cursor: 'grabbing', transform: 'rotate(1.5deg)', width: '100%' }}
                >
                  <CardBody
                    card={dragging}
                    now={now}
                    owner={ownerLabel(t, dragging, me)}
                    title={
                      <Typography sx={{ fontWeight: 600, fontSize: 13.5 }}>
                        {dragging.title}
                      </Typography>
                    }
                  />
                </Paper>
              )}
            </DragOverlay>
          </DndContext>
          <BoardPipelineDialogs board={board} bp={bp} move={move} />
          {move.askingLostReason && (
            <LostReasonDialog
              card={move.askingLostReason}
              onConfirm={move.confirmLost}
              onCancel={move.cancelLost}
            />
          )}
        </Box>
      </ApprovalActionsProvider>
    </BoardStagesProvider>
  );
}
