import Box from '@mui/material/Box';
import { ActivityList } from '../activities/ActivityList';
import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { commandSchemas, type ContactDuplicate } from '../../shared/api';
import type { Contact } from '../../shared/domain';
import { useCrm } from '../api/crm-context';
import { useLiveQuery } from '../api/use-live-query';
import { useDialogs } from '../app/dialogs';
import { useNotify } from '../app/notifier';
import { DuplicateAlert, type DuplicateItem } from '../merge/DuplicateAlert';
import { duplicateActions } from '../merge/duplicate-actions';
import { MergeDialog, type MergeRequest } from '../merge/MergeDialog';
import { MergeTrail } from '../merge/MergeTrail';
import { useDuplicateCheck } from '../merge/use-duplicate-check';
import { AccountDialog } from './AccountDialog';
import { FormDialog } from './FormDialog';
import { FormTextField } from './FormTextField';
import { AccountPicker } from './AccountPicker';
import type { Named } from './RecordPicker';
import { useCommandForm, validateCommand } from './use-command-form';
import { readOnlyText, useRecordAccess } from '../access/use-actor';
import { ReadOnlyFieldset } from './ReadOnlyFieldset';

const CONTACT_FIELDS = ['accountId', 'name', 'title', 'phone', 'email'] as const;
type ContactField = (typeof CONTACT_FIELDS)[number];

interface ContactValues {
  accountId: Named | null;
  name: string;
  title: string;
  phone: string;
  email: string;
}

const isContactField = (field: string): field is ContactField =>
  (CONTACT_FIELDS as readonly string[]).includes(field);

function toArgs({ accountId, ...rest }: ContactValues) {
  return { ...rest, accountId: accountId?.id };
}

const validate = (values: ContactValues) => validateCommand('contacts/create', toArgs(values));

interface ContactDialogProps {
  /** The contact to edit; without one the dialog creates a contact. */
  contact?: Contact;
  initialAccount?: Named | null;
  initialName?: string;
  onClose(): void;
  onCreated?(contact: Contact): void;
}

/**
 * Mounted only while open, so every opening starts from a clean form. While the person types,
 * contacts with the same phone or email, or the same name at the same account, are listed to
 * open (or use) or merge; a merged contact says where it went.
 */
export function ContactDialog({
  contact,
  initialAccount = null,
  initialName = '',
  onClose,
  onCreated,
}: ContactDialogProps) {
  const { t } = useTranslation();
  const access = useRecordAccess('contacts', contact);
  const readOnly = readOnlyText(t, access);
  const api = useCrm();
  const notify = useNotify();
  const accounts = useLiveQuery('accounts/list', {});
  const [newAccountName, setNewAccountName] = useState<string | null>(null);
  const dialogs = useDialogs();
  const [merge, setMerge] = useState<MergeRequest | null>(null);
  const label = useCallback(
    (field: string) => (isContactField(field) ? t(`fields.contact.${field}`) : undefined),
    [t],
  );
  const form = useCommandForm<ContactValues>({
    initial: contact
      ? {
          // The picker shows the name once the accounts are loaded (accountShown below).
          accountId: { id: contact.accountId, name: '' },
          name: contact.name,
          title: contact.title ?? '',
          phone: contact.phone ?? '',
          email: contact.email ?? '',
        }
      : { accountId: initialAccount, name: initialName, title: '', phone: '', email: '' },
    validate,
    label,
    run: async (values) => {
      const fields = commandSchemas['contacts/create'].parse(toArgs(values));
      if (contact) {
        const saved = await api.invoke('contacts/update', { id: contact.id, patch: fields });
        notify(t('contactDialog.saved', { name: saved.name }));
        return onClose();
      }
      const created = await api.invoke('contacts/create', fields);
      notify(t('contactDialog.created', { name: created.name }));
      onCreated?.(created);
      onClose();
    },
  });

  const { values } = form;
  const duplicates = useDuplicateCheck(
    'contacts/findDuplicates',
    contact?.archived
      ? {}
      : {
          accountId: values.accountId?.id,
          name: values.name,
          phone: values.phone,
          email: values.email,
          excludeId: contact?.id,
        },
  );
  const items = duplicates.map((duplicate) => duplicateItem(duplicate));
  function duplicateItem({ record, accountName, matchedOn }: ContactDuplicate): DuplicateItem {
    const name = t('merge.warning.contactOf', { name: record.name, account: accountName });
    const target = { record, name: record.name };
    const mergeRequest: MergeRequest = contact
      ? {
          mode: 'records',
          kind: 'contact',
          source: { record: contact, name: contact.name },
          target,
        }
      : {
          mode: 'create',
          kind: 'contact',
          target,
          values: { title: values.title, phone: values.phone, email: values.email },
        };
    const actions = duplicateActions(t, name, {
      use: onCreated && !contact ? () => (onCreated(record), onClose()) : undefined,
      open: () => dialogs.openContact({ contact: record }),
      // Contacts of two accounts cannot become one (their deals would point across firms); what
      // was typed can still fill the other's blanks.
      merge:
        !contact || contact.accountId === record.accountId
          ? () => setMerge(mergeRequest)
          : undefined,
    });
    return {
      key: record.id,
      name,
      reasons: matchedOn.map((m) =>
        t(`merge.warning.matchedOn.${m === 'name' ? 'personName' : m}`),
      ),
      actions,
    };
  }
  const merged = (target: Contact) => {
    setMerge(null);
    if (contact) return dialogs.openContact({ contact: target });
    onCreated?.(target);
    onClose();
  };

  const chosen = form.values.accountId;
  const accountShown =
    chosen && !chosen.name ? (accounts.data?.find((a) => a.id === chosen.id) ?? chosen) : chosen;

  const text = (
    name: Exclude<ContactField, 'accountId'>,
    extra: { required?: boolean; type?: string } = {},
  ) => (
    <FormTextField
      form={form}
      field={name}
      idPrefix="contact"
      label={t(`fields.contact.${name}`)}
      autoFocus={name === 'name' && (initialAccount !== null || contact !== undefined)}
      {...extra}
    />
  );

  return (
    <FormDialog
      open
      title={contact ? t('contactDialog.editTitle') : t('contactDialog.title')}
      form={form}
      submitLabel={contact ? t('actions.save') : t('actions.create')}
      onClose={onClose}
      readOnly={readOnly}
    >
      <ReadOnlyFieldset readOnly={readOnly !== undefined}>
        {contact && <MergeTrail kind="contact" record={contact} />}
        <AccountPicker
          id="contact-accountId"
          label={t('fields.contact.accountId')}
          required
          value={accountShown}
          options={accounts.data}
          onChange={(account) => form.set('accountId', account)}
          onBlur={() => form.touch('accountId')}
          onCreate={(name) => setNewAccountName(name)}
          error={form.errorFor('accountId')}
          autoFocus={initialAccount === null && contact === undefined}
        />
        {text('name', { required: true })}
        <Box sx={{ display: 'grid', gridTemplateColumns: '1fr 1fr', gap: 2 }}>
          {text('title')}
          {text('phone', { type: 'tel' })}
        </Box>
        {text('email', { type: 'email' })}
        <DuplicateAlert
          title={t('merge.warning.contactTitle')}
          intro={t('merge.warning.contactIntro')}
          items={items}
        />
        {merge && (
          <MergeDialog
            request={merge}
            onClose={() => setMerge(null)}
            onMerged={(target) => merged(target as Contact)}
          />
        )}
      </ReadOnlyFieldset>
      {contact && <ActivityList recordType="contact" recordId={contact.id} title={contact.name} />}
      {newAccountName !== null && (
        <AccountDialog
          initialName={newAccountName}
          onClose={() => setNewAccountName(null)}
          onCreated={(account) => form.set('accountId', { id: account.id, name: account.name })}
        />
      )}
    </FormDialog>
  );
}
