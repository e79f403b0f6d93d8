import { DndContext, DragOverlay, type DragEndEvent } from '@dnd-kit/core';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Paper from '@mui/material/Paper';
import Skeleton from '@mui/material/Skeleton';
import Typography from '@mui/material/Typography';
import { Fragment, useMemo, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { CrmErrorData } from '../../shared/api';
import { isStageOf, isTerminal } from '../../shared/domain';
import type { BoardFields } from '../board/board-filter';
import { BoardToolbar } from '../board/BoardToolbar';
import { columnCollision } from '../board/dnd';
import { MoneyTotalsText } from '../board/MoneyTotalsText';
import { StageColumn } from '../board/StageColumn';
import { crmErrorText } from '../i18n/error-text';
import { stageNameOf, type ContractingPhase } from './contract-text';
import { draggedStageCard, type StageDragData } from './StageCard';
import { useBoardView, type RawColumn } from './use-board-view';
import { useStageDnd } from './use-stage-dnd';

interface StageBoardProps<C extends { id: string }, S extends string> {
  phase: ContractingPhase;
  testId: string;
  title: string;
  /** The live query's failure: without a board to show, the board says why instead. */
  error?: CrmErrorData;
  actions?: ReactNode;
  stages: readonly S[];
  accent: Record<string, string>;
  columns: readonly RawColumn<C, S>[] | undefined;
  /** How the board tools read a card (owner, account, amount, dates); a module constant. */
  fields: BoardFields<C>;
  /** Keys of fields.dates the filter offers, in order. */
  dateFields?: string[];
  /** The transition rules: while a card is dragged, the columns it may not go to are dimmed. */
  canMove(from: S, to: S): boolean;
  /** A card dropped on another column asks to move there (use-stage-move decides the rest). */
  onMove(card: C, to: S): void;
  /** One card of a column; `agingDays` is the board's threshold. The board keys it by id. */
  renderCard(card: C, agingDays: number): ReactNode;
  /** The lines under the title of the card being dragged. */
  overlay(card: C, agingDays: number): ReactNode;
  /** The card a move just landed: its (long, virtualised) column scrolls it into view. */
  revealKey?: string;
}

/**
 * The frame of the contract and delivery boards: title line with the open count (or why the
 * board could not load), the board tools (filters, aging threshold), one StageColumn per stage
 * with its count, WIP limit and the money totals per currency of the cards the filters leave,
 * drag and drop (mouse and keyboard) with spoken announcements. The boards supply the cards,
 * their transition rules and what a move does.
 */
export function StageBoard<C extends { id: string }, S extends string>(
  props: StageBoardProps<C, S>,
) {
  const { t } = useTranslation();
  const { phase } = props;
  const section = phase === 'contract' ? 'contracts' : 'delivery';
  const view = useBoardView(section, props.columns, props.fields);
  const { tools, filtered, columns } = view;
  // Finished stages (completed, terminated, accepted) are not work in progress: no limit there.
  const isOpen = (stage: string) => isStageOf(phase, stage) && !isTerminal(phase, stage);
  const [dragging, setDragging] = useState<StageDragData | null>(null);
  // The drag data carries only id/title/stage; drops and the overlay need the full card.
  const cardsById = useMemo(
    () => new Map(props.columns?.flatMap((c) => c.cards.map((card) => [card.id, card]))),
    [props.columns],
  );
  const isBoardStage = (stage: string): stage is S =>
    (props.stages as readonly string[]).includes(stage);
  const accepts = (card: StageDragData, stage: string) =>
    isBoardStage(card.stage) && isBoardStage(stage) && props.canMove(card.stage, stage);
  const draggedCard = dragging ? cardsById.get(dragging.id) : undefined;
  const { sensors, accessibility } = useStageDnd(phase);

  const onDragEnd = ({ active, over }: DragEndEvent) => {
    setDragging(null);
    const dragged = draggedStageCard(active.data);
    const to = over ? String(over.id) : undefined;
    const card = dragged && cardsById.get(dragged.id);
    if (card && to && to !== dragged.stage && isBoardStage(to)) props.onMove(card, to);
  };
  const empty = props.columns?.every((c) => c.cards.length === 0);

  if (props.error && !props.columns) {
    return (
      <Alert severity="error" sx={{ m: 2 }}>
        {t(`${section}.loadFailed`)}: {crmErrorText(t, props.error)}
      </Alert>
    );
  }

  return (
    <Box
      data-testid={props.testId}
      sx={{ height: '100%', display: 'flex', flexDirection: 'column', minHeight: 0 }}
    >
      <Box sx={{ display: 'flex', alignItems: 'baseline', gap: 3, px: 2, pt: 1.75, pb: 1.25 }}>
        <Typography variant="h1">{props.title}</Typography>
        {columns && (
          // The open work (finished stages left out) among the cards the filters leave.
          <Typography variant="body2" color="text.secondary" data-testid="board-summary">
            {t(`${section}.openCount`, {
              count: columns.filter((c) => isOpen(c.stage)).reduce((n, c) => n + c.cards.length, 0),
            })}
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
                revealKey={props.revealKey}
                countLabel={t(`${section}.count`, { count })}
                cardsLabel={t(`${section}.columnCards`, { stage: name })}
                dimmed={
                  dragging !== null &&
                  dragging.stage !== column.stage &&
                  !accepts(dragging, column.stage)
                }
                emptyText={
                  empty && index === 0
                    ? t(`${section}.emptyBoard`, { stage: name })
                    : t(`${section}.emptyColumn`)
                }
                // Six contract stages fit a 1366-px laptop screen; four delivery ones get more room.
                width={{ basis: phase === 'contract' ? 176 : 200, max: 320 }}
                collection={phase === 'contract' ? 'contracts' : 'deliveries'}
                amountOf={(id) => {
                  const card = column.cards.find((candidate) => candidate.id === id);
                  return card && props.fields.amount?.(card);
                }}
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
                {column.cards.map((card) => (
                  <Fragment key={card.id}>{props.renderCard(card, tools.agingDays)}</Fragment>
                ))}
              </StageColumn>
            );
          })}
        </Box>
        <DragOverlay dropAnimation={null}>
          {dragging && (
            <Paper elevation={8} sx={{ p: 1.25, cursor: 'grabbing', transform: 'rotate(1.5deg)' }}>
              <Typography sx={{ fontWeight: 600, fontSize: 13.5 }}>{dragging.title}</Typography>
              {draggedCard && props.overlay(draggedCard, tools.agingDays)}
            </Paper>
          )}
        </DragOverlay>
      </DndContext>
    </Box>
  );
}
