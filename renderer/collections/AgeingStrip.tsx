import Box from '@mui/material/Box';
import Paper from '@mui/material/Paper';
import Skeleton from '@mui/material/Skeleton';
import Typography from '@mui/material/Typography';
import { useTranslation } from 'react-i18next';
import type { AgeingBucket, AgeingReport } from '../../shared/domain/ageing';
import { MoneyTotalsText } from '../stage-board/MoneyTotalsText';

/** Later buckets warm from grey to red: the older the debt, the louder. */
const BUCKET_ACCENT: Record<AgeingBucket, string> = {
  notDue: '#8a94a3',
  days0to30: '#f2b33d',
  days31to60: '#ed8a2f',
  days61to90: '#e0612a',
  over90: '#c62828',
};

function Figure(props: { label: string; children: React.ReactNode; tone?: 'error' }) {
  return (
    <Box sx={{ minWidth: 0 }}>
      <Typography variant="caption" sx={{ color: 'text.secondary', display: 'block' }}>
        {props.label}
      </Typography>
      <Typography
        component="div"
        sx={{
          fontWeight: 700,
          fontSize: 15,
          color: props.tone === 'error' ? 'error.main' : 'text.primary',
          fontVariantNumeric: 'tabular-nums',
        }}
      >
        {props.children}
      </Typography>
    </Box>
  );
}

/**
 * AR ageing (应收账款账龄) above the collections board: what customers owe in total, how much
 * of it is overdue, and the outstanding amount in each ageing bucket.
 */
export function AgeingStrip({ report }: { report: AgeingReport | undefined }) {
  const { t } = useTranslation();
  if (!report) return <Skeleton variant="rounded" sx={{ mx: 2, mb: 1.25, height: 64 }} />;
  return (
    <Paper
      variant="outlined"
      role="group"
      aria-label={t('collections.ageing.label')}
      data-testid="ageing-strip"
      sx={{
        mx: 2,
        mb: 1.25,
        px: 2,
        py: 1,
        display: 'grid',
        gridTemplateColumns: 'repeat(2, minmax(110px, auto)) repeat(5, minmax(96px, 1fr))',
        columnGap: 2.5,
        alignItems: 'start',
      }}
    >
      <Figure label={t('collections.ageing.outstanding')}>
        <MoneyTotalsText totals={report.outstanding} empty={t('collections.ageing.none')} />
      </Figure>
      <Box sx={{ borderRight: 1, borderColor: 'divider', pr: 2 }}>
        <Figure
          label={t('collections.ageing.overdue')}
          tone={report.overdueCount > 0 ? 'error' : undefined}
        >
          <MoneyTotalsText totals={report.overdue} empty={t('collections.ageing.none')} />
        </Figure>
      </Box>
      {report.buckets.map((bucket) => (
        <Box
          key={bucket.bucket}
          data-bucket={bucket.bucket}
          sx={{ borderTop: '3px solid', borderTopColor: BUCKET_ACCENT[bucket.bucket], pt: 0.5 }}
        >
          <Box sx={{ display: 'flex', justifyContent: 'space-between', gap: 1 }}>
            <Typography variant="caption" sx={{ color: 'text.secondary', whiteSpace: 'nowrap' }}>
              {t(`collections.ageing.buckets.${bucket.bucket}`)}
            </Typography>
            <Typography variant="caption" sx={{ color: 'text.secondary', whiteSpace: 'nowrap' }}>
              {bucket.count > 0 ? t('collections.ageing.invoices', { count: bucket.count }) : ''}
            </Typography>
          </Box>
          <Typography
            component="div"
            sx={{
              fontWeight: 600,
              fontSize: 14,
              fontVariantNumeric: 'tabular-nums',
              color: bucket.count > 0 ? 'text.primary' : 'text.secondary',
              '& > span': { alignItems: 'flex-start !important' },
            }}
          >
            <MoneyTotalsText totals={bucket.totals} empty={t('collections.ageing.none')} />
          </Typography>
        </Box>
      ))}
    </Paper>
  );
}
