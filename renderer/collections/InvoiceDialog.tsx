import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Divider from '@mui/material/Divider';
import Typography from '@mui/material/Typography';
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import type { FieldIssue, InvoiceCard } from '../../shared/api';
import { parseMoneyInput } from '../../shared/domain';
import { useCrm } from '../api/crm-context';
import { useLiveQuery } from '../api/use-live-query';
import { useNotify } from '../app/notifier';
import { HistoryAction } from '../history/HistoryAction';
import { ActivityList } from '../activities/ActivityList';
import { FormDialog } from '../forms/FormDialog';
import { FormTextField } from '../forms/FormTextField';
import { formatAmountInput } from '../forms/opportunity-form';
import { topField, useCommandForm, validateCommand } from '../forms/use-command-form';
import { useFormat } from '../i18n/format';
import { invoiceName, invoiceStageName } from './invoice-text';
import { readOnlyText, useRecordAccess } from '../access/use-actor';
import { ReadOnlyFieldset } from '../forms/ReadOnlyFieldset';

interface Values {
  number: string;
  dueOn: string;
  amount: string;
}

const LABELS = {
  number: 'collections.fields.number',
  dueOn: 'collections.fields.dueOn',
  amount: 'collections.fields.amount',
} as const;

interface InvoiceDialogProps {
  card: InvoiceCard;
  onClose(): void;
  onIssue(card: InvoiceCard): void;
  onRecordPayment(card: InvoiceCard): void;
}

/**
 * One invoice: its facts, the editable ones (number, due date; the amount only while Scheduled,
 * since an issued invoice's amount is what was billed), and the payments received against it.
 */
export function InvoiceDialog({ card, onClose, onIssue, onRecordPayment }: InvoiceDialogProps) {
  const { t } = useTranslation();
  const access = useRecordAccess('invoices', card);
  const readOnly = readOnlyText(t, access);
  const api = useCrm();
  const notify = useNotify();
  const format = useFormat();
  const { data: payments } = useLiveQuery('payments/forInvoice', { invoiceId: card.id });
  const name = invoiceName(card);
  const scheduled = card.stage === 'scheduled';
  const label = useCallback(
    (field: string) => (field in LABELS ? t(LABELS[field as keyof typeof LABELS]) : undefined),
    [t],
  );
  const toPatch = useCallback(
    (values: Values) => ({
      number: values.number,
      dueOn: values.dueOn,
      ...(scheduled ? { amount: parseMoneyInput(values.amount, card.amount.currency) } : {}),
    }),
    [scheduled, card.amount.currency],
  );
  const validate = useCallback(
    (values: Values): FieldIssue[] => {
      const patch = toPatch(values);
      const issues: FieldIssue[] = [];
      if (scheduled && (!patch.amount || patch.amount.minor <= 0)) {
        issues.push({ field: 'amount', code: values.amount.trim() ? 'invalid' : 'required' });
      }
      if (!scheduled && !values.number.trim()) issues.push({ field: 'number', code: 'required' });
      const reported = new Set(issues.map(topField));
      const schemaIssues = validateCommand('invoices/update', {
        id: card.id,
        patch: { ...patch, amount: patch.amount ?? undefined },
      }).map((i) => ({ ...i, field: i.field.replace(/^patch\./, '') }));
      return [...issues, ...schemaIssues.filter((i) => !reported.has(topField(i)))];
    },
    [toPatch, scheduled, card.id],
  );
  const form = useCommandForm<Values>({
    initial: () => ({
      number: card.number,
      dueOn: card.dueOn,
      amount: formatAmountInput(card.amount, format.language),
    }),
    validate,
    label,
    run: async (values) => {
      const patch = toPatch(values);
      await api.invoke('invoices/update', {
        id: card.id,
        patch: { ...patch, amount: patch.amount ?? undefined },
      });
      notify(t('collections.dialog.saved'));
      onClose();
    },
  });
  const facts: [string, string][] = [
    [t('collections.fields.account'), card.accountName],
    [
      t('collections.fields.contract'),
      card.contractNumber ? `${card.contractTitle} · ${card.contractNumber}` : card.contractTitle,
    ],
    ...(card.milestone
      ? [[t('collections.fields.milestone'), card.milestone] as [string, string]]
      : []),
    ...(card.issuedOn
      ? [[t('collections.fields.issuedOn'), format.isoDate(card.issuedOn)] as [string, string]]
      : []),
    ...(scheduled
      ? []
      : [[t('collections.fields.amount'), format.money(card.amount)] as [string, string]]),
    [t('collections.fields.paid'), format.money(card.paid)],
    [t('collections.fields.outstanding'), format.money(card.outstanding)],
  ];
  return (
    <FormDialog
      open
      title={t('collections.dialog.title', { name })}
      subtitle={
        <Typography variant="body2">
          {invoiceStageName(t, card.stage)}
          {card.overdue ? ` · ${t('collections.card.overdue', { count: card.daysOverdue })}` : ''}
        </Typography>
      }
      form={form}
      submitLabel={t('collections.dialog.save')}
      onClose={onClose}
      extraActions={
        <>
          <HistoryAction recordType="invoice" recordId={card.id} title={name} />
          {scheduled ? (
            <Button onClick={() => onIssue(card)}>{t('collections.card.issue')}</Button>
          ) : card.outstanding.minor > 0 ? (
            <Button onClick={() => onRecordPayment(card)}>{t('collections.card.record')}</Button>
          ) : null}
        </>
      }
      readOnly={readOnly}
    >
      <ReadOnlyFieldset readOnly={readOnly !== undefined}>
        <Box
          component="dl"
          sx={{
            m: 0,
            display: 'grid',
            gridTemplateColumns: 'auto 1fr',
            columnGap: 2,
            rowGap: 0.5,
            fontSize: 13.5,
            '& dt': { color: 'text.secondary' },
            '& dd': { m: 0 },
          }}
        >
          {facts.map(([term, value]) => (
            <Box key={term} sx={{ display: 'contents' }}>
              <dt>{term}</dt>
              <dd>{value}</dd>
            </Box>
          ))}
        </Box>
        <Box sx={{ display: 'grid', gridTemplateColumns: '1fr 1fr', gap: 2 }}>
          <FormTextField
            form={form}
            field="number"
            idPrefix="invoice"
            label={t('collections.fields.number')}
            required={!scheduled}
          />
          <FormTextField
            form={form}
            field="dueOn"
            idPrefix="invoice"
            type="date"
            label={t('collections.fields.dueOn')}
            required
            slotProps={{ inputLabel: { shrink: true }, htmlInput: { max: '9999-12-31' } }}
          />
        </Box>
        {scheduled ? (
          <FormTextField
            form={form}
            field="amount"
            idPrefix="invoice"
            label={`${t('collections.fields.amount')} (${card.amount.currency})`}
            required
            slotProps={{ htmlInput: { inputMode: 'decimal', autoComplete: 'off' } }}
          />
        ) : (
          <Typography variant="caption" color="text.secondary" sx={{ mt: -1 }}>
            {t('collections.dialog.amountLocked')}
          </Typography>
        )}
        <Divider />
        <Typography component="h3" sx={{ fontWeight: 700, fontSize: 14 }}>
          {t('collections.dialog.payments')}
        </Typography>
        {payments && payments.length === 0 && (
          <Typography variant="body2" color="text.secondary">
            {t('collections.dialog.noPayments')}
          </Typography>
        )}
        {payments && payments.length > 0 && (
          <Box component="ul" aria-label={t('collections.dialog.payments')} sx={{ m: 0, p: 0 }}>
            {payments.map((payment) => (
              <Box
                component="li"
                key={payment.id}
                sx={{
                  listStyle: 'none',
                  display: 'flex',
                  gap: 2,
                  py: 0.5,
                  borderBottom: 1,
                  borderColor: 'divider',
                  fontSize: 13.5,
                }}
              >
                <Box sx={{ flexShrink: 0, color: 'text.secondary', whiteSpace: 'nowrap' }}>
                  {t('collections.dialog.paymentLine', {
                    date: format.isoDate(payment.receivedOn),
                  })}
                </Box>
                <Box sx={{ flex: 1, color: 'text.secondary', overflowWrap: 'anywhere' }}>
                  {payment.reference ?? ''}
                </Box>
                <Box sx={{ fontWeight: 600, fontVariantNumeric: 'tabular-nums' }}>
                  {format.money(payment.amount)}
                </Box>
              </Box>
            ))}
          </Box>
        )}
      </ReadOnlyFieldset>
      <ActivityList recordType="invoice" recordId={card.id} title={name} />
    </FormDialog>
  );
}
