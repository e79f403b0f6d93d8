import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Checkbox from '@mui/material/Checkbox';
import Typography from '@mui/material/Typography';
import { useCallback, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { FieldIssue } from '../../shared/api';
import type { DeliveryCard } from '../../shared/api/contracting-contract';
import { localIsoDate } from '../activities/local-day';
import { useCrm } from '../api/crm-context';
import { useNotify } from '../app/notifier';
import { rowKey } from '../forms/row-key';
import { HistoryAction } from '../history/HistoryAction';
import { RemoveRowButton, RowCell, RowsFooter, useRows } from '../forms/row-editor';
import { ActivityList } from '../activities/ActivityList';
import { FormDialog } from '../forms/FormDialog';
import { FormTextField } from '../forms/FormTextField';
import { useCommandForm, validateCommand } from '../forms/use-command-form';
import { useFormat } from '../i18n/format';
import { readOnlyText, useRecordAccess } from '../access/use-actor';
import { ReadOnlyFieldset } from '../forms/ReadOnlyFieldset';

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
  const access = useRecordAccess('deliveries', card);
  const readOnly = readOnlyText(t, access);
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
  // Cell errors show once a save was tried; the contract names them "milestones.<i>.<part>".
  const cellError = (field: string) => {
    if (!tried || !issues.some((x) => x.field === field)) return undefined;
    if (field.endsWith('.name')) return t('delivery.dialog.nameRequired');
    // The due date is a date input: nothing there to explain under the cell.
    return field.endsWith('.doneOn') ? t('delivery.dialog.doneRequired') : undefined;
  };
  const setSteps = useCallback((steps: StepValues[]) => set('steps', steps), [set]);
  const rows = useRows(values.steps, setSteps, 'milestones');
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
      viewActions={<HistoryAction recordType="delivery" recordId={card.id} title={card.title} />}
      readOnly={readOnly}
    >
      <ReadOnlyFieldset readOnly={readOnly !== undefined}>
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
              const cell = (name: 'name' | 'dueOn' | 'doneOn') => ({
                field: rows.cell(i, name),
                label: `${t(`delivery.fields.${name === 'name' ? 'milestoneName' : name}`)} ${n}`,
                value: step[name],
                locked: false,
                onChange: (value: string) => rows.update(i, { [name]: value }),
                errorOf: cellError,
                // Delivery steps show their errors after a save is tried, not on leaving a cell.
                onTouch: () => undefined,
              });
              return (
                <Box key={step.key} sx={grid}>
                  <Checkbox
                    checked={Boolean(step.doneOn)}
                    onChange={(e) =>
                      rows.update(i, { doneOn: e.target.checked ? localIsoDate(Date.now()) : '' })
                    }
                    slotProps={{
                      input: {
                        'aria-label': t('delivery.dialog.markDone', { name: step.name || n }),
                      },
                    }}
                    sx={{ p: 0.75 }}
                  />
                  <RowCell
                    {...cell('name')}
                    sx={
                      step.doneOn
                        ? { '& input': { textDecoration: 'line-through', color: 'text.secondary' } }
                        : undefined
                    }
                  />
                  <RowCell {...cell('dueOn')} type="date" />
                  <RowCell {...cell('doneOn')} type="date" />
                  <RemoveRowButton
                    locked={false}
                    label={t('delivery.dialog.removeMilestone', { n })}
                    onRemove={() => rows.remove(i)}
                  />
                </Box>
              );
            })}
          </Box>
          {values.steps.length === 0 && (
            <Typography variant="body2" color="text.secondary">
              {t('delivery.dialog.noMilestones')}
            </Typography>
          )}
          <RowsFooter
            locked={false}
            addLabel={t('delivery.dialog.addMilestone')}
            onAdd={() => rows.add({ key: rowKey(), name: '', dueOn: '', doneOn: '' })}
          />
        </Box>
        <FormTextField
          form={form}
          field="notes"
          idPrefix="delivery"
          label={t('delivery.fields.notes')}
          multiline
          minRows={2}
        />
      </ReadOnlyFieldset>
      <ActivityList recordType="delivery" recordId={card.id} title={card.title} />
    </FormDialog>
  );
}
