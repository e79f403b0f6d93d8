import Box from '@mui/material/Box';
import type { ReactNode } from 'react';
import type { MoneyTotals } from '../../shared/domain';
import { MoneyTotalsText } from './MoneyTotalsText';

interface ColumnTotalsProps {
  /** Label and totals per line ("Total", "Weighted"), of the cards the filters leave. */
  lines: { label: string; totals: MoneyTotals; testId?: string }[];
  empty: string;
  /** Lines before the money (the opportunity board's win rate), as dt/dd pairs. */
  before?: ReactNode;
}

/**
 * The money lines of a column header, as a definition list (label, amount per currency). Boards
 * pass totals computed from the shown cards (board-filter.ts columnFigures), so they follow the
 * filters.
 */
export function ColumnTotals({ lines, empty, before }: ColumnTotalsProps) {
  return (
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
      {before}
      {lines.map((line) => (
        <Box key={line.label} sx={{ display: 'contents' }}>
          <dt>{line.label}</dt>
          <dd data-testid={line.testId}>
            <MoneyTotalsText totals={line.totals} empty={empty} />
          </dd>
        </Box>
      ))}
    </Box>
  );
}
