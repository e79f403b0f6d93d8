import FileDownloadOutlinedIcon from '@mui/icons-material/FileDownloadOutlined';
import ImageOutlinedIcon from '@mui/icons-material/ImageOutlined';
import Box from '@mui/material/Box';
import IconButton from '@mui/material/IconButton';
import Paper from '@mui/material/Paper';
import Tooltip from '@mui/material/Tooltip';
import Typography from '@mui/material/Typography';
import { useId, useRef, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useNotify } from '../app/notifier';
import type { CsvTable } from './csv';
import { downloadCsv } from './download';
import { exportChartPng, type LegendEntry } from './png-export';

/** Colours for stage and currency series, in board order; chosen to stay apart when stacked. */
export const SERIES_COLORS = [
  '#2f6fc7',
  '#3aa3a0',
  '#7cb342',
  '#f0a630',
  '#e0694a',
  '#8e6cc9',
  '#5c7a99',
  '#c2558b',
  '#4db6e8',
  '#9e9d24',
  '#a1887f',
  '#607d8b',
];

/**
 * A chart with its title, an optional subtitle, and the two exports. The exports use what the
 * card shows: the chart's SVG for the PNG and the chart's table for the CSV.
 */
export function ChartCard(props: {
  title: string;
  subtitle?: string;
  /** File name without extension; the period is part of it so two exports do not collide. */
  fileName: string;
  table: CsvTable;
  legend: LegendEntry[];
  empty?: boolean;
  /** Across every column of the dashboard's grid (a ranking reads better wide). */
  wide?: boolean;
  children: ReactNode;
}) {
  const { t } = useTranslation();
  const notify = useNotify();
  const chartRef = useRef<HTMLDivElement>(null);
  const titleId = useId();

  const exportPng = async () => {
    if (!chartRef.current) return;
    try {
      await exportChartPng(chartRef.current, {
        fileName: props.fileName,
        title: props.title,
        legend: props.legend,
      });
    } catch (error) {
      notify(
        t('analytics.dashboard.exportFailed', {
          message: error instanceof Error ? error.message : String(error),
        }),
        'error',
      );
    }
  };

  return (
    <Paper
      variant="outlined"
      component="section"
      aria-labelledby={titleId}
      sx={{
        p: 2,
        display: 'flex',
        flexDirection: 'column',
        minWidth: 0,
        borderRadius: 2,
        ...(props.wide ? { gridColumn: '1 / -1' } : {}),
      }}
    >
      <Box sx={{ display: 'flex', alignItems: 'flex-start', gap: 1, mb: 1 }}>
        <Box sx={{ flex: 1, minWidth: 0 }}>
          <Typography id={titleId} component="h3" sx={{ fontWeight: 700, fontSize: 15 }}>
            {props.title}
          </Typography>
          {props.subtitle && (
            <Typography sx={{ fontSize: 12, color: 'text.secondary' }}>{props.subtitle}</Typography>
          )}
        </Box>
        <Tooltip title={t('analytics.dashboard.exportPng')}>
          <span>
            <IconButton
              size="small"
              aria-label={`${t('analytics.dashboard.exportPng')}: ${props.title}`}
              disabled={props.empty}
              onClick={() => void exportPng()}
            >
              <ImageOutlinedIcon fontSize="small" />
            </IconButton>
          </span>
        </Tooltip>
        <Tooltip title={t('analytics.dashboard.exportCsv')}>
          <IconButton
            size="small"
            aria-label={`${t('analytics.dashboard.exportCsv')}: ${props.title}`}
            onClick={() => downloadCsv(props.table, props.fileName)}
          >
            <FileDownloadOutlinedIcon fontSize="small" />
          </IconButton>
        </Tooltip>
      </Box>
      <Box ref={chartRef} sx={{ flex: 1, minHeight: 240, position: 'relative' }}>
        {props.empty ? (
          <Box
            sx={{
              height: 240,
              display: 'grid',
              placeItems: 'center',
              color: 'text.secondary',
              fontSize: 13,
            }}
          >
            {t('analytics.dashboard.charts.empty')}
          </Box>
        ) : (
          props.children
        )}
      </Box>
    </Paper>
  );
}
