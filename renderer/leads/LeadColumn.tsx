import { useDroppable } from '@dnd-kit/core';
import Box from '@mui/material/Box';
import Typography from '@mui/material/Typography';
import { useId, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { LeadColumn as LeadColumnData } from '../../shared/api';
import type { LeadStage } from '../../shared/domain';
import { leadStageName } from './lead-text';

/** Open stages warm from grey-blue to blue; converted is green, disqualified grey. */
const STAGE_ACCENT: Record<LeadStage, string> = {
  new: '#a7bcd9',
  contacted: '#6f9ad6',
  qualified: '#2f6fc7',
  converted: '#2e7d32',
  disqualified: '#8a94a3',
};

interface LeadColumnProps {
  column: LeadColumnData;
  /** While a card is dragged: this column would refuse it. */
  dimmed: boolean;
  emptyText: ReactNode;
  children: ReactNode;
}

/** One lead stage: a drop target with its name and count, and its cards oldest-in-stage first. */
export function LeadColumn({ column, dimmed, emptyText, children }: LeadColumnProps) {
  const { t } = useTranslation();
  const { setNodeRef, isOver } = useDroppable({ id: column.stage });
  const headingId = useId();
  const name = leadStageName(t, column.stage);
  return (
    <Box
      ref={setNodeRef}
      component="section"
      role="region"
      aria-labelledby={headingId}
      data-stage={column.stage}
      sx={{
        flex: '1 0 200px',
        maxWidth: 320,
        display: 'flex',
        flexDirection: 'column',
        minHeight: 0,
        bgcolor: isOver ? '#e3ecfa' : '#e9edf2',
        borderRadius: 2,
        borderTop: '3px solid',
        borderTopColor: STAGE_ACCENT[column.stage],
        outline: isOver ? '2px dashed' : 'none',
        outlineColor: 'primary.main',
        outlineOffset: -2,
        opacity: dimmed ? 0.5 : 1,
        transition: 'background-color 120ms, opacity 120ms',
      }}
    >
      <Box sx={{ px: 1.5, pt: 1.25, pb: 1, display: 'flex', alignItems: 'center', gap: 1 }}>
        <Typography id={headingId} component="h2" sx={{ fontWeight: 700, fontSize: 14.5 }}>
          {name}
        </Typography>
        <Box
          component="span"
          aria-label={t('leads.count', { count: column.count })}
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
          {column.count}
        </Box>
      </Box>
      <Box sx={{ flex: 1, minHeight: 80, overflowY: 'auto', px: 1, pb: 1 }}>
        <Box
          role="list"
          aria-label={t('leads.columnCards', { stage: name })}
          sx={{ display: 'flex', flexDirection: 'column', gap: 1 }}
        >
          {children}
        </Box>
        {column.count === 0 && (
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
