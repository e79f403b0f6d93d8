import Box from '@mui/material/Box';
import Typography from '@mui/material/Typography';
import type { TFunction } from 'i18next';
import { Fragment, useMemo, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { CrmErrorData } from '../../shared/api';
import type { BoardFields } from './board-filter';
import { BoardFrame, OverlayTitle } from './BoardFrame';
import { wipLimitOf } from './board-prefs';
import { BoardToolbar } from './BoardToolbar';
import type { DragWords } from './dnd';
import { MoneyTotalsText } from './MoneyTotalsText';
import { draggedStageCard, type StageDragData } from './StageCard';
import { StageColumn } from './StageColumn';
import { useBoardView, type RawColumn } from './use-board-view';

/** What a phase tells the generic stage board about itself; a module constant. */
export interface StageBoardPhase {
  /** The catalog section of the board's sentences (title, counts, empty columns, dragging). */
  section: 'contracts' | 'delivery';
  /** The records' collection (what the rulebook and sync problems are looked up by). */
  collection: 'contracts' | 'deliveries';
  stageName(t: TFunction, stage: string): string;
  /** A stage with work in progress: finished ones (completed, accepted) get no WIP limit. */
  isOpen(stage: string): boolean;
  /** The columns' basis width in px: as many stages as fit a 1366-px laptop screen. */
  columnBasis: number;
}

/** How a phase's board is laid out and what its rules allow: a module constant. */
export interface StageBoardRules<C, S extends string> {
  testId: string;
  stages: readonly S[];
  accent: Record<string, string>;
  /** How the board tools read a card (owner, account, amount, dates). */
  fields: BoardFields<C>;
  /** Keys of fields.dates the filter offers, in order. */
  dateFields?: string[];
  /** The transition rules: while a card is dragged, the columns it may not go to are dimmed. */
  canMove(from: S, to: S): boolean;
}

interface StageBoardProps<C extends { id: string }, S extends string> extends StageBoardRules<
  C,
  S
> {
  phase: StageBoardPhase;
  title: string;
  /** The live query's failure: without a board to show, the board says why instead. */
  error?: CrmErrorData;
  actions?: ReactNode;
  columns: readonly RawColumn<C, S>[] | undefined;
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
 * The board of a phase whose columns total money (contracts, deliveries): the board frame with
 * the open count, one StageColumn per stage with its count, WIP limit and the money totals per
 * currency of the cards the filters leave. The phase supplies the cards, its transition rules
 * and what a move does.
 */
export function StageBoard<C extends { id: string }, S extends string>(
  props: StageBoardProps<C, S>,
) {
  const { t } = useTranslation();
  const { phase } = props;
  const { section } = phase;
  const view = useBoardView(section, props.columns, props.fields);
  const { tools, filtered, columns } = view;
  // The drag data carries only id/title/stage; drops and the overlay need the full card.
  const cardsById = useMemo(
    () => new Map(props.columns?.flatMap((c) => c.cards.map((card) => [card.id, card]))),
    [props.columns],
  );
  const isBoardStage = (stage: string): stage is S =>
    (props.stages as readonly string[]).includes(stage);
  const accepts = (card: StageDragData, stage: string) =>
    isBoardStage(card.stage) && isBoardStage(stage) && props.canMove(card.stage, stage);
  // The contracts section holds the announcement sentences; they fit deliveries too.
  const drag = useMemo<DragWords<StageDragData>>(
    () => ({
      keys: 'contracts.dnd',
      instructions: `${section}.dnd.instructions`,
      dragged: draggedStageCard,
      nameOf: (card) => card.title,
      stageOf: (card) => card.stage,
      stageName: phase.stageName,
    }),
    [section, phase.stageName],
  );
  const empty = props.columns?.every((c) => c.cards.length === 0);

  return (
    <BoardFrame
      testId={props.testId}
      title={props.title}
      heading={
        columns && (
          // The open work (finished stages left out) among the cards the filters leave.
          <Typography variant="body2" color="text.secondary" data-testid="board-summary">
            {t(`${section}.openCount`, {
              count: columns
                .filter((c) => phase.isOpen(c.stage))
                .reduce((n, c) => n + c.cards.length, 0),
            })}
          </Typography>
        )
      }
      actions={props.actions}
      toolbar={
        <BoardToolbar
          tools={tools}
          fields={props.fields}
          cards={view.allCards}
          shown={view.shownCards.length}
          me={view.me}
          dateFields={props.dateFields}
        />
      }
      label={t(`${section}.label`)}
      error={props.error}
      loadFailed={t(`${section}.loadFailed`)}
      loading={!columns}
      stages={props.stages}
      skeleton={{ basis: 200, max: 320 }}
      drag={drag}
      onDrop={(dragged, to) => {
        const card = cardsById.get(dragged.id);
        if (card && isBoardStage(to)) props.onMove(card, to);
      }}
      overlay={(dragged) => {
        const card = cardsById.get(dragged.id);
        return (
          <>
            <OverlayTitle>{dragged.title}</OverlayTitle>
            {card && props.overlay(card, tools.agingDays)}
          </>
        );
      }}
      columns={(dragging) =>
        columns?.map((column, index) => {
          const name = phase.stageName(t, column.stage);
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
              {...wipLimitOf(tools, column.stage, phase.isOpen(column.stage))}
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
              width={{ basis: phase.columnBasis, max: 320 }}
              collection={phase.collection}
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
        })
      }
    />
  );
}
