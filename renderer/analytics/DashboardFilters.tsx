import Box from '@mui/material/Box';
import MenuItem from '@mui/material/MenuItem';
import TextField from '@mui/material/TextField';
import { useTranslation } from 'react-i18next';
import { PHASES, type Phase } from '../../shared/domain/phases';
import { PERIOD_PRESETS, type PeriodPreset } from './period';

export interface FilterState {
  preset: PeriodPreset;
  /** Custom period as date-input values; the end day is included. */
  customFrom: string;
  customTo: string;
  /** '' = everyone / every pipeline. */
  ownerId: string;
  pipelineId: string;
  phase: Phase;
  currency: string;
}

export interface Option {
  value: string;
  label: string;
}

/** The filter bar: period, owner and pipeline for the query; phase and currency for the charts. */
export function DashboardFilters(props: {
  value: FilterState;
  onChange: (next: FilterState) => void;
  owners: Option[];
  pipelines: Option[];
  currencies: string[];
}) {
  const { t } = useTranslation();
  const { value, onChange } = props;
  const set = <K extends keyof FilterState>(key: K, v: FilterState[K]) =>
    onChange({ ...value, [key]: v });
  // Shrunk labels and displayEmpty so "All owners" shows as the value, not as an empty box.
  const field = {
    size: 'small',
    select: true,
    slotProps: { inputLabel: { shrink: true }, select: { displayEmpty: true } },
  } as const;

  return (
    <Box
      role="group"
      aria-label={t('analytics.dashboard.filters.label')}
      sx={{ display: 'flex', flexWrap: 'wrap', gap: 1.5, alignItems: 'center', pt: 0.75 }}
    >
      <TextField
        {...field}
        label={t('analytics.dashboard.filters.period')}
        value={value.preset}
        onChange={(e) => set('preset', e.target.value as PeriodPreset)}
        sx={{ width: 168 }}
      >
        {PERIOD_PRESETS.map((p) => (
          <MenuItem key={p} value={p}>
            {t(`analytics.dashboard.presets.${p}`)}
          </MenuItem>
        ))}
      </TextField>
      {value.preset === 'custom' && (
        <>
          <TextField
            size="small"
            type="date"
            label={t('analytics.dashboard.filters.from')}
            value={value.customFrom}
            onChange={(e) => set('customFrom', e.target.value)}
            slotProps={{ inputLabel: { shrink: true } }}
          />
          <TextField
            size="small"
            type="date"
            label={t('analytics.dashboard.filters.to')}
            value={value.customTo}
            onChange={(e) => set('customTo', e.target.value)}
            slotProps={{ inputLabel: { shrink: true } }}
          />
        </>
      )}
      <TextField
        {...field}
        label={t('analytics.dashboard.filters.owner')}
        value={value.ownerId}
        onChange={(e) => set('ownerId', e.target.value)}
        sx={{ width: 160 }}
      >
        <MenuItem value="">{t('analytics.dashboard.filters.allOwners')}</MenuItem>
        {props.owners.map((o) => (
          <MenuItem key={o.value} value={o.value}>
            {o.label}
          </MenuItem>
        ))}
      </TextField>
      <TextField
        {...field}
        label={t('analytics.dashboard.filters.pipeline')}
        value={value.pipelineId}
        onChange={(e) => set('pipelineId', e.target.value)}
        sx={{ width: 180 }}
      >
        <MenuItem value="">{t('analytics.dashboard.filters.allPipelines')}</MenuItem>
        {props.pipelines.map((o) => (
          <MenuItem key={o.value} value={o.value}>
            {o.label}
          </MenuItem>
        ))}
      </TextField>
      <TextField
        {...field}
        label={t('analytics.dashboard.filters.phase')}
        value={value.phase}
        onChange={(e) => set('phase', e.target.value as Phase)}
        sx={{ width: 150 }}
      >
        {PHASES.map((p) => (
          <MenuItem key={p} value={p}>
            {t(`analytics.phases.${p}`)}
          </MenuItem>
        ))}
      </TextField>
      {props.currencies.length > 1 && (
        <TextField
          {...field}
          label={t('analytics.dashboard.filters.currency')}
          value={value.currency}
          onChange={(e) => set('currency', e.target.value)}
          sx={{ width: 100 }}
        >
          {props.currencies.map((c) => (
            <MenuItem key={c} value={c}>
              {c}
            </MenuItem>
          ))}
        </TextField>
      )}
    </Box>
  );
}
