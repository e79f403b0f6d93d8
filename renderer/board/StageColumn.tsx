import { useDroppable } from '@dnd-kit/core';
import Box from '@mui/material/Box';
import Typography from '@mui/material/Typography';
import { useId, type ReactNode } from 'react';

interface StageColumnProps {
  /** The stage id: the drop target's id and `data-stage`. */
  stage: string;
  /** The stage's name in the current language. */
  name: string;
  /** Colour of the column's top edge. */
  accent: string;
  count: number;
  /** Spoken name of the count badge ("3 opportunities"). */
  countLabel: string;
  /** Spoken name of the card list ("Cards in Proposal"). */
  cardsLabel: string;
  /** While a card is dragged: this column would refuse it by the transition rules. */
  dimmed: boolean;
  emptyText: ReactNode;
  /** flex-basis and max width: boards with more columns make them narrower. */
  width: { basis: number; max: number };
  /** Header lines under the name and count (the opportunity board's money figures). */
  summary?: ReactNode;
  children: ReactNode;
}

/**
 * One stage of any phase board: a drop target (a labelled region, so it can be found by its
 * name), a header with the stage's name and count, and its cards. The boards differ only in
 * what they put in `summary` and in the cards.
 */
export function StageColumn(props: StageColumnProps) {
  const { stage, name, accent, count, dimmed, emptyText, width, summary, children } = props;
  const { setNodeRef, isOver } = useDroppable({ id: stage });
  const headingId = useId();
  return (
    <Box
      ref={setNodeRef}
      component="section"
      role="region"
      aria-labelledby={headingId}
      data-stage={stage}
      sx={{
        flex: `1 0 ${width.basis}px`,
        maxWidth: width.max,
        display: 'flex',
        flexDirection: 'column',
        minHeight: 0,
        bgcolor: isOver ? '#e3ecfa' : '#e9edf2',
        borderRadius: 2,
        borderTop: '3px solid',
        borderTopColor: accent,
        outline: isOver ? '2px dashed' : 'none',
        outlineColor: 'primary.main',
        outlineOffset: -2,
        opacity: dimmed ? 0.5 : 1,
        transition: 'background-color 120ms, opacity 120ms',
      }}
    >
      <Box sx={{ px: 1.5, pt: 1.25, pb: 1 }}>
        <Box sx={{ display: 'flex', alignItems: 'center', gap: 1 }}>
          <Typography id={headingId} component="h2" sx={{ fontWeight: 700, fontSize: 14.5 }}>
            {name}
          </Typography>
          <Box
            component="span"
            aria-label={props.countLabel}
            sx={{
              minWidth: 22,
              px: 0.75,
              borderRadius: 5,
              bgcolor: 'background.paper',
              fontSize: 12,
              fontWeight: 700,
              textAlign: 'center',
              color: 'text.secondary',
            }}
          >
            {count}
          </Box>
        </Box>
        {summary}
      </Box>
      <Box sx={{ flex: 1, minHeight: 80, overflowY: 'auto', px: 1, pb: 1 }}>
        <Box
          role="list"
          aria-label={props.cardsLabel}
          sx={{ display: 'flex', flexDirection: 'column', gap: 1 }}
        >
          {children}
        </Box>
        {count === 0 && (
          <Box
            sx={{
              border: '1px dashed',
              borderColor: 'grey.400',
              borderRadius: 1.5,
              p: 2,
              textAlign: 'center',
              color: 'text.secondary',
              fontSize: 12.5,
            }}
          >
            {emptyText}
          </Box>
        )}
      </Box>
    </Box>
  );
}
