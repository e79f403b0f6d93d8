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
import type { DuplicateRecord, LeadCard } from '../../shared/api';
import { checkTransition, isStageOf, isTerminal, LEAD_STAGES } from '../../shared/domain';
import { useCurrentUserId } from '../api/crm-context';
import { useLiveQuery } from '../api/use-live-query';
import { useDialogs } from '../app/dialogs';
import { useNow } from '../app/use-now';
import {
  activeFilterCount,
  cardMatcher,
  columnFigures,
  localIsoDate,
  type BoardFields,
} from '../board/board-filter';
import { useBoardTools } from '../board/board-prefs';
import { BoardToolbar } from '../board/BoardToolbar';
import { columnCollision, columnKeyboardCoordinates } from '../board/dnd';
import { crmErrorText } from '../i18n/error-text';
import { ConvertDialog } from './ConvertDialog';
import { DisqualifyDialog } from './DisqualifyDialog';
import { LeadCardBody, LeadCardView, draggedLead } from './LeadCardView';
import { LeadColumn } from './LeadColumn';
import { LeadDialog } from './LeadDialog';
import { leadDragAnnouncements, leadScreenReaderInstructions } from './lead-dnd';
import { leadStageName } from './lead-text';
import { ScorecardDialog } from './ScorecardDialog';
import { useLeadMove } from './use-lead-move';

type OpenDialog =
  { kind: 'lead'; card?: LeadCard } | { kind: 'score' | 'convert' | 'disqualify'; card: LeadCard };

/** How the board tools read a lead: a lead's company is not yet an account, but filters as one. */
const LEAD_FIELDS: BoardFields<LeadCard> = {
  owner: (card) => ({ id: card.ownerId, name: card.ownerName }),
  account: (card) => ({ id: card.company.trim(), name: card.company.trim() }),
  dates: {
    created: (card) => localIsoDate(card.createdAt),
    stageEntered: (card) => localIsoDate(card.stageEnteredAt),
  },
};

/** The leads board (线索看板): capture, score, qualify, convert or disqualify leads. */
export function LeadsBoard() {
  const { t } = useTranslation();
  const now = useNow();
  const dialogs = useDialogs();
  const me = useCurrentUserId();
  const { data: board, error } = useLiveQuery('board/leads', {});
  const tools = useBoardTools('leads');
  const { filter } = tools;
  const matches = useMemo(() => cardMatcher(filter, LEAD_FIELDS, me), [filter, me]);
  const columns = useMemo(
    () => board?.columns.map((c) => ({ stage: c.stage, ...columnFigures(c.cards, matches) })),
    [board, matches],
  );
  const allCards = useMemo(() => board?.columns.flatMap((c) => c.cards) ?? [], [board]);
  const [open, setOpen] = useState<OpenDialog | null>(null);
  const [dragging, setDragging] = useState<LeadCard | null>(null);
  const close = useCallback(() => setOpen(null), []);
  const move = useLeadMove({
    convert: useCallback((card: LeadCard) => setOpen({ kind: 'convert', card }), []),
    disqualify: useCallback((card: LeadCard) => setOpen({ kind: 'disqualify', card }), []),
  });

  const sensors = useSensors(
    useSensor(PointerSensor, { activationConstraint: { distance: 6 } }),
    useSensor(KeyboardSensor, { coordinateGetter: columnKeyboardCoordinates }),
  );
  const accessibility = useMemo(
    () => ({
      announcements: leadDragAnnouncements(t),
      screenReaderInstructions: leadScreenReaderInstructions(t),
    }),
    [t],
  );
  const { request } = move;
  const onDragStart = useCallback(
    ({ active }: DragStartEvent) => setDragging(draggedLead(active.data) ?? null),
    [],
  );
  const onDragEnd = useCallback(
    ({ active, over }: DragEndEvent) => {
      setDragging(null);
      const card = draggedLead(active.data);
      const to = over ? String(over.id) : undefined;
      if (card && to && isStageOf('lead', to)) request(card, to);
    },
    [request],
  );
  const openCard = useCallback((card: LeadCard) => dialogs.openLead({ lead: card }), [dialogs]);
  const score = useCallback((card: LeadCard) => setOpen({ kind: 'score', card }), []);
  const finish = useCallback((card: LeadCard) => setOpen({ kind: 'convert', card }), []);
  const openDuplicate = (duplicate: DuplicateRecord) => {
    if (duplicate.kind === 'lead') return setOpen({ kind: 'lead', card: duplicate.record });
    setOpen(null);
    if (duplicate.kind === 'account') dialogs.openAccount({ account: duplicate.record });
    else dialogs.openContact({ contact: duplicate.record });
  };

  if (error && !board) {
    return (
      <Alert severity="error" sx={{ m: 2 }}>
        {t('leads.loadFailed')}: {crmErrorText(t, error)}
      </Alert>
    );
  }
  const empty = board !== undefined && board.columns.every((c) => c.count === 0);
  const filtered = activeFilterCount(filter) > 0;
  const working = board?.columns
    .filter((c) => !isTerminal('lead', c.stage))
    .flatMap((c) => c.cards);

  return (
    <Box
      data-testid="leads-board"
      sx={{ height: '100%', display: 'flex', flexDirection: 'column', minHeight: 0 }}
    >
      <Box sx={{ display: 'flex', alignItems: 'baseline', gap: 3, px: 2, pt: 1.75, pb: 1.25 }}>
        <Typography variant="h1">{t('leads.title')}</Typography>
        {working && (
          <Typography variant="body2" color="text.secondary">
            {t('leads.openCount', { count: working.length })}
            {' · '}
            {t('leads.hotCount', { count: working.filter((c) => c.grade === 'hot').length })}
          </Typography>
        )}
        <Box sx={{ flex: 1 }} />
        <Button
          size="small"
          variant="contained"
          startIcon={<AddIcon />}
          onClick={() => dialogs.openLead()}
        >
          {t('leads.new')}
        </Button>
      </Box>
      <BoardToolbar
        tools={tools}
        fields={LEAD_FIELDS}
        cards={allCards}
        shown={columns?.reduce((n, c) => n + c.cards.length, 0) ?? 0}
        me={me}
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
          aria-label={t('leads.label')}
          sx={{ flex: 1, minHeight: 0, display: 'flex', gap: 1, px: 2, pb: 2, overflowX: 'auto' }}
        >
          {!board &&
            LEAD_STAGES.map((stage) => (
              <Skeleton
                key={stage}
                variant="rounded"
                sx={{ flex: '1 0 200px', maxWidth: 320, height: 240 }}
              />
            ))}
          {columns?.map((column, index) => (
            <LeadColumn
              key={column.stage}
              stage={column.stage}
              count={column.cards.length}
              total={column.total}
              filtered={filtered}
              {...(isTerminal('lead', column.stage)
                ? {}
                : {
                    wipLimit: tools.wip[column.stage],
                    onWipLimitChange: (limit: number | undefined) =>
                      tools.setWipLimit(column.stage, limit),
                  })}
              dimmed={
                dragging !== null &&
                dragging.stage !== column.stage &&
                !(column.stage === 'converted'
                  ? dragging.stage === 'qualified'
                  : checkTransition('lead', dragging.stage, column.stage).allowed)
              }
              emptyText={
                empty && index === 0
                  ? t('leads.emptyBoard', { stage: leadStageName(t, column.stage) })
                  : t('leads.emptyColumn')
              }
              revealKey={move.lastMovedId ?? undefined}
            >
              {column.cards.map((card) => {
                const problem = move.problems.get(card.id);
                return (
                  <LeadCardView
                    key={card.id}
                    card={card}
                    now={now}
                    agingDays={tools.agingDays}
                    moving={move.pending.has(card.id)}
                    problem={problem?.from === card.stage ? problem : undefined}
                    onOpen={openCard}
                    onMove={request}
                    onScore={score}
                    onFinishConversion={finish}
                    onDismissProblem={move.dismissProblem}
                    takeFocus={move.lastMovedId === card.id}
                    onFocusTaken={move.focusTaken}
                  />
                );
              })}
            </LeadColumn>
          ))}
        </Box>
        <DragOverlay dropAnimation={null}>
          {dragging && (
            <Paper elevation={8} sx={{ p: 1.25, cursor: 'grabbing', transform: 'rotate(1.5deg)' }}>
              <Typography sx={{ fontWeight: 600, fontSize: 13.5 }}>{dragging.company}</Typography>
              <LeadCardBody card={dragging} now={now} agingDays={tools.agingDays} />
            </Paper>
          )}
        </DragOverlay>
      </DndContext>
      {open?.kind === 'lead' && (
        <LeadDialog
          key={open.card?.id ?? 'new'}
          lead={open.card}
          onClose={close}
          onOpenDuplicate={openDuplicate}
        />
      )}
      {open?.kind === 'score' && <ScorecardDialog card={open.card} onClose={close} />}
      {open?.kind === 'convert' && <ConvertDialog card={open.card} onClose={close} />}
      {open?.kind === 'disqualify' && <DisqualifyDialog card={open.card} onClose={close} />}
    </Box>
  );
}
