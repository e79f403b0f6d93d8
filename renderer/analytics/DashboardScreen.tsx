import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import LinearProgress from '@mui/material/LinearProgress';
import Paper from '@mui/material/Paper';
import Typography from '@mui/material/Typography';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { stageLabelFromCatalog, type Dashboard, type StageLabel } from '../../shared/analytics';
import { useLiveQuery } from '../api/use-live-query';
import { useNow } from '../app/use-now';
import { crmErrorText } from '../i18n/error-text';
import { useFormat } from '../i18n/format';
import { pipelineName, usePipelines } from '../pipelines/use-pipelines';
import { customStageName } from '../pipelines/stage-names';
import { CashCharts } from './CashCharts';
import { DashboardFilters, type FilterState } from './DashboardFilters';
import { FindingsPanel } from './FindingsPanel';
import { FlowCharts } from './FlowCharts';
import { KpiTiles } from './KpiTiles';
import { customPeriod, presetPeriod, toDateInput, utcOffsetAt, type Period } from './period';
import { useOwners } from './use-owners';

function hasData(d: Dashboard): boolean {
  return (
    d.flows.some(
      (f) => f.funnel.some((s) => s.reached > 0) || Object.values(f.wip).some((n) => n > 0),
    ) ||
    d.sales.forecast.length > 0 ||
    d.cash.perCurrency.length > 0
  );
}

/** Currencies in the period's money, the largest business first (the default of the filter). */
function currenciesOf(d: Dashboard | undefined): string[] {
  if (!d) return [];
  const size = new Map<string, number>();
  const add = (currency: string, minor: number) =>
    size.set(currency, (size.get(currency) ?? 0) + minor);
  d.cash.perCurrency.forEach((c) => add(c.currency, c.invoiced.minor + c.receivable.minor));
  d.sales.forecast.forEach((f) => add(f.currency, f.weighted.minor));
  return [...size].sort((a, b) => b[1] - a[1]).map(([c]) => c);
}

/**
 * Flow analytics: where the lead-to-cash flow gets stuck. Findings first (what to fix), then the
 * headline numbers, then the charts that explain them; every chart exports as PNG and CSV.
 */
export function DashboardScreen() {
  const { t } = useTranslation();
  const fmt = useFormat();
  const now = useNow();
  const pipelines = usePipelines();
  const [filters, setFilters] = useState<FilterState>(() => ({
    preset: 'quarter',
    customFrom: toDateInput(presetPeriod('month', Date.now()).from),
    customTo: toDateInput(Date.now()),
    ownerId: '',
    pipelineId: '',
    phase: 'opportunity',
    currency: '',
  }));
  const owners = useOwners(filters.pipelineId);
  // An empty database gets the way in (sample data, offered in the banner above); an empty
  // period only the advice to widen it.
  const { data: demo } = useLiveQuery('demo/status', {});
  const { data: accounts } = useLiveQuery('accounts/list', {});
  const accountNames = useMemo(
    () => new Map((accounts ?? []).map((a) => [a.id, a.name] as const)),
    [accounts],
  );

  const period: Period | null =
    filters.preset === 'custom'
      ? customPeriod(filters.customFrom, filters.customTo)
      : presetPeriod(filters.preset, now);
  const { data, error } = useLiveQuery(
    'analytics/dashboard',
    period
      ? {
          from: period.from,
          to: period.to,
          utcOffsetMinutes: utcOffsetAt(period.from),
          ...(filters.ownerId ? { ownerId: filters.ownerId } : {}),
          ...(filters.pipelineId ? { pipelineId: filters.pipelineId } : {}),
        }
      : // An invalid custom range asks nothing: the core would refuse it anyway.
        { from: 0, to: 1 },
  );

  const stageLabel: StageLabel = useMemo(() => {
    const fromCatalog = stageLabelFromCatalog(t);
    // Custom pipeline stages have random keys and their own names.
    return (phase, stage) =>
      phase === 'opportunity'
        ? (customStageName(stage) ?? fromCatalog(phase, stage))
        : fromCatalog(phase, stage);
    // pipelines: the names change when someone renames a stage.
  }, [t, pipelines]); // eslint-disable-line react-hooks/exhaustive-deps -- see above

  const currencies = currenciesOf(data);
  const currency = currencies.includes(filters.currency)
    ? filters.currency
    : (currencies[0] ?? 'CNY');
  const flow = data?.flows.find((f) => f.phase === filters.phase);
  const labels = { t, stageLabel, fmt };
  const accountName = (id: string) => accountNames.get(id) ?? id;
  const filePrefix = period
    ? `${toDateInput(period.from)}_${toDateInput(period.to - 1)}`
    : 'dashboard';

  return (
    <Box
      data-testid="dashboard"
      sx={{
        height: '100%',
        boxSizing: 'border-box',
        overflow: 'auto',
        p: { xs: 1.5, md: 2.5 },
        display: 'grid',
        gap: 2,
        alignContent: 'start',
      }}
    >
      <Box sx={{ display: 'flex', flexWrap: 'wrap', alignItems: 'center', gap: 2 }}>
        <Box sx={{ flex: '1 1 auto', mr: 'auto' }}>
          <Typography component="h1" sx={{ fontSize: 20, fontWeight: 800 }}>
            {t('analytics.dashboard.title')}
          </Typography>
          <Typography sx={{ fontSize: 13, color: 'text.secondary' }}>
            {t('analytics.dashboard.subtitle')}
          </Typography>
        </Box>
        <DashboardFilters
          value={{ ...filters, currency }}
          onChange={setFilters}
          owners={owners}
          pipelines={(pipelines ?? []).map((p) => ({ value: p.id, label: pipelineName(t, p) }))}
          currencies={currencies}
        />
      </Box>
      {error && <Alert severity="error">{crmErrorText(t, error)}</Alert>}
      {!data && !error && (
        <Box role="status" aria-label={t('analytics.dashboard.loading')}>
          <LinearProgress />
        </Box>
      )}
      {data && !hasData(data) && (
        <Paper variant="outlined" sx={{ p: 4, borderRadius: 2, textAlign: 'center' }}>
          <Typography component="h2" sx={{ fontWeight: 700, fontSize: 17, mb: 1 }}>
            {t('analytics.dashboard.empty.title')}
          </Typography>
          <Typography sx={{ color: 'text.secondary', maxWidth: 620, mx: 'auto' }}>
            {demo && !demo.present && !demo.hasRealRecords
              ? t('analytics.dashboard.empty.body')
              : t('analytics.dashboard.empty.periodEmpty')}
          </Typography>
        </Paper>
      )}
      {data && hasData(data) && flow && (
        <>
          <FindingsPanel findings={data.bottlenecks} stageLabel={stageLabel} />
          <KpiTiles dashboard={data} fmt={fmt} now={now} />
          <Box
            sx={{
              display: 'grid',
              gap: 2,
              gridTemplateColumns: {
                xs: '1fr',
                lg: 'repeat(2, minmax(0, 1fr))',
                xl: 'repeat(3, minmax(0, 1fr))',
              },
            }}
          >
            <FlowCharts dashboard={data} flow={flow} labels={labels} filePrefix={filePrefix} />
            <CashCharts
              dashboard={data}
              currency={currency}
              labels={labels}
              filePrefix={filePrefix}
              accountName={accountName}
            />
          </Box>
        </>
      )}
    </Box>
  );
}
