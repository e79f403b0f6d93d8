import {
  DndContext,
  DragOverlay,
  KeyboardSensor,
  PointerSensor,
  useSensor,
  useSensors,
  type Announcements,
  type DragEndEvent,
} from '@dnd-kit/core';
import Box from '@mui/material/Box';
import Paper from '@mui/material/Paper';
import Skeleton from '@mui/material/Skeleton';
import Typography from '@mui/material/Typography';
import { useMemo, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { isStageOf, isTerminal } from '../../shared/domain';
import type { BoardFields } from '../board/board-filter';
import { BoardToolbar } from '../board/BoardToolbar';
import { columnCollision, columnKeyboardCoordinates } from '../board/dnd';
import { MoneyTotalsText } from '../board/MoneyTotalsText';
import { StageColumn } from '../board/StageColumn';
import { stageNameOf, type ContractingPhase } from './contract-text';
import { draggedStageCard, type StageDragData } from './StageCard';
import { useBoardView, type BoardView, type RawColumn } from './use-board-view';

interface StageBoardProps<C, S extends string> {
  phase: ContractingPhase;
  testId: string;
  title: string;
  /** The line next to the title (open count), from the cards the filters leave. */
  summary?(view: BoardView<C, S>): ReactNode;
  actions?: ReactNode;
  stages: readonly string[];
  accent: Record<string, string>;
  columns: readonly RawColumn<C, S>[] | undefined;
  /** How the board tools read a card (owner, account, amount, dates); a module constant. */
  fields: BoardFields<C>;
  /** Keys of fields.dates the filter offers, in order. */
  dateFields?: string[];
  /** While a card is dragged: would this column take it (the transition rules)? */
  accepts(card: StageDragData, stage: string): boolean;
  onDrop(card: StageDragData, stage: string): void;
  /** The cards of one column, each keyed by its id; `agingDays` is the board's threshold. */
  renderCards(cards: C[], agingDays: number): ReactNode;
  overlay(card: StageDragData, agingDays: number): ReactNode;
}

/**
 * The frame of the contract and delivery boards: title line, the board tools (filters, aging
 * threshold), one StageColumn per stage with its count, WIP limit and the money totals per
 * currency of the cards the filters leave, drag and drop (mouse and keyboard) with spoken
 * announcements. The boards supply the cards and what a drop does.
 */
export function StageBoard<C, S extends string>(props: StageBoardProps<C, S>) {
  const { t } = useTranslation();
  const { phase } = props;
  const section = phase === 'contract' ? 'contracts' : 'delivery';
  const view = useBoardView(section, props.columns, props.fields);
  const { tools, filtered, columns } = view;
  // Finished stages (completed, terminated, accepted) are not work in progress: no limit there.
  const isOpen = (stage: string) => isStageOf(phase, stage) && !isTerminal(phase, stage);
  const [dragging, setDragging] = useState<StageDragData | null>(null);
  const sensors = useSensors(
    useSensor(PointerSensor, { activationConstraint: { distance: 6 } }),
    useSensor(KeyboardSensor, { coordinateGetter: columnKeyboardCoordinates }),
  );
  const accessibility = useMemo(() => {
    const name = (stage: string) => stageNameOf(t, phase, stage);
    const title = (active: { data: { current?: Record<string, unknown> } }) =>
      draggedStageCard(active.data)?.title ?? '';
    const from = (active: { data: { current?: Record<string, unknown> } }) =>
      name(draggedStageCard(active.data)?.stage ?? '');
    // The contracts section holds the announcement sentences; they fit deliveries too.
    const announcements: Announcements = {
      onDragStart: ({ active }) =>
        t('contracts.dnd.start', { title: title(active), stage: from(active) }),
      onDragOver: ({ active, over }) =>
        over
          ? t('contracts.dnd.over', { title: title(active), stage: name(String(over.id)) })
          : t('contracts.dnd.overNone', { title: title(active) }),
      onDragEnd: ({ active, over }) =>
        over && String(over.id) !== draggedStageCard(active.data)?.stage
          ? t('contracts.dnd.end', { title: title(active), stage: name(String(over.id)) })
          : t('contracts.dnd.endNone', { title: title(active) }),
      onDragCancel: ({ active }) =>
        t('contracts.dnd.cancel', { title: title(active), stage: from(active) }),
    };
    return {
      announcements,
      screenReaderInstructions: { draggable: t(`${section}.dnd.instructions`) },
    };
  }, [t, phase, section]);

  const { onDrop } = props;
  const onDragEnd = ({ active, over }: DragEndEvent) => {
    setDragging(null);
    const card = draggedStageCard(active.data);
    if (card && over && String(over.id) !== card.stage) onDrop(card, String(over.id));
  };
  const empty = props.columns?.every((c) => c.cards.length === 0);

  return (
    <Box
      data-testid={props.testId}
      sx={{ height: '100%', display: 'flex', flexDirection: 'column', minHeight: 0 }}
    >
      <Box sx={{ display: 'flex', alignItems: 'baseline', gap: 3, px: 2, pt: 1.75, pb: 1.25 }}>
        <Typography variant="h1">{props.title}</Typography>
        {props.summary && columns && (
          <Typography variant="body2" color="text.secondary" data-testid="board-summary">
            {props.summary(view)}
          </Typography>
        )}
        <Box sx={{ flex: 1 }} />
        {props.actions}
      </Box>
      <BoardToolbar
        tools={tools}
        fields={props.fields}
        cards={view.allCards}
        shown={view.shownCards.length}
        me={view.me}
        dateFields={props.dateFields}
      />
      <DndContext
        sensors={sensors}
        collisionDetection={columnCollision}
        accessibility={accessibility}
        onDragStart={({ active }) => setDragging(draggedStageCard(active.data) ?? null)}
        onDragEnd={onDragEnd}
        onDragCancel={() => setDragging(null)}
      >
        <Box
          role="group"
          aria-label={t(`${section}.label`)}
          sx={{ flex: 1, minHeight: 0, display: 'flex', gap: 1, px: 2, pb: 2, overflowX: 'auto' }}
        >
          {!columns &&
            props.stages.map((stage) => (
              <Skeleton
                key={stage}
                variant="rounded"
                sx={{ flex: '1 0 200px', maxWidth: 320, height: 240 }}
              />
            ))}
          {columns?.map((column, index) => {
            const name = stageNameOf(t, phase, column.stage);
            const count = column.cards.length;
            return (
              <StageColumn
                key={column.stage}
                stage={column.stage}
                name={name}
                accent={props.accent[column.stage] ?? '#a7bcd9'}
                count={count}
                total={column.total}
                filtered={filtered}
                {...(isOpen(column.stage)
                  ? {
                      wipLimit: tools.wip[column.stage],
                      onWipLimitChange: (limit: number | undefined) =>
                        tools.setWipLimit(column.stage, limit),
                    }
                  : {})}
                countLabel={t(`${section}.count`, { count })}
                cardsLabel={t(`${section}.columnCards`, { stage: name })}
                dimmed={
                  dragging !== null &&
                  dragging.stage !== column.stage &&
                  !props.accepts(dragging, column.stage)
                }
                emptyText={
                  empty && index === 0
                    ? t(`${section}.emptyBoard`, { stage: name })
                    : t(`${section}.emptyColumn`)
                }
                // Six contract stages fit a 1366-px laptop screen; four delivery ones get more room.
                width={{ basis: phase === 'contract' ? 176 : 200, max: 320 }}
                summary={
                  // The money of the cards shown: it follows the filters, as the count does.
                  column.money.length > 0 ? (
                    <Box
                      sx={{ mt: 0.5, fontSize: 12.5, fontWeight: 600, color: 'text.secondary' }}
                      data-testid={`total-${column.stage}`}
                    >
                      <MoneyTotalsText totals={column.money} />
                    </Box>
                  ) : undefined
                }
              >
                {props.renderCards(column.cards, tools.agingDays)}
              </StageColumn>
            );
          })}
        </Box>
        <DragOverlay dropAnimation={null}>
          {dragging && (
            <Paper elevation={8} sx={{ p: 1.25, cursor: 'grabbing', transform: 'rotate(1.5deg)' }}>
              <Typography sx={{ fontWeight: 600, fontSize: 13.5 }}>{dragging.title}</Typography>
              {props.overlay(dragging, tools.agingDays)}
            </Paper>
          )}
        </DragOverlay>
      </DndContext>
    </Box>
  );
}
