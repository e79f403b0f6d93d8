import Button from '@mui/material/Button';
import Typography from '@mui/material/Typography';
import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { commandSchemas, toCrmErrorData, type FieldIssue } from '../../shared/api';
import { transportRefusal, type TransportPolicy } from '../../shared/security/transport';
import type { CertificateToTrust } from '../../shared/sync/types';
import { useCrm } from '../api/crm-context';
import { useNotify } from '../app/notifier';
import { FormDialog } from '../forms/FormDialog';
import { FormTextField } from '../forms/FormTextField';
import { useCommandForm, validateCommand } from '../forms/use-command-form';
import { CertificateCheck } from './CertificateCheck';
import { loadLastFirmCode, loadLastServer, saveLastFirmCode, saveLastServer } from './last-server';
import { useSync } from './sync-context';

const SIGN_IN_FIELDS = ['serverUrl', 'firmCode', 'username', 'password'] as const;
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

/** The certificate a refused sign-in asks the person to compare, if that was the reason. */
function certificateToCheck(error: unknown): CertificateToTrust | undefined {
  const data = toCrmErrorData(error);
  if (data.type !== 'SignInFailed') return undefined;
  const asks = data.reason === 'untrustedCertificate' || data.reason === 'certificateChanged';
  return asks ? data.certificate : undefined;
}

/**
 * Server address, firm code, username, password. The firm code says which firm's username is
 * meant (usernames are unique per firm); a server that serves one firm takes it empty. Field problems show under their fields (the very schema
 * the host checks with); a refused sign-in says why in words (wrong password, too many tries,
 * server unreachable, not a sync server). An https:// server seen for the first time, or with a
 * changed certificate, turns the dialog into its certificate step: the fingerprint to compare,
 * trusted only by a deliberate click. Mounted only while open: the password never lingers.
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
  const allowPlainHttp = useSync().status?.allowPlainHttp === true;
  const [certificate, setCertificate] = useState<CertificateToTrust | undefined>();
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
    initial: {
      serverUrl: initialServer,
      firmCode: firmCode ?? loadLastFirmCode(),
      username: '',
      password: '',
    },
    validate,
    label,
    run: async (values) => {
      const request = commandSchemas['sync/signIn'].parse({
        ...values,
        // What the person saw for the address they typed (editing it goes Back, which forgets it).
        ...(certificate ? { trustFingerprint: certificate.presented } : {}),
      });
      let account;
      try {
        account = await api.invoke('sync/signIn', request);
      } catch (error) {
        const toCheck = certificateToCheck(error);
        if (!toCheck) throw error;
        setCertificate(toCheck);
        return;
      }
      saveLastServer(request.serverUrl);
      saveLastFirmCode(account.firmCode ?? request.firmCode ?? '');
      notify(t('sync.signIn.signedIn', { name: account.name, org: account.orgName }));
      onClose();
    },
  });

  const changed = certificate?.pinned !== undefined;
  const back = () => {
    setCertificate(undefined);
    form.setFormError(undefined);
  };
  return (
    <FormDialog
      open
      title={
        certificate
          ? t(
              changed
                ? 'sync.signIn.certificate.changedTitle'
                : 'sync.signIn.certificate.firstTitle',
            )
          : t('sync.signIn.title')
      }
      subtitle={
        certificate ? undefined : <Typography variant="body2">{t('sync.signIn.intro')}</Typography>
      }
      form={form}
      submitLabel={
        form.busy
          ? t('sync.signIn.submitting')
          : certificate
            ? t(changed ? 'sync.signIn.certificate.retrust' : 'sync.signIn.certificate.trust')
            : t('sync.signIn.submit')
      }
      extraActions={
        certificate && (
          <Button onClick={back} disabled={form.busy}>
            {t('sync.signIn.certificate.back')}
          </Button>
        )
      }
      onClose={onClose}
      maxWidth={certificate ? 'sm' : 'xs'}
    >
      {certificate && <CertificateCheck certificate={certificate} />}
      {/* Kept mounted (hidden) during the certificate step: what was typed stays for the retry. */}
      <div style={{ display: certificate ? 'none' : 'contents' }}>
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
      </div>
    </FormDialog>
  );
}
