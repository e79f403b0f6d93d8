import { useDroppable } from '@dnd-kit/core';
import Box from '@mui/material/Box';
import Typography from '@mui/material/Typography';
import { useId, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { OpportunityColumn } from '../../shared/api';
import type { OpportunityStage } from '../../shared/domain';
import { stageName } from '../i18n/error-text';
import { MoneyTotalsText } from './MoneyTotalsText';

/** Open stages deepen in blue as the deal matures; won is green, lost grey. */
export const STAGE_ACCENT: Record<OpportunityStage, string> = {
  qualify: '#8fb3e6',
  solution: '#5b8fd9',
  proposal: '#2f6fc7',
  negotiation: '#1d4f9a',
  won: '#2e7d32',
  lost: '#8a94a3',
};

interface BoardColumnProps {
  column: OpportunityColumn;
  /** While a card is dragged: this column would refuse it by the transition rules. */
  dimmed: boolean;
  children: ReactNode;
  emptyText: ReactNode;
}

/** One stage: a drop target, a header with its numbers, and its cards oldest-in-stage first. */
export function BoardColumn({ column, dimmed, children, emptyText }: BoardColumnProps) {
  const { t } = useTranslation();
  const { setNodeRef, isOver } = useDroppable({ id: column.stage });
  const headingId = useId();
  const name = stageName(t, column.stage);
  return (
    <Box
      ref={setNodeRef}
      component="section"
      role="region"
      aria-labelledby={headingId}
      data-stage={column.stage}
      sx={{
        flex: '1 0 196px',
        maxWidth: 340,
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
      <Box sx={{ px: 1.5, pt: 1.25, pb: 1 }}>
        <Box sx={{ display: 'flex', alignItems: 'center', gap: 1 }}>
          <Typography id={headingId} component="h2" sx={{ fontWeight: 700, fontSize: 14.5 }}>
            {name}
          </Typography>
          <Box
            component="span"
            aria-label={t('board.count', { count: column.count })}
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
        <Box
          component="dl"
          sx={{
            m: 0,
            mt: 0.75,
            display: 'grid',
            gridTemplateColumns: 'auto 1fr',
            columnGap: 1,
            rowGap: 0.25,
            fontSize: 12.5,
            '& dt': { color: 'text.secondary' },
            '& dd': { m: 0, textAlign: 'right', fontWeight: 600 },
          }}
        >
          <dt>{t('board.probabilityLabel')}</dt>
          <Box component="dd" sx={{ fontWeight: '400 !important', color: 'text.secondary' }}>
            {t('board.probabilityValue', { value: column.probability })}
          </Box>
          <dt>{t('board.total')}</dt>
          <dd data-testid="column-total">
            <MoneyTotalsText totals={column.total} empty={t('board.noAmounts')} />
          </dd>
          <dt>{t('board.weighted')}</dt>
          <dd data-testid="column-weighted">
            <MoneyTotalsText totals={column.weighted} empty={t('board.noAmounts')} />
          </dd>
        </Box>
      </Box>
      <Box sx={{ flex: 1, minHeight: 80, overflowY: 'auto', px: 1, pb: 1 }}>
        <Box
          role="list"
          aria-label={t('board.columnCards', { stage: name })}
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
