import ArchiveOutlinedIcon from '@mui/icons-material/ArchiveOutlined';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Checkbox from '@mui/material/Checkbox';
import FormControlLabel from '@mui/material/FormControlLabel';
import FormLabel from '@mui/material/FormLabel';
import TextField from '@mui/material/TextField';
import ToggleButton from '@mui/material/ToggleButton';
import ToggleButtonGroup from '@mui/material/ToggleButtonGroup';
import Typography from '@mui/material/Typography';
import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ACTIVITY_KINDS, type Activity, type ActivityKind } from '../../shared/domain';
import { useCrm } from '../api/crm-context';
import { useNotify } from '../app/notifier';
import { FormDialog } from '../forms/FormDialog';
import { FormTextField } from '../forms/FormTextField';
import { useCommandForm } from '../forms/use-command-form';
import {
  initialActivityValues,
  isActivityFormField,
  toActivityFields,
  validateActivity,
  type AboutOption,
  type ActivityValues,
} from './activity-form';
import { AboutPicker } from './AboutPicker';
import { KIND_ICONS } from './kind-icons';

interface ActivityDialogProps {
  /** The activity to edit; without one the dialog logs a new one. */
  activity?: Activity;
  /** The record it is about, when the dialog is opened on a record; otherwise the rep picks one. */
  about?: AboutOption;
  initialDate?: string;
  initialKind?: ActivityKind;
  onClose(): void;
}

/** Mounted only while open, so every opening starts from the activity as it is now. */
export function ActivityDialog({
  activity,
  about,
  initialDate,
  initialKind,
  onClose,
}: ActivityDialogProps) {
  const { t } = useTranslation();
  const api = useCrm();
  const notify = useNotify();
  const [archiving, setArchiving] = useState(false);
  const label = useCallback(
    (field: string) => (isActivityFormField(field) ? t(`activities.fields.${field}`) : undefined),
    [t],
  );
  const form = useCommandForm<ActivityValues>({
    initial: () =>
      initialActivityValues(activity, { record: about, date: initialDate, kind: initialKind }),
    validate: validateActivity,
    label,
    run: async (values) => {
      const fields = toActivityFields(values);
      if (activity) {
        const saved = await api.invoke('activities/update', { id: activity.id, patch: fields });
        notify(t('activities.dialog.saved', { subject: saved.subject }));
      } else {
        const record = values.record!; // validateActivity required it
        const created = await api.invoke('activities/create', {
          ...fields,
          dueAt: fields.dueAt ?? undefined,
          recordType: record.type,
          recordId: record.id,
        });
        notify(t('activities.dialog.created', { subject: created.subject }));
      }
      onClose();
    },
  });
  const { values, set } = form;

  const archive = () => {
    if (!activity) return;
    setArchiving(true);
    api
      .invoke('activities/archive', { id: activity.id })
      .then(() => {
        notify(t('activities.dialog.archived', { subject: activity.subject }));
        onClose();
      })
      .catch(() => form.setFormError(t('errors.InternalError')))
      .finally(() => setArchiving(false));
  };

  return (
    <FormDialog
      open
      title={activity ? t('activities.dialog.editTitle') : t('activities.dialog.createTitle')}
      subtitle={about ? t('activities.dialog.about', { title: about.name }) : undefined}
      form={form}
      submitLabel={activity ? t('actions.save') : t('actions.create')}
      onClose={onClose}
      extraActions={
        activity && (
          <Button
            color="error"
            startIcon={<ArchiveOutlinedIcon />}
            disabled={archiving}
            onClick={archive}
          >
            {t('activities.dialog.archive')}
          </Button>
        )
      }
    >
      <Box>
        <FormLabel id="activity-kind-label" sx={{ fontSize: 13, display: 'block', mb: 0.5 }}>
          {t('activities.fields.kind')}
        </FormLabel>
        <ToggleButtonGroup
          exclusive
          size="small"
          color="primary"
          aria-labelledby="activity-kind-label"
          value={values.kind}
          onChange={(_event, kind: ActivityKind | null) => kind && set('kind', kind)}
          sx={{ flexWrap: 'wrap' }}
        >
          {ACTIVITY_KINDS.map((kind) => {
            const Icon = KIND_ICONS[kind];
            return (
              <ToggleButton key={kind} value={kind} sx={{ px: 1.5, gap: 0.75 }}>
                <Icon fontSize="small" />
                {t(`activities.kinds.${kind}`)}
              </ToggleButton>
            );
          })}
        </ToggleButtonGroup>
      </Box>
      <FormTextField
        form={form}
        field="subject"
        idPrefix="activity"
        label={t('activities.fields.subject')}
        required
        autoFocus
      />
      {!about && (
        <AboutPicker
          value={values.record}
          onChange={(record) => set('record', record)}
          onBlur={() => form.touch('recordId')}
          error={form.errorFor('recordId')}
        />
      )}
      <Box sx={{ display: 'grid', gridTemplateColumns: '3fr 2fr', gap: 2 }}>
        <TextField
          id="activity-date"
          type="date"
          label={t('activities.fields.date')}
          value={values.date}
          onChange={(e) => set('date', e.target.value)}
          onBlur={() => form.touch('dueAt')}
          error={Boolean(form.errorFor('dueAt'))}
          helperText={
            form.errorFor('dueAt') ??
            (values.time && !values.date ? t('activities.dialog.timeNeedsDate') : undefined)
          }
          slotProps={{ inputLabel: { shrink: true }, htmlInput: { max: '9999-12-31' } }}
        />
        <TextField
          id="activity-time"
          type="time"
          label={t('activities.fields.time')}
          value={values.time}
          onChange={(e) => set('time', e.target.value)}
          onBlur={() => form.touch('dueAt')}
          error={Boolean(form.errorFor('dueAt'))}
          slotProps={{ inputLabel: { shrink: true } }}
        />
      </Box>
      <FormTextField
        form={form}
        field="notes"
        idPrefix="activity"
        label={t('activities.fields.notes')}
        multiline
        minRows={2}
        maxRows={6}
      />
      <FormControlLabel
        control={<Checkbox checked={values.done} onChange={(e) => set('done', e.target.checked)} />}
        label={<Typography variant="body2">{t('activities.fields.done')}</Typography>}
      />
    </FormDialog>
  );
}
