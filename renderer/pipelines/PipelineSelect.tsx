import MenuItem from '@mui/material/MenuItem';
import TextField from '@mui/material/TextField';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { DEFAULT_PIPELINE_ID } from '../../shared/domain';
import { pipelineName, usePipelines } from './use-pipelines';

/**
 * Which pipeline a new deal runs through. Hidden while the firm has only the built-in one; a
 * remembered pipeline that was archived since falls back to the built-in one.
 */
export function PipelineSelect({ value, onChange }: { value: string; onChange(id: string): void }) {
  const { t } = useTranslation();
  const pipelines = usePipelines();
  const known = pipelines?.some((p) => p.id === value) ?? true;
  useEffect(() => {
    if (!known) onChange(DEFAULT_PIPELINE_ID);
  }, [known, onChange]);
  if (!pipelines || pipelines.length < 2) return null;
  return (
    <TextField
      select
      id="opportunity-pipelineId"
      label={t('pipelines.switcherLabel')}
      value={known ? value : DEFAULT_PIPELINE_ID}
      onChange={(e) => onChange(e.target.value)}
    >
      {pipelines.map((p) => (
        <MenuItem key={p.id} value={p.id}>
          {pipelineName(t, p)}
        </MenuItem>
      ))}
    </TextField>
  );
}
