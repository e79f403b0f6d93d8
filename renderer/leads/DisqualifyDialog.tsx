import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import type { LeadCard } from '../../shared/api';
import { useCrm } from '../api/crm-context';
import { useNotify } from '../app/notifier';
import { FormDialog } from '../forms/FormDialog';
import { FormTextField } from '../forms/FormTextField';
import { useCommandForm, validateCommand } from '../forms/use-command-form';

interface Values {
  disqualifiedReason: string;
}

/**
 * Disqualifying needs a reason (it is what the lead source analysis reads). Asked before the
 * move, so cancelling leaves the card where it was; an empty reason is named on the field, both
 * here and if the core says so.
 */
export function DisqualifyDialog({ card, onClose }: { card: LeadCard; onClose(): void }) {
  const { t } = useTranslation();
  const api = useCrm();
  const notify = useNotify();
  const label = useCallback(
    (field: string) =>
      field === 'disqualifiedReason' ? t('leads.fields.disqualifiedReason') : undefined,
    [t],
  );
  const validate = useCallback(
    (values: Values) => {
      const issues = validateCommand('leads/move', { id: card.id, to: 'disqualified', ...values });
      // The schema lets the reason be absent (other moves need none); this move needs one.
      return values.disqualifiedReason.trim()
        ? issues
        : [...issues, { field: 'disqualifiedReason', code: 'required' as const }];
    },
    [card.id],
  );
  const form = useCommandForm<Values>({
    initial: { disqualifiedReason: card.disqualifiedReason ?? '' },
    validate,
    label,
    run: async (values) => {
      await api.invoke('leads/move', { id: card.id, to: 'disqualified', ...values });
      notify(t('leads.disqualify.done', { company: card.company }));
      onClose();
    },
  });
  return (
    <FormDialog
      open
      maxWidth="xs"
      title={t('leads.disqualify.title', { company: card.company })}
      form={form}
      submitLabel={t('leads.disqualify.submit')}
      onClose={onClose}
    >
      <FormTextField
        form={form}
        field="disqualifiedReason"
        idPrefix="lead"
        label={t('leads.fields.disqualifiedReason')}
        hint={t('leads.disqualify.hint')}
        required
        autoFocus
        multiline
        minRows={3}
      />
    </FormDialog>
  );
}
