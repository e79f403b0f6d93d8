import Box from '@mui/material/Box';
import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AccountDuplicate } from '../../shared/api';
import type { Account } from '../../shared/domain';
import { useCrm } from '../api/crm-context';
import { useDialogs } from '../app/dialogs';
import { useNotify } from '../app/notifier';
import { ActivityList } from '../activities/ActivityList';
import { DuplicateAlert, type DuplicateItem } from '../merge/DuplicateAlert';
import { duplicateActions } from '../merge/duplicate-actions';
import { MergeDialog, type MergeRequest } from '../merge/MergeDialog';
import { MergeTrail } from '../merge/MergeTrail';
import { useDuplicateCheck } from '../merge/use-duplicate-check';
import { FormDialog } from './FormDialog';
import { FormTextField } from './FormTextField';
import { useCommandForm, validateCommand } from './use-command-form';
import { readOnlyText, useRecordAccess } from '../access/use-actor';
import { ReadOnlyFieldset } from './ReadOnlyFieldset';

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

/**
 * Mounted only while open, so every opening starts from a clean form (or the account as it is).
 * While the person types, accounts that look like the same company are listed, to open (or, when
 * creating one to pick, to use) or to merge; a merged account says where it went.
 */
export function AccountDialog({
  account,
  initialName = '',
  onClose,
  onCreated,
}: AccountDialogProps) {
  const { t } = useTranslation();
  const access = useRecordAccess('accounts', account);
  const readOnly = readOnlyText(t, access);
  const api = useCrm();
  const notify = useNotify();
  const dialogs = useDialogs();
  const [merge, setMerge] = useState<MergeRequest | null>(null);
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

  // A merged (archived) account is history: nothing to warn about any more.
  const duplicates = useDuplicateCheck(
    'accounts/findDuplicates',
    account?.archived
      ? {}
      : { name: form.values.name, phone: form.values.phone, excludeId: account?.id },
  );
  const items = duplicates.map((duplicate) => duplicateItem(duplicate));
  function duplicateItem({ record, matchedOn }: AccountDuplicate): DuplicateItem {
    const name = record.name;
    const target = { record, name };
    const mergeRequest: MergeRequest = account
      ? {
          mode: 'records',
          kind: 'account',
          source: { record: account, name: account.name },
          target,
        }
      : { mode: 'create', kind: 'account', target, values: form.values };
    return {
      key: record.id,
      name,
      reasons: matchedOn.map((m) => t(`merge.warning.matchedOn.${m}`)),
      actions: duplicateActions(t, name, {
        // Creating an account to pick it (from a picker): the existing one can simply be used.
        use: onCreated && !account ? () => (onCreated(record), onClose()) : undefined,
        open: () => dialogs.openAccount({ account: record }),
        merge: () => setMerge(mergeRequest),
      }),
    };
  }
  const merged = (target: Account) => {
    setMerge(null);
    if (account) return dialogs.openAccount({ account: target });
    onCreated?.(target);
    onClose();
  };

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
      readOnly={readOnly}
    >
      <ReadOnlyFieldset readOnly={readOnly !== undefined}>
        {account && <MergeTrail kind="account" record={account} />}
        {field('name', { required: true })}
        <Box sx={{ display: 'grid', gridTemplateColumns: '1fr 1fr', gap: 2 }}>
          {field('industry')}
          {field('phone', { type: 'tel' })}
        </Box>
        {field('website', { placeholder: t('placeholders.website') })}
        {field('address')}
        <DuplicateAlert
          title={t('merge.warning.accountTitle')}
          intro={t('merge.warning.accountIntro')}
          items={items}
        />
      </ReadOnlyFieldset>
      {account && <ActivityList recordType="account" recordId={account.id} title={account.name} />}
      {merge && (
        <MergeDialog
          request={merge}
          onClose={() => setMerge(null)}
          onMerged={(target) => merged(target as Account)}
        />
      )}
    </FormDialog>
  );
}
