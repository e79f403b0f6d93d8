import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Typography from '@mui/material/Typography';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { CertificateToTrust } from '../../shared/sync/types';

/** "AB:CD:…" in two lines of 16 pairs: easier to compare with a printed one, pair by pair. */
function fingerprintLines(fingerprint: string): string[] {
  const pairs = fingerprint.split(':');
  return [pairs.slice(0, 16).join(':'), pairs.slice(16).join(':')].filter((line) => line !== '');
}

function Fingerprint({ label, value }: { label: string; value: string }) {
  const id = useId();
  return (
    <Box>
      <Typography variant="subtitle2" component="div" id={id} sx={{ mb: 0.5 }}>
        {label}
      </Typography>
      <Box
        component="code"
        aria-labelledby={id}
        sx={{
          display: 'block',
          fontFamily: 'ui-monospace, "Cascadia Mono", "DejaVu Sans Mono", monospace',
          fontSize: 15,
          lineHeight: 1.7,
          px: 1.5,
          py: 1,
          borderRadius: 1,
          bgcolor: 'action.hover',
          wordBreak: 'break-all',
        }}
      >
        {fingerprintLines(value).map((line, index) => (
          // The halves of a fingerprint may be equal; their place is what tells them apart.
          <Box component="span" key={index === 0 ? 'first' : 'second'} sx={{ display: 'block' }}>
            {line}
          </Box>
        ))}
      </Box>
    </Box>
  );
}

/**
 * The sign-in dialog's certificate step (trust on first use). First sign-in: the fingerprint to
 * compare with the admin's. A changed certificate: a warning with the trusted and the presented
 * fingerprints, since it is either the admin's new certificate or someone in between.
 */
export function CertificateCheck({ certificate }: { certificate: CertificateToTrust }) {
  const { t } = useTranslation();
  const server = certificate.serverUrl;
  if (certificate.pinned === undefined) {
    return (
      <>
        <Alert severity="info">{t('sync.signIn.certificate.firstBody', { server })}</Alert>
        <Fingerprint
          label={t('sync.signIn.certificate.fingerprint')}
          value={certificate.presented}
        />
      </>
    );
  }
  return (
    <>
      <Alert severity="warning" role="alert">
        {t('sync.signIn.certificate.changedBody', { server })}
      </Alert>
      <Fingerprint label={t('sync.signIn.certificate.pinned')} value={certificate.pinned} />
      <Fingerprint label={t('sync.signIn.certificate.presented')} value={certificate.presented} />
    </>
  );
}
