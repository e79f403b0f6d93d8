import Typography from '@mui/material/Typography';
import { useCallback, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { SyncUser } from '../../shared/sync/protocol';
import { useCrm } from '../api/crm-context';
import { useNotify } from '../app/notifier';
import { FormDialog } from '../forms/FormDialog';
import { useCommandForm, validateCommand } from '../forms/use-command-form';
import { PasswordField } from './PasswordField';

/**
 * A new password for a colleague who forgot theirs. The server signs them out everywhere, so the
 * dialog says so before the admin confirms. Mounted only while open: the password never lingers.
 */
export function ResetPasswordDialog({ user, onClose }: { user: SyncUser; onClose(): void }) {
  const { t } = useTranslation();
  const api = useCrm();
  const notify = useNotify();
  const label = useCallback(
    (field: string) => (field === 'password' ? t('sync.users.newPassword') : undefined),
    [t],
  );
  const validate = useMemo(
    () => (values: { password: string }) =>
      validateCommand('admin/users/resetPassword', { id: user.id, ...values }),
    [user.id],
  );
  const form = useCommandForm<{ password: string }>({
    initial: { password: '' },
    validate,
    label,
    run: async ({ password }) => {
      await api.invoke('admin/users/resetPassword', { id: user.id, password });
      notify(t('sync.users.resetDone', { name: user.name }));
      onClose();
    },
  });

  return (
    <FormDialog
      open
      title={t('sync.users.resetTitle', { name: user.name })}
      subtitle={
        <Typography variant="body2">{t('sync.users.resetIntro', { name: user.name })}</Typography>
      }
      form={form}
      submitLabel={form.busy ? t('sync.users.resetting') : t('sync.users.resetSubmit')}
      onClose={onClose}
      maxWidth="xs"
    >
      <PasswordField
        form={form}
        idPrefix="reset-password"
        label={t('sync.users.newPassword')}
        autoFocus
      />
    </FormDialog>
  );
}
