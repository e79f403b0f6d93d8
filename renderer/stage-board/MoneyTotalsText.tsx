import Box from '@mui/material/Box';
import type { MoneyTotals } from '../../shared/domain';
import { useFormat } from '../i18n/format';

/** Totals per currency, one per line: CNY and USD are never added together. */
export function MoneyTotalsText({ totals, empty = '—' }: { totals: MoneyTotals; empty?: string }) {
  const format = useFormat();
  if (totals.length === 0) return <span>{empty}</span>;
  return (
    <Box
      component="span"
      sx={{ display: 'inline-flex', flexDirection: 'column', alignItems: 'flex-end' }}
    >
      {totals.map((amount) => (
        <span key={amount.currency}>{format.money(amount)}</span>
      ))}
    </Box>
  );
}
