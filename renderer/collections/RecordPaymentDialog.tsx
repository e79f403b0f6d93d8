import Box from '@mui/material/Box';
import Typography from '@mui/material/Typography';
import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { FieldIssue, InvoiceCard } from '../../shared/api';
import { newId, parseMoneyInput } from '../../shared/domain';
import { useCrm } from '../api/crm-context';
import { useNotify } from '../app/notifier';
import { FormDialog } from '../forms/FormDialog';
import { FormTextField } from '../forms/FormTextField';
import { formatAmountInput } from '../forms/opportunity-form';
import { topField, useCommandForm, validateCommand } from '../forms/use-command-form';
import { useFormat } from '../i18n/format';
import { invoiceName } from './invoice-text';

interface Values {
  amount: string;
  receivedOn: string;
  reference: string;
}

const LABELS = {
  amount: 'collections.fields.paymentAmount',
  receivedOn: 'collections.fields.receivedOn',
  reference: 'collections.fields.reference',
} as const;

/**
 * Recording a payment (登记回款). The amount starts as the amount due, the common case of a
 * payment in full; a partial payment is typed over it. More than is due is refused on the amount
 * field with the amount due, here and by the core (which counts the stored payments, so a payment
 * recorded meanwhile on another device is taken into account). A refused payment writes nothing.
 */
interface RecordPaymentDialogProps {
  card: InvoiceCard;
  /** The person's local calendar date: the default date of the form. */
  today: string;
  onClose(): void;
}

export function RecordPaymentDialog({ card, today, onClose }: RecordPaymentDialogProps) {
  const { t } = useTranslation();
  const api = useCrm();
  const notify = useNotify();
  const format = useFormat();
  const name = invoiceName(card);
  const due = card.outstanding;
  // One id per payment being entered: resubmitting after an interrupted write finishes it.
  const [paymentId] = useState(newId);
  const label = useCallback(
    (field: string) => (field in LABELS ? t(LABELS[field as keyof typeof LABELS]) : undefined),
    [t],
  );
  const toArgs = useCallback(
    (values: Values) => ({
      id: paymentId,
      invoiceId: card.id,
      amount: parseMoneyInput(values.amount, due.currency),
      receivedOn: values.receivedOn,
      reference: values.reference,
    }),
    [paymentId, card.id, due.currency],
  );
  const validate = useCallback(
    (values: Values): FieldIssue[] => {
      const args = toArgs(values);
      const issues: FieldIssue[] = [];
      if (!values.amount.trim()) issues.push({ field: 'amount', code: 'required' });
      else if (!args.amount || args.amount.minor <= 0)
        issues.push({ field: 'amount', code: 'invalid' });
      else if (args.amount.minor > due.minor)
        issues.push({ field: 'amount', code: 'tooLarge', params: { max: due } });
      const reported = new Set(issues.map(topField));
      return [
        ...issues,
        ...validateCommand('payments/record', { ...args, amount: args.amount ?? undefined }).filter(
          (issue) => !reported.has(topField(issue)),
        ),
      ];
    },
    [toArgs, due],
  );
  const form = useCommandForm<Values>({
    initial: () => ({
      amount: formatAmountInput(due, format.language),
      receivedOn: today,
      reference: '',
    }),
    validate,
    label,
    run: async (values) => {
      const args = toArgs(values);
      if (!args.amount) return;
      const { invoice } = await api.invoke('payments/record', { ...args, amount: args.amount });
      const amount = format.money(args.amount);
      notify(
        invoice.stage === 'paid'
          ? t('collections.payment.doneInFull', { amount, name })
          : t('collections.payment.done', { amount }),
      );
      onClose();
    },
  });
  return (
    <FormDialog
      open
      maxWidth="xs"
      title={t('collections.payment.title', { name })}
      subtitle={<Typography variant="body2">{card.contractTitle}</Typography>}
      form={form}
      submitLabel={t('collections.payment.submit')}
      onClose={onClose}
    >
      <Box
        data-testid="amount-due"
        sx={{
          display: 'grid',
          gridTemplateColumns: 'auto 1fr',
          columnGap: 2,
          rowGap: 0.25,
          fontSize: 13.5,
          '& dt': { color: 'text.secondary' },
          '& dd': { m: 0, textAlign: 'right', fontVariantNumeric: 'tabular-nums' },
        }}
        component="dl"
      >
        <dt>{t('collections.fields.amount')}</dt>
        <dd>{format.money(card.amount)}</dd>
        <dt>{t('collections.fields.paid')}</dt>
        <dd>{format.money(card.paid)}</dd>
        <Box component="dt" sx={{ fontWeight: 700, color: 'text.primary !important' }}>
          {t('collections.payment.due')}
        </Box>
        <Box component="dd" sx={{ fontWeight: 700 }}>
          {format.money(due)}
        </Box>
      </Box>
      <FormTextField
        form={form}
        field="amount"
        idPrefix="payment"
        label={`${t('collections.fields.paymentAmount')} (${due.currency})`}
        hint={t('collections.payment.amountHint')}
        required
        autoFocus
        slotProps={{ htmlInput: { inputMode: 'decimal', autoComplete: 'off' } }}
      />
      <FormTextField
        form={form}
        field="receivedOn"
        idPrefix="payment"
        type="date"
        label={t('collections.fields.receivedOn')}
        required
        slotProps={{ inputLabel: { shrink: true }, htmlInput: { max: '9999-12-31' } }}
      />
      <FormTextField
        form={form}
        field="reference"
        idPrefix="payment"
        label={t('collections.fields.reference')}
      />
    </FormDialog>
  );
}
