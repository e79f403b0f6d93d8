import Box from '@mui/material/Box';
import Typography from '@mui/material/Typography';
import { useTranslation } from 'react-i18next';
import type { OpportunityBoard } from '../../shared/api';
import { addToTotals, type MoneyTotals } from '../../shared/domain';
import { useFormat } from '../i18n/format';

/** The open pipeline at a glance: how many deals are in play, their amount and weighted forecast. */
export function BoardSummary({ board }: { board: OpportunityBoard }) {
  const { t } = useTranslation();
  const format = useFormat();
  const open = board.columns.filter((c) => !c.terminal);
  const sum = (pick: (c: (typeof open)[number]) => MoneyTotals) =>
    open.flatMap(pick).reduce<MoneyTotals>((totals, m) => addToTotals(totals, m), []);
  const money = (totals: MoneyTotals) =>
    totals.length === 0 ? t('board.noAmounts') : totals.map((m) => format.money(m)).join(' + ');
  const item = (labelText: string, value: string, testId: string) => (
    <Box sx={{ display: 'flex', alignItems: 'baseline', gap: 0.75 }}>
      <Typography component="span" sx={{ fontSize: 12.5, color: 'text.secondary' }}>
        {labelText}
      </Typography>
      <Typography component="span" sx={{ fontSize: 14, fontWeight: 700 }} data-testid={testId}>
        {value}
      </Typography>
    </Box>
  );
  return (
    <Box
      sx={{ display: 'flex', flexWrap: 'wrap', alignItems: 'baseline', columnGap: 3, rowGap: 0.5 }}
    >
      <Typography component="span" sx={{ fontSize: 13, color: 'text.secondary' }}>
        {t('board.openPipeline', { count: open.reduce((n, c) => n + c.count, 0) })}
      </Typography>
      {item(t('board.openTotal'), money(sum((c) => c.total)), 'pipeline-total')}
      {item(t('board.forecast'), money(sum((c) => c.weighted)), 'pipeline-forecast')}
    </Box>
  );
}
