import Typography from '@mui/material/Typography';
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { commandSchemas } from '../../shared/api';
import { useCrm } from '../api/crm-context';
import { useNotify } from '../app/notifier';
import { FormDialog } from '../forms/FormDialog';
import { FormTextField } from '../forms/FormTextField';
import { useCommandForm, validateCommand } from '../forms/use-command-form';
import { loadLastFirmCode, loadLastServer, saveLastFirmCode, saveLastServer } from './last-server';

const SIGN_IN_FIELDS = ['serverUrl', 'firmCode', 'username', 'password'] as const;
type SignInField = (typeof SIGN_IN_FIELDS)[number];
type SignInValues = Record<SignInField, string>;

const isSignInField = (field: string): field is SignInField =>
  (SIGN_IN_FIELDS as readonly string[]).includes(field);

const validate = (values: SignInValues) => validateCommand('sync/signIn', values);

/**
 * Server address, firm code, username, password. The firm code says which firm's username is
 * meant (usernames are unique per firm); a server that serves one firm takes it empty. Field problems show under their fields (the very schema
 * the host checks with); a refused sign-in says why in words (wrong password, too many tries,
 * server unreachable, not a sync server). Mounted only while open: the password never lingers.
 */
export function SignInDialog({
  serverUrl,
  firmCode,
  onClose,
}: {
  serverUrl?: string;
  firmCode?: string;
  onClose(): void;
}) {
  const { t } = useTranslation();
  const api = useCrm();
  const notify = useNotify();
  const label = useCallback(
    (field: string) => (isSignInField(field) ? t(`sync.signIn.${field}`) : undefined),
    [t],
  );
  const initialServer = serverUrl ?? loadLastServer();
  const form = useCommandForm<SignInValues>({
    initial: {
      serverUrl: initialServer,
      firmCode: firmCode ?? loadLastFirmCode(),
      username: '',
      password: '',
    },
    validate,
    label,
    run: async (values) => {
      const request = commandSchemas['sync/signIn'].parse(values);
      const account = await api.invoke('sync/signIn', request);
      saveLastServer(request.serverUrl);
      saveLastFirmCode(account.firmCode ?? request.firmCode ?? '');
      notify(t('sync.signIn.signedIn', { name: account.name, org: account.orgName }));
      onClose();
    },
  });

  return (
    <FormDialog
      open
      title={t('sync.signIn.title')}
      subtitle={<Typography variant="body2">{t('sync.signIn.intro')}</Typography>}
      form={form}
      submitLabel={form.busy ? t('sync.signIn.submitting') : t('sync.signIn.submit')}
      onClose={onClose}
      maxWidth="xs"
    >
      <FormTextField
        form={form}
        field="serverUrl"
        idPrefix="sign-in"
        label={t('sync.signIn.serverUrl')}
        hint={t('sync.signIn.serverUrlHint')}
        type="url"
        required
        autoFocus={initialServer === ''}
        slotProps={{ htmlInput: { autoComplete: 'url', spellCheck: false } }}
      />
      <FormTextField
        form={form}
        field="firmCode"
        idPrefix="sign-in"
        label={t('sync.signIn.firmCode')}
        hint={t('sync.signIn.firmCodeHint')}
        slotProps={{
          htmlInput: {
            autoComplete: 'organization',
            spellCheck: false,
            autoCapitalize: 'characters',
          },
        }}
      />
      <FormTextField
        form={form}
        field="username"
        idPrefix="sign-in"
        label={t('sync.signIn.username')}
        required
        autoFocus={initialServer !== ''}
        slotProps={{ htmlInput: { autoComplete: 'username', spellCheck: false } }}
      />
      <FormTextField
        form={form}
        field="password"
        idPrefix="sign-in"
        label={t('sync.signIn.password')}
        type="password"
        required
        slotProps={{ htmlInput: { autoComplete: 'current-password' } }}
      />
    </FormDialog>
  );
}
