import Box from '@mui/material/Box';
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import type { Account } from '../../shared/domain';
import { useCrm } from '../api/crm-context';
import { useNotify } from '../app/notifier';
import { ActivityList } from '../activities/ActivityList';
import { FormDialog } from './FormDialog';
import { FormTextField } from './FormTextField';
import { useCommandForm, validateCommand } from './use-command-form';

const ACCOUNT_FIELDS = ['name', 'industry', 'phone', 'website', 'address'] as const;
type AccountField = (typeof ACCOUNT_FIELDS)[number];
type AccountValues = Record<AccountField, string>;

const isAccountField = (field: string): field is AccountField =>
  (ACCOUNT_FIELDS as readonly string[]).includes(field);

const validate = (values: AccountValues) => validateCommand('accounts/create', values);

interface AccountDialogProps {
  /** The account to edit; without one the dialog creates an account. */
  account?: Account;
  initialName?: string;
  onClose(): void;
  onCreated?(account: Account): void;
}

/** Mounted only while open, so every opening starts from a clean form (or the account as it is). */
export function AccountDialog({
  account,
  initialName = '',
  onClose,
  onCreated,
}: AccountDialogProps) {
  const { t } = useTranslation();
  const api = useCrm();
  const notify = useNotify();
  const label = useCallback(
    (field: string) => (isAccountField(field) ? t(`fields.account.${field}`) : undefined),
    [t],
  );
  const form = useCommandForm<AccountValues>({
    initial: {
      name: account?.name ?? initialName,
      industry: account?.industry ?? '',
      phone: account?.phone ?? '',
      website: account?.website ?? '',
      address: account?.address ?? '',
    },
    validate,
    label,
    run: async (values) => {
      if (account) {
        const saved = await api.invoke('accounts/update', { id: account.id, patch: values });
        notify(t('accountDialog.saved', { name: saved.name }));
        return onClose();
      }
      const created = await api.invoke('accounts/create', values);
      notify(t('accountDialog.created', { name: created.name }));
      onCreated?.(created);
      onClose();
    },
  });

  const field = (
    name: AccountField,
    extra: { required?: boolean; type?: string; placeholder?: string } = {},
  ) => (
    <FormTextField
      form={form}
      field={name}
      idPrefix="account"
      label={t(`fields.account.${name}`)}
      autoFocus={name === 'name'}
      {...extra}
    />
  );

  return (
    <FormDialog
      open
      title={account ? t('accountDialog.editTitle') : t('accountDialog.title')}
      form={form}
      submitLabel={account ? t('actions.save') : t('actions.create')}
      onClose={onClose}
    >
      {field('name', { required: true })}
      <Box sx={{ display: 'grid', gridTemplateColumns: '1fr 1fr', gap: 2 }}>
        {field('industry')}
        {field('phone', { type: 'tel' })}
      </Box>
      {field('website', { placeholder: t('placeholders.website') })}
      {field('address')}
      {account && <ActivityList recordType="account" recordId={account.id} title={account.name} />}
    </FormDialog>
  );
}
