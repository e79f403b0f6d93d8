import { DndContext, DragOverlay, type DragEndEvent } from '@dnd-kit/core';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Paper from '@mui/material/Paper';
import Skeleton from '@mui/material/Skeleton';
import Typography from '@mui/material/Typography';
import type { SxProps, Theme } from '@mui/material/styles';
import { useMemo, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { CrmErrorData } from '../../shared/api';
import { crmErrorText } from '../i18n/error-text';
import { columnCollision, dragAccessibility, useBoardSensors, type DragWords } from './dnd';

interface BoardFrameProps<D> {
  testId: string;
  title: string;
  /** After the title: the board's open count or money, a pipeline switcher. */
  heading?: ReactNode;
  /** At the right end of the title line (a "new" button). */
  actions?: ReactNode;
  /** The title line wraps (a pipeline switcher can make it long). */
  wrapHeading?: boolean;
  /** Between the title line and the tools (the collections' ageing strip). */
  above?: ReactNode;
  toolbar: ReactNode;
  /** Spoken name of the group of columns. */
  label: string;
  /** The live query's failure with nothing to show: the board says why instead. */
  error?: CrmErrorData | undefined;
  /** "Could not load the board", in the UI language. */
  loadFailed: string;
  /** The columns are not there yet: one skeleton per stage. */
  loading: boolean;
  stages: readonly string[];
  skeleton: { basis: number; max: number };
  /** How the board's cards are dragged and announced; a module constant. */
  drag: DragWords<D>;
  /** A card dropped on another stage's column (the phase's move hook decides the rest). */
  onDrop(card: D, to: string): void;
  /** What the dragged card looks like under the pointer. */
  overlay(card: D): ReactNode;
  overlaySx?: SxProps<Theme>;
  /** The columns, told which card is being dragged (to dim the columns that refuse it). */
  columns(dragging: D | null): ReactNode;
  /** The board's dialogs. */
  children?: ReactNode;
}

/**
 * The frame every stage board shares: the title line, the board tools, the columns side by side
 * with drag and drop (mouse and keyboard, spoken for screen readers) and the dragged card's
 * overlay. The phase supplies its data, its columns and cards, and what a drop does.
 */
export function BoardFrame<D>(props: BoardFrameProps<D>) {
  const { t } = useTranslation();
  const [dragging, setDragging] = useState<D | null>(null);
  const sensors = useBoardSensors();
  const { drag, stages, onDrop } = props;
  const accessibility = useMemo(() => dragAccessibility(t, drag), [t, drag]);
  const onDragEnd = ({ active, over }: DragEndEvent) => {
    setDragging(null);
    const card = drag.dragged(active.data);
    const to = over ? String(over.id) : undefined;
    if (card && to && to !== drag.stageOf(card) && stages.includes(to)) onDrop(card, to);
  };

  if (props.error && props.loading) {
    return (
      <Alert severity="error" sx={{ m: 2 }}>
        {props.loadFailed}: {crmErrorText(t, props.error)}
      </Alert>
    );
  }
  return (
    <Box
      data-testid={props.testId}
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
          ...(props.wrapHeading ? { flexWrap: 'wrap' } : {}),
        }}
      >
        <Typography variant="h1">{props.title}</Typography>
        {props.heading}
        {props.actions && (
          <>
            <Box sx={{ flex: 1 }} />
            {props.actions}
          </>
        )}
      </Box>
      {props.above}
      {props.toolbar}
      <DndContext
        sensors={sensors}
        collisionDetection={columnCollision}
        accessibility={accessibility}
        onDragStart={({ active }) => setDragging(drag.dragged(active.data) ?? null)}
        onDragEnd={onDragEnd}
        onDragCancel={() => setDragging(null)}
      >
        <Box
          role="group"
          aria-label={props.label}
          sx={{ flex: 1, minHeight: 0, display: 'flex', gap: 1, px: 2, pb: 2, overflowX: 'auto' }}
        >
          {props.loading &&
            stages.map((stage) => (
              <Skeleton
                key={stage}
                variant="rounded"
                sx={{
                  flex: `1 0 ${props.skeleton.basis}px`,
                  maxWidth: props.skeleton.max,
                  height: 240,
                }}
              />
            ))}
          {!props.loading && props.columns(dragging)}
        </Box>
        <DragOverlay dropAnimation={null}>
          {dragging !== null && (
            <Paper
              elevation={8}
              sx={[
                { p: 1.25, cursor: 'grabbing', transform: 'rotate(1.5deg)' },
                ...(Array.isArray(props.overlaySx) ? props.overlaySx : [props.overlaySx]),
              ]}
            >
              {props.overlay(dragging)}
            </Paper>
          )}
        </DragOverlay>
      </DndContext>
      {props.children}
    </Box>
  );
}

/** The dragged card's name in its overlay, as the cards print it. */
export function OverlayTitle({ children }: { children: ReactNode }) {
  return <Typography sx={{ fontWeight: 600, fontSize: 13.5 }}>{children}</Typography>;
}
