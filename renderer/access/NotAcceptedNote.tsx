import ReportProblemOutlinedIcon from '@mui/icons-material/ReportProblemOutlined';
import Box from '@mui/material/Box';
import { useTranslation } from 'react-i18next';
import type { Money } from '../../shared/domain';
import { useFormat } from '../i18n/format';
import { problemKey, useSync } from '../sync/sync-context';

/**
 * Under a column's totals: how much of them the server has not accepted (changes saved on this
 * device and refused at sync, marked on their cards). The totals count what the person sees;
 * this says which part of it the firm's data does not have.
 */
export function NotAcceptedNote(props: {
  collection: string;
  ids: readonly string[];
  amountOf?(id: string): Money | undefined;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  const { problems } = useSync();
  const refused = props.ids.filter((id) => problems.has(problemKey(props.collection, id)));
  if (refused.length === 0) return null;
  const sums = new Map<string, number>();
  for (const id of refused) {
    const amount = props.amountOf?.(id);
    if (amount) sums.set(amount.currency, (sums.get(amount.currency) ?? 0) + amount.minor);
  }
  const amount =
    sums.size > 0
      ? [...sums].map(([currency, minor]) => format.money({ minor, currency })).join(' + ')
      : t('rules.problem.cards', { count: refused.length });
  return (
    <Box
      role="note"
      aria-label={t('rules.problem.columnNotAcceptedLabel', { count: refused.length, amount })}
      sx={{
        display: 'flex',
        alignItems: 'center',
        gap: 0.5,
        mt: 0.5,
        fontSize: 12,
        color: 'warning.dark',
      }}
    >
      <ReportProblemOutlinedIcon sx={{ fontSize: 14 }} />
      {t('rules.problem.columnNotAccepted', { amount })}
    </Box>
  );
}
