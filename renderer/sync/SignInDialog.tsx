import Typography from '@mui/material/Typography';
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { commandSchemas, type FieldIssue } from '../../shared/api';
import { transportRefusal, type TransportPolicy } from '../../shared/security/transport';
import { useCrm } from '../api/crm-context';
import { useNotify } from '../app/notifier';
import { FormDialog } from '../forms/FormDialog';
import { FormTextField } from '../forms/FormTextField';
import { useCommandForm, validateCommand } from '../forms/use-command-form';
import { loadLastServer, saveLastServer } from './last-server';
import { useSync } from './sync-context';

const SIGN_IN_FIELDS = ['serverUrl', 'username', 'password'] as const;
type SignInField = (typeof SIGN_IN_FIELDS)[number];
type SignInValues = Record<SignInField, string>;

const isSignInField = (field: string): field is SignInField =>
  (SIGN_IN_FIELDS as readonly string[]).includes(field);

/**
 * The command's own checks, then the transport rule: plain http:// to another computer is named
 * under the address before anything is offered to connect.
 */
function validateSignIn(values: SignInValues, policy: TransportPolicy): FieldIssue[] {
  const issues = validateCommand('sync/signIn', values);
  if (issues.some((issue) => issue.field === 'serverUrl')) return issues;
  return transportRefusal(values.serverUrl, policy)
    ? [...issues, { field: 'serverUrl', code: 'insecure' }]
    : issues;
}

/**
 * Server address, username, password. Field problems show under their fields (the very schema
 * the host checks with); a refused sign-in says why in words (wrong password, too many tries,
 * server unreachable, not a sync server). Mounted only while open: the password never lingers.
 */
export function SignInDialog({ serverUrl, onClose }: { serverUrl?: string; onClose(): void }) {
  const { t } = useTranslation();
  const api = useCrm();
  const notify = useNotify();
  const allowPlainHttp = useSync().status?.allowPlainHttp === true;
  const validate = useCallback(
    (values: SignInValues) => validateSignIn(values, { allowPlainHttp }),
    [allowPlainHttp],
  );
  const label = useCallback(
    (field: string) => (isSignInField(field) ? t(`sync.signIn.${field}`) : undefined),
    [t],
  );
  const initialServer = serverUrl ?? loadLastServer();
  const form = useCommandForm<SignInValues>({
    initial: { serverUrl: initialServer, username: '', password: '' },
    validate,
    label,
    run: async (values) => {
      const request = commandSchemas['sync/signIn'].parse(values);
      const account = await api.invoke('sync/signIn', request);
      saveLastServer(request.serverUrl);
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
