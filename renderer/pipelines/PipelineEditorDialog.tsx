import AddIcon from '@mui/icons-material/Add';
import ArchiveOutlinedIcon from '@mui/icons-material/ArchiveOutlined';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { toCrmErrorData, type OpportunityColumn } from '../../shared/api';
import { DEFAULT_PIPELINE_ID, MAX_PIPELINE_STAGES, type Pipeline } from '../../shared/domain';
import { useCrm } from '../api/crm-context';
import { useNotify } from '../app/notifier';
import { ConfirmDialog } from '../forms/ConfirmDialog';
import { crmErrorText, stageName } from '../i18n/error-text';
import { stageAccent } from './board-pipeline';
import {
  fromDraft,
  newStageDraft,
  toDraft,
  validateDraft,
  type DraftErrors,
  type StageDraft,
} from './pipeline-draft';
import { StageEditorRow, StageHeadFields } from './StageEditorRow';
import { pipelineName } from './use-pipelines';

interface PipelineEditorDialogProps {
  /** The pipeline to edit; without one, a new pipeline (starting from the built-in stages). */
  pipeline?: Pipeline;
  /** The board's columns, to keep stages that hold open deals from being removed. */
  counts?: readonly OpportunityColumn[];
  onClose(): void;
  onSaved(id: string): void;
}

/** Name, stages (add, rename, reorder, probability) and each stage's gate, for one pipeline. */
export function PipelineEditorDialog({
  pipeline,
  counts,
  onClose,
  onSaved,
}: PipelineEditorDialogProps) {
  const { t } = useTranslation();
  const api = useCrm();
  const notify = useNotify();
  const builtIn = pipeline?.id === DEFAULT_PIPELINE_ID;
  const [draft, setDraft] = useState(() => toDraft(t, pipeline));
  const [errors, setErrors] = useState<DraftErrors>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [confirmArchive, setConfirmArchive] = useState(false);

  const setStage = (index: number, change: Partial<StageDraft>) =>
    setDraft((d) => ({
      ...d,
      stages: d.stages.map((s, i) => (i === index ? { ...s, ...change } : s)),
    }));
  const swap = (i: number, j: number) =>
    setDraft((d) => {
      const stages = [...d.stages];
      [stages[i], stages[j]] = [stages[j]!, stages[i]!];
      return { ...d, stages };
    });
  const cardsIn = (key: string) => counts?.find((c) => c.stage === key)?.count ?? 0;

  const save = async () => {
    const found = validateDraft(t, draft, builtIn);
    setErrors(found);
    if (Object.keys(found).length > 0) return;
    setBusy(true);
    setFormError(null);
    try {
      const fields = fromDraft(t, draft, builtIn);
      const saved = pipeline
        ? await api.invoke('pipelines/update', { id: pipeline.id, patch: fields })
        : await api.invoke('pipelines/create', fields);
      notify(t('pipelines.editor.saved', { name: pipelineName(t, saved) }));
      onSaved(saved.id);
      onClose();
    } catch (error) {
      const data = toCrmErrorData(error);
      setFormError(
        data.type === 'ValidationError' && data.fields.some((f) => f.field === 'stages')
          ? t('pipelines.editor.stagesInUse')
          : crmErrorText(t, data),
      );
    } finally {
      setBusy(false);
    }
  };

  const archive = async () => {
    if (!pipeline) return;
    setBusy(true);
    try {
      await api.invoke('pipelines/archive', { id: pipeline.id });
      notify(t('pipelines.editor.archived', { name: pipelineName(t, pipeline) }));
      onSaved(DEFAULT_PIPELINE_ID);
      onClose();
    } catch (error) {
      setFormError(crmErrorText(t, toCrmErrorData(error)));
      setConfirmArchive(false);
    } finally {
      setBusy(false);
    }
  };

  const n = draft.stages.length;
  return (
    <Dialog open onClose={onClose} fullWidth maxWidth="md" aria-labelledby="pipeline-editor-title">
      <DialogTitle id="pipeline-editor-title">
        {pipeline
          ? t('pipelines.editor.editTitle', { name: pipelineName(t, pipeline) })
          : t('pipelines.editor.createTitle')}
      </DialogTitle>
      <DialogContent data-testid="pipeline-editor">
        <TextField
          id="pipeline-name"
          label={t('pipelines.editor.name')}
          placeholder={t('pipelines.editor.namePlaceholder')}
          required={!builtIn}
          autoFocus
          fullWidth
          value={draft.name}
          onChange={(e) => setDraft((d) => ({ ...d, name: e.target.value }))}
          error={Boolean(errors.name)}
          helperText={errors.name}
          slotProps={{ htmlInput: { maxLength: 100 } }}
          sx={{ mt: 1 }}
        />
        <Typography component="h3" sx={{ fontSize: 14, fontWeight: 700, mt: 2.5 }}>
          {t('pipelines.editor.stages')}
        </Typography>
        <Typography sx={{ fontSize: 12.5, color: 'text.secondary', mb: 1 }}>
          {t('pipelines.editor.stagesHint')}
        </Typography>
        {errors.stages && <Alert severity="error">{errors.stages}</Alert>}
        <Box sx={{ display: 'flex', flexDirection: 'column', gap: 1 }}>
          {draft.stages.map((stage, i) => {
            const held = cardsIn(stage.key);
            const label = stage.name || stageName(t, stage.key);
            return (
              <StageEditorRow
                key={stage.key}
                index={i}
                stageLabel={label}
                accent={stageAccent({ key: stage.key, order: i }, n)}
                head={
                  <StageHeadFields
                    index={i}
                    name={stage.name}
                    probability={stage.probability}
                    errors={errors}
                    onName={(name) => setStage(i, { name })}
                    onProbability={(probability) => setStage(i, { probability })}
                  />
                }
                gate={stage}
                onGateChange={(gate) => setStage(i, gate)}
                path={`stages.${i}`}
                errors={errors}
                reorderable
                onMoveUp={i > 0 ? () => swap(i, i - 1) : undefined}
                onMoveDown={i < n - 1 ? () => swap(i, i + 1) : undefined}
                onRemove={
                  n > 1
                    ? () => setDraft((d) => ({ ...d, stages: d.stages.filter((_, j) => j !== i) }))
                    : undefined
                }
                removeBlocked={
                  held > 0
                    ? t('pipelines.editor.removeBlocked', { stage: label, count: held })
                    : undefined
                }
              />
            );
          })}
          <Box>
            <Button
              size="small"
              startIcon={<AddIcon />}
              disabled={n >= MAX_PIPELINE_STAGES}
              onClick={() => setDraft((d) => ({ ...d, stages: [...d.stages, newStageDraft(t)] }))}
            >
              {t('pipelines.editor.addStage')}
            </Button>
          </Box>
          <StageEditorRow
            index={n}
            stageLabel={stageName(t, 'won')}
            accent={stageAccent({ key: 'won', order: n }, n)}
            head={
              <Typography sx={{ fontWeight: 600, py: 0.75 }}>
                {stageName(t, 'won')} · 100%
              </Typography>
            }
            gate={draft.wonGate}
            onGateChange={(wonGate) => setDraft((d) => ({ ...d, wonGate }))}
            path="wonGate"
            errors={errors}
          />
          <Typography sx={{ fontSize: 12.5, color: 'text.secondary', pl: 1 }}>
            {stageName(t, 'lost')} · 0% — {t('pipelines.editor.terminalNote')}
          </Typography>
        </Box>
        {formError && (
          <Alert severity="error" sx={{ mt: 2 }} role="alert">
            {formError}
          </Alert>
        )}
      </DialogContent>
      <DialogActions sx={{ px: 3, pb: 2 }}>
        {pipeline && !builtIn && (
          <Button
            color="error"
            startIcon={<ArchiveOutlinedIcon />}
            onClick={() => setConfirmArchive(true)}
            sx={{ mr: 'auto' }}
          >
            {t('pipelines.editor.archive')}
          </Button>
        )}
        <Button onClick={onClose}>{t('actions.cancel')}</Button>
        <Button variant="contained" disabled={busy} onClick={() => void save()}>
          {t('pipelines.editor.save')}
        </Button>
      </DialogActions>
      {pipeline && (
        <ConfirmDialog
          open={confirmArchive}
          title={t('pipelines.editor.archive')}
          body={t('pipelines.editor.archiveConfirm', { name: pipelineName(t, pipeline) })}
          confirmLabel={t('pipelines.editor.archive')}
          busy={busy}
          onConfirm={() => void archive()}
          onClose={() => setConfirmArchive(false)}
        />
      )}
    </Dialog>
  );
}
