import ArrowDownwardIcon from '@mui/icons-material/ArrowDownward';
import ArrowUpwardIcon from '@mui/icons-material/ArrowUpward';
import DeleteOutlineIcon from '@mui/icons-material/DeleteOutlineOutlined';
import ExpandLessIcon from '@mui/icons-material/ExpandLess';
import ExpandMoreIcon from '@mui/icons-material/ExpandMore';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Collapse from '@mui/material/Collapse';
import IconButton from '@mui/material/IconButton';
import Paper from '@mui/material/Paper';
import TextField from '@mui/material/TextField';
import Tooltip from '@mui/material/Tooltip';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { GateEditor } from './GateEditor';
import type { DraftErrors, GateDraft } from './pipeline-draft';

interface StageEditorRowProps {
  index: number;
  /** The stage's name field and probability, or for Won a fixed label. */
  head: ReactNode;
  stageLabel: string;
  gate: GateDraft;
  onGateChange(gate: GateDraft): void;
  path: string;
  errors: DraftErrors;
  /** Reordering and removing, for open stages only. */
  reorderable?: boolean;
  onMoveUp?: () => void;
  onMoveDown?: () => void;
  onRemove?: () => void;
  /** Why the stage cannot be removed (it holds open deals). */
  removeBlocked?: string;
  accent: string;
}

/** One stage in the pipeline editor: its head fields, order buttons and its gate, folded. */
export function StageEditorRow(props: StageEditorRowProps) {
  const { t } = useTranslation();
  const { gate, path, errors } = props;
  const gateHasError = Object.keys(errors).some((k) => k.startsWith(`${path}.checklist`));
  const [open, setOpen] = useState(gateHasError);
  const summary = t('pipelines.editor.gateSummary', {
    fields: gate.requiredFields.length,
    items: gate.checklist.length,
    approval: gate.approvalRequired
      ? t('pipelines.editor.approvalOn')
      : t('pipelines.editor.approvalOff'),
  });
  const stage = props.stageLabel;
  return (
    <Paper
      variant="outlined"
      data-testid={`stage-row-${props.index}`}
      sx={{ p: 1.25, borderLeft: 4, borderLeftColor: props.accent }}
    >
      <Box sx={{ display: 'flex', alignItems: 'flex-start', gap: 1 }}>
        <Box sx={{ flex: 1, minWidth: 0, display: 'flex', gap: 1, alignItems: 'flex-start' }}>
          {props.head}
        </Box>
        {props.reorderable && (
          <Box sx={{ display: 'flex', pt: 0.5 }}>
            <IconButton
              size="small"
              aria-label={t('pipelines.editor.moveUp', { stage })}
              disabled={!props.onMoveUp}
              onClick={props.onMoveUp}
            >
              <ArrowUpwardIcon fontSize="small" />
            </IconButton>
            <IconButton
              size="small"
              aria-label={t('pipelines.editor.moveDown', { stage })}
              disabled={!props.onMoveDown}
              onClick={props.onMoveDown}
            >
              <ArrowDownwardIcon fontSize="small" />
            </IconButton>
            <Tooltip title={props.removeBlocked ?? t('pipelines.editor.remove', { stage })}>
              <span>
                <IconButton
                  size="small"
                  aria-label={t('pipelines.editor.remove', { stage })}
                  disabled={Boolean(props.removeBlocked) || !props.onRemove}
                  onClick={props.onRemove}
                >
                  <DeleteOutlineIcon fontSize="small" />
                </IconButton>
              </span>
            </Tooltip>
          </Box>
        )}
      </Box>
      <Button
        size="small"
        color="inherit"
        onClick={() => setOpen((o) => !o)}
        aria-expanded={open}
        endIcon={open ? <ExpandLessIcon /> : <ExpandMoreIcon />}
        sx={{ mt: 0.5, fontSize: 12.5, color: 'text.secondary', textTransform: 'none' }}
      >
        {t('pipelines.editor.gateTitle', { stage })} · {summary}
      </Button>
      <Collapse in={open || gateHasError} unmountOnExit>
        <GateEditor
          gate={gate}
          onChange={props.onGateChange}
          path={path}
          errors={errors}
          idPrefix={path}
        />
      </Collapse>
    </Paper>
  );
}

/** The name and probability boxes of an open stage. */
export function StageHeadFields(props: {
  index: number;
  name: string;
  probability: string;
  errors: DraftErrors;
  onName(name: string): void;
  onProbability(value: string): void;
}) {
  const { t } = useTranslation();
  const { index, errors } = props;
  return (
    <>
      <TextField
        id={`stage-${index}-name`}
        size="small"
        label={t('pipelines.editor.stageName')}
        value={props.name}
        onChange={(e) => props.onName(e.target.value)}
        error={Boolean(errors[`stages.${index}.name`])}
        helperText={errors[`stages.${index}.name`]}
        slotProps={{ htmlInput: { maxLength: 50 } }}
        sx={{ flex: 1, minWidth: 0 }}
      />
      <TextField
        id={`stage-${index}-probability`}
        size="small"
        label={t('pipelines.editor.probability')}
        value={props.probability}
        onChange={(e) => props.onProbability(e.target.value)}
        error={Boolean(errors[`stages.${index}.probability`])}
        helperText={errors[`stages.${index}.probability`]}
        slotProps={{ htmlInput: { inputMode: 'numeric', maxLength: 3 } }}
        sx={{ width: 120, flexShrink: 0 }}
      />
    </>
  );
}
