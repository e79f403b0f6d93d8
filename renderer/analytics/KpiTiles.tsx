import Box from '@mui/material/Box';
import Paper from '@mui/material/Paper';
import Typography from '@mui/material/Typography';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { percentText, type Dashboard } from '../../shared/analytics';
import { addToTotals, type MoneyTotals } from '../../shared/domain';
import type { Formatters } from '../i18n/format';
import { quarterMonths } from './period';

function Tile(props: { label: string; value: ReactNode; hint?: string; tone?: 'warning' }) {
  return (
    // The tile is a size container so its figure can shrink with it: ¥1,093,375.00 stays on one
    // line in a sixth of a 1366-px screen instead of breaking between its digits.
    <Paper
      variant="outlined"
      sx={{ p: 1.5, borderRadius: 2, minWidth: 0, containerType: 'inline-size' }}
    >
      <Typography sx={{ fontSize: 12, color: 'text.secondary', fontWeight: 600 }}>
        {props.label}
      </Typography>
      <Box
        sx={{
          fontSize: 'clamp(14px, 11cqi, 22px)',
          fontWeight: 700,
          lineHeight: 1.3,
          mt: 0.5,
          color: props.tone === 'warning' ? 'error.main' : 'text.primary',
          fontVariantNumeric: 'tabular-nums',
        }}
      >
        {props.value}
      </Box>
      {props.hint && (
        <Typography sx={{ fontSize: 12, color: 'text.secondary', mt: 0.25 }}>
          {props.hint}
        </Typography>
      )}
    </Paper>
  );
}

/** Several currencies one under the other, the smaller ones smaller: never added together. */
function Amounts({ totals, fmt }: { totals: MoneyTotals; fmt: Formatters }) {
  if (totals.length === 0) return <>{fmt.money({ minor: 0, currency: 'CNY' })}</>;
  return (
    <>
      {totals.map((m, i) => (
        <Box key={m.currency} sx={i > 0 ? { fontSize: 15, fontWeight: 600 } : undefined}>
          {fmt.money(m)}
        </Box>
      ))}
    </>
  );
}

/**
 * The headline numbers: win rate, sales cycle, DSO, collection rate, overdue, revenue per
 * customer, repeat customers and this quarter's weighted forecast. Cash numbers are per
 * currency; the tiles show the largest currency first.
 */
export function KpiTiles({
  dashboard,
  fmt,
  now,
}: {
  dashboard: Dashboard;
  fmt: Formatters;
  now: number;
}) {
  const { t } = useTranslation();
  const none = t('analytics.dashboard.kpi.none');
  const { sales } = dashboard;
  const cash = [...dashboard.cash.perCurrency].sort(
    (a, b) => b.invoiced.minor + b.receivable.minor - (a.invoiced.minor + a.receivable.minor),
  );
  const main = cash[0];

  const cycle = sales.leadToWon.count > 0 ? sales.leadToWon : sales.opportunityToWon;
  const days = (value: number | null) =>
    value === null ? none : t('analytics.dashboard.kpi.days', { days: Math.round(value) });

  const quarter = new Set(quarterMonths(now));
  let forecastTotals: MoneyTotals = [];
  let forecastCount = 0;
  for (const f of sales.forecast) {
    if (!quarter.has(f.month)) continue;
    forecastTotals = addToTotals(forecastTotals, f.weighted);
    forecastCount += f.count;
  }
  const overdueTotals = cash.filter((c) => c.overdue.minor > 0).map((c) => c.overdue);
  const overdueCount = cash.reduce((n, c) => n + c.overdueCount, 0);

  return (
    <Box
      sx={{
        display: 'grid',
        // Eight tiles: four a row on a laptop screen, two on a narrow one, never six and two.
        gridTemplateColumns: {
          xs: 'repeat(2, minmax(0, 1fr))',
          md: 'repeat(4, minmax(0, 1fr))',
        },
        gap: 1.5,
      }}
    >
      <Tile
        label={t('analytics.dashboard.kpi.winRate')}
        value={sales.winRate === null ? none : percentText(sales.winRate)}
        hint={t('analytics.dashboard.kpi.winRateHint', { won: sales.won, lost: sales.lost })}
      />
      <Tile
        label={t('analytics.dashboard.kpi.salesCycle')}
        value={days(cycle.medianDays)}
        hint={t(
          cycle === sales.leadToWon
            ? 'analytics.dashboard.kpi.salesCycleHint'
            : 'analytics.dashboard.kpi.salesCycleOppHint',
          { count: cycle.count },
        )}
      />
      <Tile
        label={t('analytics.dashboard.kpi.dso')}
        value={days(main?.dso ?? null)}
        hint={main ? t('analytics.dashboard.kpi.dsoHint', { currency: main.currency }) : undefined}
      />
      <Tile
        label={t('analytics.dashboard.kpi.collectionRate')}
        value={main?.collectionRate == null ? none : percentText(main.collectionRate)}
        hint={
          main
            ? t('analytics.dashboard.kpi.collectionRateHint', { currency: main.currency })
            : undefined
        }
      />
      <Tile
        label={t('analytics.dashboard.kpi.overdue')}
        value={<Amounts totals={overdueTotals} fmt={fmt} />}
        hint={t('analytics.dashboard.kpi.overdueHint', { count: overdueCount })}
        tone={overdueCount > 0 ? 'warning' : undefined}
      />
      <Tile
        label={t('analytics.dashboard.kpi.revenuePerCustomer')}
        value={main?.revenuePerCustomer ? fmt.money(main.revenuePerCustomer) : none}
        hint={
          main
            ? t('analytics.dashboard.kpi.revenuePerCustomerHint', {
                currency: main.currency,
                count: main.payingCustomers,
              })
            : undefined
        }
      />
      <Tile
        label={t('analytics.dashboard.kpi.repeatCustomers')}
        value={sales.repeatCustomerRate === null ? none : percentText(sales.repeatCustomerRate)}
        hint={t('analytics.dashboard.kpi.repeatCustomersHint', {
          repeat: sales.repeatCustomers,
          customers: sales.customers,
        })}
      />
      <Tile
        label={t('analytics.dashboard.kpi.forecast')}
        value={<Amounts totals={forecastTotals} fmt={fmt} />}
        hint={t('analytics.dashboard.kpi.forecastHint', { count: forecastCount })}
      />
    </Box>
  );
}
