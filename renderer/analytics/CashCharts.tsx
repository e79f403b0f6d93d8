import { BarChart } from '@mui/x-charts/BarChart';
import { useTranslation } from 'react-i18next';
import { AGEING_BUCKETS, type Dashboard } from '../../shared/analytics';
import { formatMoney, minorDigits } from '../../shared/domain';
import { ChartCard } from './ChartCard';
import {
  ageingTable,
  collectionsTable,
  customersTable,
  forecastTable,
  major,
  monthLabel,
  sortedForecast,
  type Labels,
} from './chart-data';

const HEIGHT = 260;
/** Ageing from calm to alarming: the older the debt, the warmer the bar. */
const AGEING_COLORS = ['#7cb342', '#f0c430', '#f0a630', '#e0694a', '#c62828'];

/**
 * Forecast, ageing and collections in one currency (the currency filter): amounts in different
 * currencies are never added or drawn on one axis. The CSVs hold every currency.
 */
export function CashCharts(props: {
  dashboard: Dashboard;
  currency: string;
  labels: Labels;
  filePrefix: string;
  /** Customer names by account id, for the customer ranking. */
  accountName: (id: string) => string;
}) {
  const { t } = useTranslation();
  const { dashboard, currency, labels, filePrefix, accountName } = props;
  const lang = labels.fmt.language;
  const moneyText = (v: number | null) =>
    v === null
      ? '—'
      : formatMoney({ minor: Math.round(v * 10 ** minorDigits(currency)), currency }, lang);
  const axisText = (v: number) =>
    formatMoney({ minor: Math.round(v * 10 ** minorDigits(currency)), currency }, lang, {
      compact: true,
    });

  const forecast = sortedForecast(dashboard.sales.forecast).filter((f) => f.currency === currency);
  const forecastTitle = `${t('analytics.dashboard.charts.forecast')} · ${currency}`;
  const forecastSeries = [
    { label: t('analytics.dashboard.series.weighted'), color: '#2f6fc7' },
    { label: t('analytics.dashboard.series.amount'), color: '#c9d8ef' },
  ];

  const cash = dashboard.cash.perCurrency.find((c) => c.currency === currency);
  const ageingTitle = `${t('analytics.dashboard.charts.ageing')} · ${currency}`;
  const ageingEmpty = !cash || AGEING_BUCKETS.every((b) => cash.ageing[b].minor === 0);
  const collectionsTitle = `${t('analytics.dashboard.charts.collections')} · ${currency}`;
  const collectionKeys = ['invoiced', 'collected', 'receivable', 'overdue'] as const;
  const collectionColors = ['#2f6fc7', '#3aa3a0', '#f0a630', '#e0694a'];
  const customersTitle = `${t('analytics.dashboard.charts.customers')} · ${currency}`;
  // Largest at the top of a horizontal bar chart: the band axis draws its first entry at the top.
  const topCustomers = dashboard.cash.byCustomer
    .filter((c) => c.currency === currency)
    .slice(0, 10);

  return (
    <>
      <ChartCard
        title={forecastTitle}
        fileName={`${filePrefix} ${forecastTitle}`}
        table={forecastTable(dashboard.sales.forecast, labels)}
        legend={forecastSeries}
        empty={forecast.length === 0}
      >
        <BarChart
          height={HEIGHT}
          skipAnimation
          xAxis={[
            {
              scaleType: 'band',
              data: forecast.map((f) =>
                f.month ? monthLabel(f.month, labels) : t('analytics.dashboard.series.noClose'),
              ),
            },
          ]}
          yAxis={[{ valueFormatter: axisText, width: 64 }]}
          series={[
            { data: forecast.map((f) => major(f.weighted)), ...forecastSeries[0]! },
            { data: forecast.map((f) => major(f.amount)), ...forecastSeries[1]! },
          ].map((s) => ({ ...s, valueFormatter: moneyText }))}
        />
      </ChartCard>
      <ChartCard
        title={ageingTitle}
        fileName={`${filePrefix} ${ageingTitle}`}
        table={ageingTable(dashboard.cash, labels)}
        legend={AGEING_BUCKETS.map((b, i) => ({
          label: t(`analytics.ageing.${b}`),
          color: AGEING_COLORS[i]!,
        }))}
        empty={ageingEmpty}
      >
        {cash && (
          <BarChart
            height={HEIGHT}
            skipAnimation
            hideLegend
            xAxis={[
              {
                scaleType: 'band',
                data: AGEING_BUCKETS.map((b) => t(`analytics.dashboard.ageingShort.${b}`)),
                colorMap: {
                  type: 'ordinal',
                  values: AGEING_BUCKETS.map((b) => t(`analytics.dashboard.ageingShort.${b}`)),
                  colors: AGEING_COLORS,
                },
              },
            ]}
            yAxis={[{ valueFormatter: axisText, width: 64 }]}
            series={[
              {
                data: AGEING_BUCKETS.map((b) => major(cash.ageing[b])),
                label: t('analytics.dashboard.series.receivable'),
                valueFormatter: moneyText,
              },
            ]}
          />
        )}
      </ChartCard>
      <ChartCard
        title={collectionsTitle}
        subtitle={
          cash?.collectionRate != null
            ? `${t('analytics.dashboard.kpi.collectionRate')} ${Math.round(cash.collectionRate * 100)}%`
            : undefined
        }
        fileName={`${filePrefix} ${collectionsTitle}`}
        table={collectionsTable(dashboard.cash, labels)}
        legend={[]}
        empty={!cash}
      >
        {cash && (
          <BarChart
            height={HEIGHT}
            skipAnimation
            hideLegend
            xAxis={[
              {
                scaleType: 'band',
                data: collectionKeys.map((k) => t(`analytics.dashboard.series.${k}`)),
                colorMap: {
                  type: 'ordinal',
                  values: collectionKeys.map((k) => t(`analytics.dashboard.series.${k}`)),
                  colors: collectionColors,
                },
              },
            ]}
            yAxis={[{ valueFormatter: axisText, width: 64 }]}
            series={[
              {
                data: collectionKeys.map((k) => major(cash[k])),
                label: currency,
                valueFormatter: moneyText,
              },
            ]}
          />
        )}
      </ChartCard>
      <ChartCard
        title={customersTitle}
        fileName={`${filePrefix} ${customersTitle}`}
        table={customersTable(dashboard.cash, accountName, labels)}
        legend={[]}
        empty={topCustomers.length === 0}
        wide
      >
        <BarChart
          height={Math.max(HEIGHT, topCustomers.length * 28 + 40)}
          skipAnimation
          hideLegend
          layout="horizontal"
          yAxis={[
            {
              scaleType: 'band',
              data: topCustomers.map((c) => accountName(c.accountId)),
              width: 200,
            },
          ]}
          // About one tick per 150 px: compact amounts like ¥120万 do not run into each other.
          xAxis={[{ valueFormatter: axisText, tickNumber: 6 }]}
          series={[
            {
              data: topCustomers.map((c) => major(c.collected)),
              label: t('analytics.dashboard.series.collected'),
              color: '#3aa3a0',
              valueFormatter: moneyText,
            },
          ]}
        />
      </ChartCard>
    </>
  );
}
