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
import { checkTransition, isStageOf, OPPORTUNITY_STAGES } from '../../shared/domain';
import { useCurrentUserId } from '../api/crm-context';
import { useLiveQuery } from '../api/use-live-query';
import { useDialogs } from '../app/dialogs';
import { useNow } from '../app/use-now';
import { crmErrorText, stageName } from '../i18n/error-text';
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
import { useOpportunityMove, type MoveProblem } from './use-opportunity-move';

/** The opportunity pipeline: one column per stage, cards moved by drag and drop or by menu. */
export function OpportunityBoard() {
  const { t } = useTranslation();
  const me = useCurrentUserId();
  const now = useNow();
  const dialogs = useDialogs();
  const { data: board, error } = useLiveQuery('board/opportunities', {});
  const move = useOpportunityMove();
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
      if (card && to && isStageOf('opportunity', to)) request(card, to);
    },
    [request],
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
      if (error.type === 'GateBlocked' && isStageOf('opportunity', error.to)) {
        dialogs.openOpportunity({ card, pendingMove: { to: error.to, missing: error.missing } });
      }
    },
    [dialogs, dismissProblem],
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
        {board && <BoardSummary board={board} />}
      </Box>
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
          sx={{ flex: 1, minHeight: 0, display: 'flex', gap: 1, px: 2, pb: 2, overflowX: 'auto' }}
        >
          {!board &&
            OPPORTUNITY_STAGES.map((stage) => (
              <Skeleton
                key={stage}
                variant="rounded"
                sx={{ flex: '1 0 196px', maxWidth: 340, height: 240 }}
              />
            ))}
          {board?.columns.map((column, index) => (
            <BoardColumn
              key={column.stage}
              column={column}
              dimmed={
                dragging !== null &&
                dragging.stage !== column.stage &&
                !checkTransition('opportunity', dragging.stage, column.stage).allowed
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
              {column.cards.map((card) => {
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
                  <Typography sx={{ fontWeight: 600, fontSize: 13.5 }}>{dragging.title}</Typography>
                }
              />
            </Paper>
          )}
        </DragOverlay>
      </DndContext>
      {move.askingLostReason && (
        <LostReasonDialog
          card={move.askingLostReason}
          onConfirm={move.confirmLost}
          onCancel={move.cancelLost}
        />
      )}
    </Box>
  );
}
