import Typography from '@mui/material/Typography';
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import type { FieldIssue, InvoiceCard } from '../../shared/api';
import { useCrm } from '../api/crm-context';
import { useNotify } from '../app/notifier';
import { FormDialog } from '../forms/FormDialog';
import { FormTextField } from '../forms/FormTextField';
import { useCommandForm, validateCommand } from '../forms/use-command-form';
import { useFormat } from '../i18n/format';
import { invoiceName } from './invoice-text';

interface Values {
  issuedOn: string;
  number: string;
  dueOn: string;
}

const dateSlots = { inputLabel: { shrink: true }, htmlInput: { max: '9999-12-31' } } as const;

/**
 * Issuing (开票): Scheduled → Invoiced, with the date, the invoice number and the due date the
 * customer was given. Opened by the card's button or by dragging the card to Invoiced; cancelling
 * leaves the card where it was.
 */
interface IssueInvoiceDialogProps {
  card: InvoiceCard;
  /** The person's local calendar date: the default date of the form. */
  today: string;
  onClose(): void;
}

export function IssueInvoiceDialog({ card, today, onClose }: IssueInvoiceDialogProps) {
  const { t } = useTranslation();
  const api = useCrm();
  const notify = useNotify();
  const format = useFormat();
  const name = invoiceName(card);
  const label = useCallback(
    (field: string) =>
      field === 'number' || field === 'issuedOn' || field === 'dueOn'
        ? t(`collections.fields.${field}`)
        : undefined,
    [t],
  );
  const validate = useCallback(
    (values: Values): FieldIssue[] => {
      const issues = validateCommand('invoices/issue', { id: card.id, ...values });
      // The schema lets the number be absent (it may be on the invoice already); issuing needs one.
      return values.number.trim() ? issues : [...issues, { field: 'number', code: 'required' }];
    },
    [card.id],
  );
  const form = useCommandForm<Values>({
    initial: () => ({ issuedOn: today, number: card.number, dueOn: card.dueOn }),
    validate,
    label,
    run: async (values) => {
      await api.invoke('invoices/issue', { id: card.id, ...values });
      notify(t('collections.issue.done', { name }));
      onClose();
    },
  });
  return (
    <FormDialog
      open
      maxWidth="xs"
      title={t('collections.issue.title', { name })}
      subtitle={
        <Typography variant="body2">
          {card.contractTitle} · {format.money(card.amount)}
        </Typography>
      }
      form={form}
      submitLabel={t('collections.issue.submit')}
      onClose={onClose}
    >
      <Typography variant="body2" color="text.secondary">
        {t('collections.issue.hint')}
      </Typography>
      <FormTextField
        form={form}
        field="number"
        idPrefix="invoice-issue"
        label={t('collections.fields.number')}
        hint={t('collections.issue.numberHint')}
        required
        autoFocus
      />
      <FormTextField
        form={form}
        field="issuedOn"
        idPrefix="invoice-issue"
        type="date"
        label={t('collections.fields.issuedOn')}
        required
        slotProps={dateSlots}
      />
      <FormTextField
        form={form}
        field="dueOn"
        idPrefix="invoice-issue"
        type="date"
        label={t('collections.fields.dueOn')}
        required
        slotProps={dateSlots}
      />
    </FormDialog>
  );
}
