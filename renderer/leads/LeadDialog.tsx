import Box from '@mui/material/Box';
import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DuplicateRecord } from '../../shared/api';
import type { Lead } from '../../shared/domain';
import { ActivityList } from '../activities/ActivityList';
import { useCrm } from '../api/crm-context';
import { useDialogs } from '../app/dialogs';
import { useNotify } from '../app/notifier';
import { FormDialog } from '../forms/FormDialog';
import { FormTextField } from '../forms/FormTextField';
import { useCommandForm, validateCommand } from '../forms/use-command-form';
import { MergeDialog, type MergeRequest } from '../merge/MergeDialog';
import { MergeTrail } from '../merge/MergeTrail';
import { DuplicateWarning } from './DuplicateWarning';
import { useDuplicates } from './use-duplicates';
import { readOnlyText, useRecordAccess } from '../access/use-actor';
import { ReadOnlyFieldset } from '../forms/ReadOnlyFieldset';

const LEAD_FIELDS = ['company', 'contactName', 'phone', 'email', 'source'] as const;
type LeadField = (typeof LEAD_FIELDS)[number];
type LeadValues = Record<LeadField, string>;

const isLeadField = (field: string): field is LeadField =>
  (LEAD_FIELDS as readonly string[]).includes(field);

const validate = (values: LeadValues) => validateCommand('leads/create', values);

interface LeadDialogProps {
  /** The lead to edit; without one the dialog captures a new lead. */
  lead?: Lead;
  onClose(): void;
  /** A look-alike record the person chose to open instead. */
  onOpenDuplicate(duplicate: DuplicateRecord): void;
}

/**
 * Capturing a lead takes seconds: only the company is required, Enter saves. While the person
 * types, records that look like the same customer are listed with a way to open them.
 */
export function LeadDialog({ lead, onClose, onOpenDuplicate }: LeadDialogProps) {
  const { t } = useTranslation();
  const access = useRecordAccess('leads', lead);
  const readOnly = readOnlyText(t, access);
  const api = useCrm();
  const notify = useNotify();
  const dialogs = useDialogs();
  const [merge, setMerge] = useState<MergeRequest | null>(null);
  const label = useCallback(
    (field: string) => (isLeadField(field) ? t(`leads.fields.${field}`) : undefined),
    [t],
  );
  const form = useCommandForm<LeadValues>({
    initial: {
      company: lead?.company ?? '',
      contactName: lead?.contactName ?? '',
      phone: lead?.phone ?? '',
      email: lead?.email ?? '',
      source: lead?.source ?? '',
    },
    validate,
    label,
    run: async (values) => {
      if (lead) {
        const saved = await api.invoke('leads/update', { id: lead.id, patch: values });
        notify(t('leads.dialog.saved', { company: saved.company }));
      } else {
        const created = await api.invoke('leads/create', values);
        notify(t('leads.dialog.created', { company: created.company }));
      }
      onClose();
    },
  });
  // A merged (archived) lead is history: nothing to warn about any more.
  const duplicates = useDuplicates(
    lead?.archived ? { company: '', phone: '', email: '' } : form.values,
    lead?.id,
  );
  const mergeInto = (target: Lead) => {
    const named = { record: target, name: target.company };
    setMerge(
      lead
        ? {
            mode: 'records',
            kind: 'lead',
            source: { record: lead, name: lead.company },
            target: named,
          }
        : { mode: 'create', kind: 'lead', target: named, values: form.values },
    );
  };
  const merged = (target: Lead) => {
    setMerge(null);
    if (lead) return dialogs.openLead({ lead: target });
    onClose();
  };

  const field = (
    name: LeadField,
    extra: { required?: boolean; type?: string; hint?: string } = {},
  ) => (
    <FormTextField
      form={form}
      field={name}
      idPrefix="lead"
      label={t(`leads.fields.${name}`)}
      autoFocus={name === 'company'}
      {...extra}
    />
  );

  return (
    <FormDialog
      open
      title={lead ? t('leads.dialog.editTitle') : t('leads.dialog.createTitle')}
      form={form}
      submitLabel={lead ? t('actions.save') : t('actions.create')}
      onClose={onClose}
      readOnly={readOnly}
    >
      <ReadOnlyFieldset readOnly={readOnly !== undefined}>
        {lead && <MergeTrail kind="lead" record={lead} />}
        {field('company', { required: true })}
        <Box sx={{ display: 'grid', gridTemplateColumns: '1fr 1fr', gap: 2 }}>
          {field('contactName')}
          {field('phone', { type: 'tel' })}
        </Box>
        <Box sx={{ display: 'grid', gridTemplateColumns: '1fr 1fr', gap: 2 }}>
          {field('email', { type: 'email' })}
          {field('source', { hint: t('leads.dialog.sourceHint') })}
        </Box>
        <DuplicateWarning
          duplicates={duplicates}
          onOpen={onOpenDuplicate}
          onMerge={(duplicate) => mergeInto(duplicate.record)}
        />
        {merge && (
          <MergeDialog
            request={merge}
            onClose={() => setMerge(null)}
            onMerged={(target) => merged(target as Lead)}
          />
        )}
      </ReadOnlyFieldset>
      {lead && <ActivityList recordType="lead" recordId={lead.id} title={lead.company} />}
    </FormDialog>
  );
}
