import AddIcon from '@mui/icons-material/Add';
import TuneIcon from '@mui/icons-material/Tune';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import IconButton from '@mui/material/IconButton';
import Tab from '@mui/material/Tab';
import Tabs from '@mui/material/Tabs';
import Tooltip from '@mui/material/Tooltip';
import { useTranslation } from 'react-i18next';
import type { Pipeline } from '../../shared/domain';
import { pipelineName } from './use-pipelines';

interface PipelineSwitcherProps {
  pipelines: readonly Pipeline[];
  value: string;
  onChange(id: string): void;
  /** Managers (and the single local user) configure pipelines; others only switch. */
  canConfigure: boolean;
  onEdit(): void;
  onCreate(): void;
}

/** One tab per pipeline (a product line, a kind of deal), plus editing for managers. */
export function PipelineSwitcher(props: PipelineSwitcherProps) {
  const { t } = useTranslation();
  return (
    <Box sx={{ display: 'flex', alignItems: 'center', gap: 0.5, minWidth: 0 }}>
      <Tabs
        value={props.value}
        onChange={(_e, id: string) => props.onChange(id)}
        variant="scrollable"
        scrollButtons="auto"
        aria-label={t('pipelines.switcherLabel')}
        sx={{
          minHeight: 36,
          '& .MuiTab-root': { minHeight: 36, py: 0.5, px: 1.5, fontSize: 13.5 },
        }}
      >
        {props.pipelines.map((p) => (
          <Tab
            key={p.id}
            value={p.id}
            label={pipelineName(t, p)}
            data-testid={`pipeline-tab-${p.id}`}
          />
        ))}
      </Tabs>
      {props.canConfigure && (
        <>
          <Tooltip title={t('pipelines.editPipeline')}>
            <IconButton
              size="small"
              aria-label={t('pipelines.editPipeline')}
              onClick={props.onEdit}
            >
              <TuneIcon fontSize="small" />
            </IconButton>
          </Tooltip>
          <Button
            size="small"
            startIcon={<AddIcon />}
            onClick={props.onCreate}
            sx={{ whiteSpace: 'nowrap' }}
          >
            {t('pipelines.newPipeline')}
          </Button>
        </>
      )}
    </Box>
  );
}
