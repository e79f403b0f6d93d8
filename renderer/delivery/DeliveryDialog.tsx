import AddIcon from '@mui/icons-material/Add';
import DeleteOutlineIcon from '@mui/icons-material/DeleteOutlineOutlined';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Checkbox from '@mui/material/Checkbox';
import IconButton from '@mui/material/IconButton';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { useCallback, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { FieldIssue } from '../../shared/api';
import type { DeliveryCard } from '../../shared/api/contracting-contract';
import { localIsoDate } from '../activities/local-day';
import { useCrm } from '../api/crm-context';
import { useNotify } from '../app/notifier';
import { rowKey } from '../contracts/contract-form';
import { HistoryAction } from '../contracts/HistoryAction';
import { ActivityList } from '../activities/ActivityList';
import { FormDialog } from '../forms/FormDialog';
import { FormTextField } from '../forms/FormTextField';
import { useCommandForm, validateCommand } from '../forms/use-command-form';
import { useFormat } from '../i18n/format';

interface StepValues {
  key: string;
  id?: string;
  name: string;
  dueOn: string;
  doneOn: string;
}

interface Values {
  title: string;
  plannedOn: string;
  notes: string;
  steps: StepValues[];
}

const grid = {
  display: 'grid',
  gridTemplateColumns: '36px minmax(0, 1fr) 150px 150px 36px',
  gap: 1,
  alignItems: 'start',
} as const;

function toArgs(values: Values) {
  return {
    title: values.title,
    plannedOn: values.plannedOn || null,
    notes: values.notes,
    milestones: values.steps.map((s) => ({
      ...(s.id ? { id: s.id } : {}),
      name: s.name,
      dueOn: s.dueOn || null,
      doneOn: s.doneOn || null,
    })),
  };
}

/**
 * A delivery: its plan date, the milestones as a checklist (ticking one records today as its done
 * date, which can be corrected), notes, and the acceptance date once accepted. Delivered and
 * Accepted need every milestone done; the board says so if one is not.
 */
export function DeliveryDialog({ card, onClose }: { card: DeliveryCard; onClose(): void }) {
  const { t } = useTranslation();
  const api = useCrm();
  const notify = useNotify();
  const format = useFormat();
  const [tried, setTried] = useState(false);
  const finished = card.stage === 'delivered' || card.stage === 'accepted';
  const label = useCallback(
    (field: string) =>
      field === 'title' || field === 'plannedOn' || field === 'notes'
        ? t(`delivery.fields.${field}`)
        : field === 'milestones'
          ? t('delivery.fields.milestones')
          : undefined,
    [t],
  );
  const validate = useCallback(
    (values: Values): FieldIssue[] => {
      const issues = validateCommand('deliveries/update', { id: card.id, patch: toArgs(values) });
      values.steps.forEach((s, i) => {
        if (finished && !s.doneOn)
          issues.push({ field: `milestones.${i}.doneOn`, code: 'required' });
      });
      return issues;
    },
    [card.id, finished],
  );
  const form = useCommandForm<Values>({
    initial: () => ({
      title: card.title,
      plannedOn: card.plannedOn ?? '',
      notes: card.notes ?? '',
      steps: (card.milestones ?? []).map((m) => ({
        key: rowKey(),
        id: m.id,
        name: m.name,
        dueOn: m.dueOn ?? '',
        doneOn: m.doneOn ?? '',
      })),
    }),
    validate,
    label,
    run: async (values) => {
      await api.invoke('deliveries/update', { id: card.id, patch: toArgs(values) });
      notify(t('delivery.dialog.saved', { title: values.title }));
      onClose();
    },
  });
  const { values, set } = form;
  const issues = validate(values);
  const cellError = (i: number, part: string) => {
    if (!tried) return undefined;
    const issue = issues.find((x) => x.field === `milestones.${i}.${part}`);
    if (!issue) return undefined;
    return part === 'name' ? t('delivery.dialog.nameRequired') : t('delivery.dialog.doneRequired');
  };
  const update = (index: number, patch: Partial<StepValues>) =>
    set(
      'steps',
      values.steps.map((s, i) => (i === index ? { ...s, ...patch } : s)),
    );
  const done = values.steps.filter((s) => s.doneOn).length;
  const onSubmit = (event: FormEvent) => {
    setTried(true);
    form.onSubmit(event);
  };
  return (
    <FormDialog
      open
      maxWidth="md"
      title={t('delivery.dialog.title', { title: card.title })}
      subtitle={t('delivery.dialog.contract', { title: card.contractTitle })}
      form={{ ...form, onSubmit }}
      submitLabel={t('delivery.dialog.save')}
      onClose={onClose}
      extraActions={<HistoryAction recordType="delivery" recordId={card.id} title={card.title} />}
    >
      {card.acceptedOn && card.stage === 'accepted' && (
        <Alert severity="success" sx={{ py: 0 }}>
          {t('delivery.dialog.accepted', { date: format.isoDate(card.acceptedOn) })}
        </Alert>
      )}
      <Box sx={{ display: 'grid', gridTemplateColumns: { xs: '1fr', sm: '2fr 1fr' }, gap: 2 }}>
        <FormTextField
          form={form}
          field="title"
          idPrefix="delivery"
          label={t('delivery.fields.title')}
          required
        />
        <FormTextField
          form={form}
          field="plannedOn"
          idPrefix="delivery"
          type="date"
          label={t('delivery.fields.plannedOn')}
          slotProps={{ inputLabel: { shrink: true } }}
        />
      </Box>
      <Box component="section" aria-labelledby="delivery-steps-title">
        <Box sx={{ display: 'flex', alignItems: 'baseline', gap: 1, mb: 1 }}>
          <Typography id="delivery-steps-title" variant="subtitle2">
            {t('delivery.fields.milestones')}
          </Typography>
          {values.steps.length > 0 && (
            <Typography variant="caption" color="text.secondary" data-testid="delivery-progress">
              {t('delivery.dialog.progress', { done, total: values.steps.length })}
            </Typography>
          )}
        </Box>
        {values.steps.length > 0 && (
          <Box sx={{ ...grid, mb: 0.5, color: 'text.secondary', fontSize: 12 }} aria-hidden>
            <span />
            <span>{t('delivery.fields.milestoneName')}</span>
            <span>{t('delivery.fields.dueOn')}</span>
            <span>{t('delivery.fields.doneOn')}</span>
            <span />
          </Box>
        )}
        <Box sx={{ display: 'flex', flexDirection: 'column', gap: 1 }}>
          {values.steps.map((step, i) => {
            const n = i + 1;
            return (
              <Box key={step.key} sx={grid}>
                <Checkbox
                  checked={Boolean(step.doneOn)}
                  onChange={(e) =>
                    update(i, { doneOn: e.target.checked ? localIsoDate(Date.now()) : '' })
                  }
                  slotProps={{
                    input: {
                      'aria-label': t('delivery.dialog.markDone', { name: step.name || n }),
                    },
                  }}
                  sx={{ p: 0.75 }}
                />
                <TextField
                  size="small"
                  value={step.name}
                  slotProps={{
                    htmlInput: { 'aria-label': `${t('delivery.fields.milestoneName')} ${n}` },
                  }}
                  onChange={(e) => update(i, { name: e.target.value })}
                  error={Boolean(cellError(i, 'name'))}
                  helperText={cellError(i, 'name')}
                  sx={
                    step.doneOn
                      ? { '& input': { textDecoration: 'line-through', color: 'text.secondary' } }
                      : undefined
                  }
                />
                <TextField
                  size="small"
                  type="date"
                  value={step.dueOn}
                  slotProps={{ htmlInput: { 'aria-label': `${t('delivery.fields.dueOn')} ${n}` } }}
                  onChange={(e) => update(i, { dueOn: e.target.value })}
                />
                <TextField
                  size="small"
                  type="date"
                  value={step.doneOn}
                  slotProps={{ htmlInput: { 'aria-label': `${t('delivery.fields.doneOn')} ${n}` } }}
                  onChange={(e) => update(i, { doneOn: e.target.value })}
                  error={Boolean(cellError(i, 'doneOn'))}
                  helperText={cellError(i, 'doneOn')}
                />
                <IconButton
                  size="small"
                  aria-label={t('delivery.dialog.removeMilestone', { n })}
                  onClick={() =>
                    set(
                      'steps',
                      values.steps.filter((_, j) => j !== i),
                    )
                  }
                >
                  <DeleteOutlineIcon fontSize="small" />
                </IconButton>
              </Box>
            );
          })}
        </Box>
        {values.steps.length === 0 && (
          <Typography variant="body2" color="text.secondary">
            {t('delivery.dialog.noMilestones')}
          </Typography>
        )}
        <Button
          size="small"
          startIcon={<AddIcon />}
          sx={{ mt: 1 }}
          onClick={() =>
            set('steps', [...values.steps, { key: rowKey(), name: '', dueOn: '', doneOn: '' }])
          }
        >
          {t('delivery.dialog.addMilestone')}
        </Button>
      </Box>
      <FormTextField
        form={form}
        field="notes"
        idPrefix="delivery"
        label={t('delivery.fields.notes')}
        multiline
        minRows={2}
      />
      <ActivityList recordType="delivery" recordId={card.id} title={card.title} />
    </FormDialog>
  );
}
