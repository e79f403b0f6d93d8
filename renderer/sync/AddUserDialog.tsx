import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { commandSchemas } from '../../shared/api';
import { ROLES, type Role, type SyncUser } from '../../shared/sync/protocol';
import { useCrm } from '../api/crm-context';
import { useNotify } from '../app/notifier';
import { FormDialog } from '../forms/FormDialog';
import { FormTextField } from '../forms/FormTextField';
import { useCommandForm, validateCommand } from '../forms/use-command-form';
import { PasswordField } from './PasswordField';

const USER_FIELDS = ['username', 'name', 'role', 'password'] as const;
type UserField = (typeof USER_FIELDS)[number];
type NewUserValues = { username: string; name: string; role: Role; password: string };

const isUserField = (field: string): field is UserField =>
  (USER_FIELDS as readonly string[]).includes(field);

const validate = (values: NewUserValues) => validateCommand('admin/users/create', values);

/**
 * A new colleague's account: username, display name, role and the initial password. Field
 * problems show under their fields, from the command's schema before anything is sent and from
 * the server after (a username already taken). Mounted only while open: the password never lingers.
 */
export function AddUserDialog({
  onClose,
  onCreated,
}: {
  onClose(): void;
  onCreated(user: SyncUser): void;
}) {
  const { t } = useTranslation();
  const api = useCrm();
  const notify = useNotify();
  const label = useCallback(
    (field: string) => (isUserField(field) ? t(`sync.users.fields.${field}`) : undefined),
    [t],
  );
  const form = useCommandForm<NewUserValues>({
    initial: { username: '', name: '', role: 'rep', password: '' },
    validate,
    label,
    run: async (values) => {
      const user = await api.invoke(
        'admin/users/create',
        commandSchemas['admin/users/create'].parse(values),
      );
      notify(t('sync.users.created', { name: user.name, username: user.username }));
      onCreated(user);
    },
  });
  const roleError = form.errorFor('role');

  return (
    <FormDialog
      open
      title={t('sync.users.addTitle')}
      subtitle={<Typography variant="body2">{t('sync.users.addIntro')}</Typography>}
      form={form}
      submitLabel={form.busy ? t('sync.users.creating') : t('sync.users.create')}
      onClose={onClose}
      maxWidth="xs"
    >
      <FormTextField
        form={form}
        field="username"
        idPrefix="add-user"
        label={t('sync.users.fields.username')}
        hint={t('sync.users.usernameHint')}
        required
        autoFocus
        slotProps={{ htmlInput: { autoComplete: 'off', spellCheck: false } }}
      />
      <FormTextField
        form={form}
        field="name"
        idPrefix="add-user"
        label={t('sync.users.fields.name')}
        hint={t('sync.users.nameHint')}
        required
        slotProps={{ htmlInput: { autoComplete: 'off' } }}
      />
      {/* A native select: a plain labelled combobox, typed into and read out like any other. */}
      <TextField
        select
        id="add-user-role"
        name="role"
        label={t('sync.users.fields.role')}
        value={form.values.role}
        onChange={(e) => form.set('role', e.target.value as Role)}
        onBlur={() => form.touch('role')}
        error={Boolean(roleError)}
        helperText={roleError}
        required
        slotProps={{ select: { native: true } }}
      >
        {ROLES.map((role) => (
          <option key={role} value={role}>
            {t(`sync.roles.${role}`)}
          </option>
        ))}
      </TextField>
      <PasswordField form={form} idPrefix="add-user" label={t('sync.users.fields.password')} />
    </FormDialog>
  );
}
