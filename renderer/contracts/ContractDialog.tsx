import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import MenuItem from '@mui/material/MenuItem';
import TextField from '@mui/material/TextField';
import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { FieldIssue } from '../../shared/api';
import type { ContractCard } from '../../shared/api/contracting-contract';
import { useCrm } from '../api/crm-context';
import { useLiveQuery } from '../api/use-live-query';
import { useNotify } from '../app/notifier';
import { AccountDialog } from '../forms/AccountDialog';
import { AccountPicker } from '../forms/AccountPicker';
import { FormDialog } from '../forms/FormDialog';
import { FormTextField } from '../forms/FormTextField';
import { CURRENCIES } from '../forms/opportunity-form';
import { RecordPicker } from '../forms/RecordPicker';
import { useCommandForm } from '../forms/use-command-form';
import { useFormat } from '../i18n/format';
import {
  contractIssues,
  initialContractValues,
  isLocked,
  toContractArgs,
  type ContractValues,
} from './contract-form';
import { ContractSchedule } from './ContractSchedule';
import { HistoryAction } from '../history/HistoryAction';
import { ActivityList } from '../activities/ActivityList';
import { LineItemsEditor } from './LineItemsEditor';
import { PaymentPlanEditor } from './PaymentPlanEditor';
import { readOnlyText, useRecordAccess } from '../access/use-actor';
import { ReadOnlyFieldset } from '../forms/ReadOnlyFieldset';

const LABELLED = ['title', 'number', 'accountId', 'contactId', 'notes'] as const;

/** The text under one line-item or milestone cell, by what the cell holds. */
const CELL_TEXT: Record<string, string> = {
  description: 'contracts.dialog.descriptionRequired',
  quantity: 'contracts.dialog.quantityInvalid',
  unitPrice: 'contracts.dialog.priceInvalid',
  name: 'contracts.dialog.nameRequired',
  dueOn: 'contracts.dialog.dueOnRequired',
};

/**
 * Create or edit a contract: who it is with, what is sold (line items → amount) and how it will be
 * paid (payment plan). Once signed, the terms are read-only and the dialog shows what signing
 * made of them: the delivery and the invoice schedule.
 */
export function ContractDialog({ card, onClose }: { card?: ContractCard; onClose(): void }) {
  const { t } = useTranslation();
  const access = useRecordAccess('contracts', card);
  const readOnly = readOnlyText(t, access);
  const api = useCrm();
  const notify = useNotify();
  const format = useFormat();
  const locked = isLocked(card);
  const [touched, setTouched] = useState<ReadonlySet<string>>(new Set());
  const [tried, setTried] = useState(false);
  const [newAccount, setNewAccount] = useState<string | null>(null);
  const label = useCallback(
    (field: string) =>
      (LABELLED as readonly string[]).includes(field)
        ? t(`contracts.fields.${field as (typeof LABELLED)[number]}`)
        : undefined,
    [t],
  );
  const validate = useCallback(
    (values: ContractValues) => contractIssues(values, locked),
    [locked],
  );
  const form = useCommandForm<ContractValues>({
    initial: () => initialContractValues(card, format.language),
    validate,
    label,
    run: async (values) => {
      const { args } = toContractArgs(values);
      const terms = locked
        ? {}
        : { lineItems: args.lineItems, paymentPlan: args.paymentPlan, amount: args.amount };
      const common = {
        title: args.title,
        number: args.number,
        accountId: args.accountId,
        notes: args.notes,
        ...terms,
      };
      if (card) {
        await api.invoke('contracts/update', {
          id: card.id,
          patch: { ...common, contactId: args.contactId },
        });
        notify(t('contracts.dialog.saved', { title: args.title }));
      } else {
        await api.invoke('contracts/create', {
          ...common,
          ...(args.contactId ? { contactId: args.contactId } : {}),
        });
        notify(t('contracts.dialog.created', { title: args.title }));
      }
      onClose();
    },
  });
  const { values, set } = form;
  const accounts = useLiveQuery('accounts/list', {});
  const accountId = values.accountId?.id;
  const contacts = useLiveQuery('contacts/list', accountId ? { accountId } : {});

  // The stored contact's name arrives with the contact list.
  const storedContact = card?.contactId;
  useEffect(() => {
    if (!storedContact || values.contactId) return;
    const contact = contacts.data?.find((c) => c.id === storedContact);
    if (contact) set('contactId', { id: contact.id, name: contact.name });
  }, [storedContact, contacts.data, values.contactId, set]);

  const issues: FieldIssue[] = contractIssues(values, locked);
  const errorOf = (field: string): string | undefined => {
    if (!tried && !touched.has(field)) return undefined;
    const issue = issues.find((i) => i.field === field);
    if (!issue) return undefined;
    if (field === 'amount') return t('contracts.dialog.amountInvalid');
    const [list, , part = ''] = field.split('.');
    if (list === 'paymentPlan' && part === 'amount')
      return t('contracts.dialog.milestoneAmountInvalid');
    const key = CELL_TEXT[part];
    return key
      ? t(key as 'contracts.dialog.nameRequired')
      : t('validation.invalid', { label: field });
  };
  const touch = (field: string) => setTouched((prev) => new Set(prev).add(field));
  const onSubmit = (event: FormEvent) => {
    setTried(true);
    form.onSubmit(event);
  };

  return (
    <>
      <FormDialog
        open
        maxWidth="md"
        title={
          card
            ? t('contracts.dialog.editTitle', { title: card.title })
            : t('contracts.dialog.newTitle')
        }
        form={{ ...form, onSubmit }}
        submitLabel={card ? t('contracts.dialog.save') : t('contracts.dialog.create')}
        onClose={onClose}
        viewActions={
          card && <HistoryAction recordType="contract" recordId={card.id} title={card.title} />
        }
        readOnly={readOnly}
      >
        <ReadOnlyFieldset readOnly={readOnly !== undefined}>
          <Box sx={{ display: 'grid', gridTemplateColumns: { xs: '1fr', sm: '2fr 1fr' }, gap: 2 }}>
            <FormTextField
              form={form}
              field="title"
              idPrefix="contract"
              label={t('contracts.fields.title')}
              required
              autoFocus={!card}
            />
            <FormTextField
              form={form}
              field="number"
              idPrefix="contract"
              label={t('contracts.fields.number')}
            />
          </Box>
          <Box
            sx={{
              display: 'grid',
              gridTemplateColumns: { xs: '1fr', sm: '1fr 1fr 110px' },
              gap: 2,
            }}
          >
            <AccountPicker
              id="contract-accountId"
              label={t('contracts.fields.accountId')}
              required
              disabled={locked}
              value={values.accountId}
              options={accounts.data}
              onChange={(account) => {
                set('accountId', account);
                if (account?.id !== accountId) set('contactId', null);
              }}
              onBlur={() => form.touch('accountId')}
              onCreate={locked ? undefined : setNewAccount}
              error={form.errorFor('accountId')}
            />
            <RecordPicker
              id="contract-contactId"
              label={t('contracts.fields.contactId')}
              value={values.contactId}
              options={accountId ? contacts.data : []}
              disabled={!accountId}
              onChange={(contact) => set('contactId', contact)}
              onBlur={() => form.touch('contactId')}
              error={form.errorFor('contactId')}
              placeholder={t('placeholders.searchContact')}
            />
            <TextField
              id="contract-currency"
              select
              label={t('fields.opportunity.currency')}
              value={values.currency}
              disabled={locked}
              onChange={(e) => set('currency', e.target.value)}
            >
              {CURRENCIES.map((code) => (
                <MenuItem key={code} value={code} dense>
                  {code}
                </MenuItem>
              ))}
            </TextField>
          </Box>
          {locked && (
            <Alert severity="info" sx={{ py: 0 }}>
              {t('contracts.dialog.locked')}
            </Alert>
          )}
          <LineItemsEditor
            values={values}
            locked={locked}
            onChange={(lines) => set('lines', lines)}
            onAmountChange={(amount) => set('amount', amount)}
            errorOf={errorOf}
            onTouch={touch}
          />
          <PaymentPlanEditor
            values={values}
            locked={locked}
            onChange={(plan) => set('plan', plan)}
            errorOf={errorOf}
            onTouch={touch}
          />
          {card && locked && <ContractSchedule contractId={card.id} />}
          <FormTextField
            form={form}
            field="notes"
            idPrefix="contract"
            label={t('contracts.fields.notes')}
            multiline
            minRows={2}
          />
        </ReadOnlyFieldset>
        {card && <ActivityList recordType="contract" recordId={card.id} title={card.title} />}
      </FormDialog>
      {newAccount !== null && (
        <AccountDialog
          initialName={newAccount}
          onClose={() => setNewAccount(null)}
          onCreated={(account) => {
            set('accountId', { id: account.id, name: account.name });
            set('contactId', null);
          }}
        />
      )}
    </>
  );
}
