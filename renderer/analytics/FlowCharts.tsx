import { BarChart } from '@mui/x-charts/BarChart';
import { LineChart } from '@mui/x-charts/LineChart';
import { useTranslation } from 'react-i18next';
import type { Dashboard, PhaseFlow } from '../../shared/analytics';
import { ChartCard, SERIES_COLORS } from './ChartCard';
import { dwellTable, flowTable, funnelTable, type Labels } from './chart-data';

const HEIGHT = 260;

/** The funnel, the cumulative flow and the time in stage of one phase (the phase filter). */
export function FlowCharts(props: {
  dashboard: Dashboard;
  flow: PhaseFlow;
  labels: Labels;
  filePrefix: string;
}) {
  const { t } = useTranslation();
  const { dashboard, flow, labels, filePrefix } = props;
  const label = (stage: string) => labels.stageLabel(flow.phase, stage);
  const phase = t(`analytics.phases.${flow.phase}`);

  const funnel = funnelTable(flow, labels);
  const funnelTitle = `${t('analytics.dashboard.charts.funnel')} · ${phase}`;
  const funnelStages = flow.funnel.map((f) => label(f.stage));
  const funnelEmpty = flow.funnel.every((f) => f.reached === 0);

  // Stacked with the finished stages at the bottom, as a cumulative flow diagram is read.
  const flowStages = flow.stages.filter((s) => flow.cumulativeFlow[s]).reverse();
  const cfd = flowTable(dashboard, flow, labels);
  const cfdTitle = `${t('analytics.dashboard.charts.flow')} · ${phase}`;
  const cfdEmpty = flowStages.every((s) => flow.cumulativeFlow[s]!.every((n) => n === 0));
  const color = (stage: string) =>
    SERIES_COLORS[flow.stages.indexOf(stage) % SERIES_COLORS.length]!;

  const dwell = dwellTable(flow, labels);
  const dwellTitle = `${t('analytics.dashboard.charts.dwell')} · ${phase}`;
  const dwellEmpty = flow.dwell.every((d) => d.medianDays === null);
  const dwellSeries = [
    { label: t('analytics.dashboard.series.median'), color: '#2f6fc7' },
    { label: t('analytics.dashboard.series.p80'), color: '#9ab9e6' },
  ];

  return (
    <>
      <ChartCard
        title={funnelTitle}
        fileName={`${filePrefix} ${funnelTitle}`}
        table={funnel}
        legend={[]}
        empty={funnelEmpty}
      >
        <BarChart
          height={HEIGHT}
          layout="horizontal"
          skipAnimation
          hideLegend
          yAxis={[{ scaleType: 'band', data: funnelStages, width: 96 }]}
          // Room past the longest bar, so its count (drawn outside the bar) is not cut off.
          xAxis={[
            {
              tickMinStep: 1,
              max: Math.max(1, Math.ceil(Math.max(0, ...flow.funnel.map((f) => f.reached)) * 1.12)),
            },
          ]}
          series={[
            {
              data: flow.funnel.map((f) => f.reached),
              label: t('analytics.dashboard.series.reached'),
              color: SERIES_COLORS[0],
              barLabel: 'value',
              barLabelPlacement: 'outside',
            },
          ]}
          margin={{ right: 40 }}
        />
      </ChartCard>
      <ChartCard
        title={cfdTitle}
        fileName={`${filePrefix} ${cfdTitle}`}
        table={cfd}
        legend={flowStages.map((s) => ({ label: label(s), color: color(s) }))}
        empty={cfdEmpty}
      >
        <LineChart
          height={HEIGHT}
          skipAnimation
          xAxis={[
            {
              scaleType: 'point',
              data: dashboard.buckets.map((b) =>
                labels.fmt.shortDate(b.label, dashboard.period.asOf),
              ),
            },
          ]}
          yAxis={[{ tickMinStep: 1, width: 40 }]}
          series={flowStages.map((s) => ({
            id: s,
            data: flow.cumulativeFlow[s]!,
            label: label(s),
            color: color(s),
            area: true,
            stack: 'flow',
            showMark: false,
          }))}
        />
      </ChartCard>
      <ChartCard
        title={dwellTitle}
        fileName={`${filePrefix} ${dwellTitle}`}
        table={dwell}
        legend={dwellSeries}
        empty={dwellEmpty}
      >
        <BarChart
          height={HEIGHT}
          skipAnimation
          xAxis={[{ scaleType: 'band', data: flow.dwell.map((d) => label(d.stage)) }]}
          yAxis={[{ width: 40 }]}
          series={[
            { data: flow.dwell.map((d) => d.medianDays), ...dwellSeries[0]! },
            { data: flow.dwell.map((d) => d.p80Days), ...dwellSeries[1]! },
          ].map((s) => ({
            ...s,
            valueFormatter: (v: number | null) =>
              v === null ? '—' : t('analytics.days', { count: Math.round(v * 10) / 10 }),
          }))}
        />
      </ChartCard>
    </>
  );
}
