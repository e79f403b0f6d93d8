import type { TFunction } from 'i18next';
import {
  AGEING_BUCKETS,
  type CashMetrics,
  type Dashboard,
  type ForecastMonth,
  type PhaseFlow,
  type StageLabel,
} from '../../shared/analytics';
import { minorDigits, moneyToInput, type Money } from '../../shared/domain';
import type { Formatters } from '../i18n/format';
import type { CsvTable } from './csv';

/**
 * The data behind each chart, as localized tables: the chart draws them and "Export CSV" writes
 * them, so the file holds exactly what the chart shows. Pure (no React), so it is easy to test.
 */

export interface Labels {
  t: TFunction;
  stageLabel: StageLabel;
  fmt: Formatters;
}

/** A money amount as a chart value in major units (charts need numbers, not minor units). */
export const major = (m: Money): number => m.minor / 10 ** minorDigits(m.currency);

const percent = (rate: number | null) => (rate === null ? '' : `${Math.round(rate * 100)}%`);
const days = (value: number | null) => (value === null ? '' : Math.round(value * 10) / 10);

/** "2026-12" as the language's month ("2026年12月", "Dec 2026"); "" means no expected close. */
export function monthLabel(month: string, { t, fmt }: Labels): string {
  if (!month) return t('analytics.dashboard.columns.noCloseDate');
  const at = new Date(`${month}-01T00:00:00Z`);
  if (Number.isNaN(at.getTime())) return month;
  return new Intl.DateTimeFormat(fmt.language, {
    year: 'numeric',
    month: 'short',
    timeZone: 'UTC',
  }).format(at);
}

/** Path stages only: the funnel is the way forward. */
export function funnelTable(flow: PhaseFlow, labels: Labels): CsvTable {
  const { t } = labels;
  const rate = new Map(flow.conversions.map((c) => [c.from, c.rate]));
  return {
    headers: [
      t('analytics.dashboard.columns.stage'),
      t('analytics.dashboard.columns.reached'),
      t('analytics.dashboard.columns.conversion'),
    ],
    rows: flow.funnel.map((f) => [
      labels.stageLabel(flow.phase, f.stage),
      f.reached,
      percent(rate.get(f.stage) ?? null),
    ]),
  };
}

/** One row per bucket: the records in each stage at the bucket's end. */
export function flowTable(dashboard: Dashboard, flow: PhaseFlow, labels: Labels): CsvTable {
  const stages = flow.stages.filter((s) => flow.cumulativeFlow[s]);
  return {
    headers: [
      labels.t('analytics.dashboard.columns.date'),
      ...stages.map((s) => labels.stageLabel(flow.phase, s)),
    ],
    rows: dashboard.buckets.map((b, i) => [
      labels.fmt.isoDate(b.label),
      ...stages.map((s) => flow.cumulativeFlow[s]![i] ?? 0),
    ]),
  };
}

export function dwellTable(flow: PhaseFlow, labels: Labels): CsvTable {
  const { t } = labels;
  return {
    headers: [
      t('analytics.dashboard.columns.stage'),
      t('analytics.dashboard.columns.medianDays'),
      t('analytics.dashboard.columns.p80Days'),
      t('analytics.dashboard.columns.samples'),
      t('analytics.dashboard.columns.openSamples'),
    ],
    rows: flow.dwell.map((d) => [
      labels.stageLabel(flow.phase, d.stage),
      days(d.medianDays),
      days(d.p80Days),
      d.samples,
      d.openSamples,
    ]),
  };
}

/** Months in order; the open deals without an expected close come last. */
export function sortedForecast(forecast: readonly ForecastMonth[]): ForecastMonth[] {
  return [...forecast].sort((a, b) =>
    a.month === b.month
      ? a.currency.localeCompare(b.currency)
      : !a.month
        ? 1
        : !b.month
          ? -1
          : a.month.localeCompare(b.month),
  );
}

export function forecastTable(forecast: readonly ForecastMonth[], labels: Labels): CsvTable {
  const { t } = labels;
  return {
    headers: [
      t('analytics.dashboard.columns.month'),
      t('analytics.dashboard.columns.currency'),
      t('analytics.dashboard.columns.count'),
      t('analytics.dashboard.columns.amount'),
      t('analytics.dashboard.columns.weighted'),
    ],
    rows: sortedForecast(forecast).map((f) => [
      monthLabel(f.month, labels),
      f.currency,
      f.count,
      moneyToInput(f.amount),
      moneyToInput(f.weighted),
    ]),
  };
}

export function ageingTable(cash: CashMetrics, labels: Labels): CsvTable {
  const { t } = labels;
  return {
    headers: [
      t('analytics.dashboard.columns.ageing'),
      ...cash.perCurrency.map(
        (c) => `${t('analytics.dashboard.columns.receivable')} (${c.currency})`,
      ),
    ],
    rows: AGEING_BUCKETS.map((bucket) => [
      t(`analytics.ageing.${bucket}`),
      ...cash.perCurrency.map((c) => moneyToInput(c.ageing[bucket])),
    ]),
  };
}

export function collectionsTable(cash: CashMetrics, labels: Labels): CsvTable {
  const { t } = labels;
  return {
    headers: [
      t('analytics.dashboard.columns.currency'),
      t('analytics.dashboard.columns.invoiced'),
      t('analytics.dashboard.columns.collected'),
      t('analytics.dashboard.columns.receivable'),
      t('analytics.dashboard.columns.overdue'),
      t('analytics.dashboard.columns.dso'),
      t('analytics.dashboard.columns.collectionRate'),
    ],
    rows: cash.perCurrency.map((c) => [
      c.currency,
      moneyToInput(c.invoiced),
      moneyToInput(c.collected),
      moneyToInput(c.receivable),
      moneyToInput(c.overdue),
      days(c.dso),
      percent(c.collectionRate),
    ]),
  };
}

/**
 * Payments received in the period per customer, largest first within each currency: every
 * customer in the CSV, the top ten drawn. Names come from the accounts on this device; an
 * account not (yet) here keeps its id.
 */
export function customersTable(
  cash: CashMetrics,
  accountName: (id: string) => string,
  labels: Labels,
): CsvTable {
  const { t } = labels;
  return {
    headers: [
      t('analytics.dashboard.columns.account'),
      t('analytics.dashboard.columns.currency'),
      t('analytics.dashboard.columns.collected'),
    ],
    rows: cash.byCustomer.map((c) => [
      accountName(c.accountId),
      c.currency,
      moneyToInput(c.collected),
    ]),
  };
}
