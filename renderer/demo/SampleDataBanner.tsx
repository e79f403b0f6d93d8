import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import LinearProgress from '@mui/material/LinearProgress';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CrmError, type CrmErrorData } from '../../shared/api';
import { useCrm } from '../api/crm-context';
import { useLiveQuery } from '../api/use-live-query';
import { useNotify } from '../app/notifier';
import { ConfirmDialog } from '../forms/ConfirmDialog';
import { crmErrorText } from '../i18n/error-text';
import { useSync } from '../sync/sync-context';
import { loadSampleData, sampleSizeOverride, type SampleLoadProgress } from './load-sample-data';

const DISMISSED_KEY = 'ltc.demo.offerDismissed';

function wasDismissed(): boolean {
  try {
    return globalThis.localStorage?.getItem(DISMISSED_KEY) === '1';
  } catch {
    return false;
  }
}

/**
 * Sample data, under the app bar on every board. On an empty database it offers to load a
 * simulated firm in the person's language (dismissible: an expert starting for real is not
 * nagged); while sample data is present it says so, calmly and persistently, with one way out.
 */
export function SampleDataBanner() {
  const { t, i18n } = useTranslation();
  const api = useCrm();
  const notify = useNotify();
  const { data: status } = useLiveQuery('demo/status', {});
  const [busy, setBusy] = useState<'load' | 'remove' | null>(null);
  const [progress, setProgress] = useState<SampleLoadProgress>({
    phase: 'simulating',
    fraction: 0,
  });
  const [confirming, setConfirming] = useState(false);
  const [dismissed, setDismissed] = useState(wasDismissed);
  // Someone signed in to their firm's server works with the firm's records: an empty board there
  // means nothing of theirs yet (or nothing they may see), not a newcomer wanting a demo firm.
  const signedIn = Boolean(useSync().status?.account);

  const fail = (error: unknown) => {
    const data: CrmErrorData =
      error instanceof CrmError ? error.data : { type: 'InternalError', message: String(error) };
    const notEmpty = data.type === 'ValidationError' && data.fields[0]?.field === 'database';
    notify(notEmpty ? t('demo.notEmpty') : crmErrorText(t, data), 'error');
  };

  const load = async () => {
    setBusy('load');
    setProgress({ phase: 'simulating', fraction: 0 });
    try {
      await loadSampleData(api, i18n.language === 'en' ? 'en' : 'zh-CN', {
        ...sampleSizeOverride(),
        onProgress: setProgress,
      });
      notify(t('demo.loaded'));
    } catch (error) {
      fail(error);
    } finally {
      setBusy(null);
    }
  };

  const remove = async () => {
    setBusy('remove');
    try {
      await api.invoke('demo/remove', {});
      notify(t('demo.removed'));
      setConfirming(false);
    } catch (error) {
      fail(error);
    } finally {
      setBusy(null);
    }
  };

  if (busy === 'load') return <LoadingSampleData progress={progress} />;
  if (!status) return null;

  if (status.present) {
    return (
      <>
        <Alert
          severity="info"
          role="status"
          sx={{ borderRadius: 0, py: 0.25, alignItems: 'center' }}
          action={
            <Button
              color="inherit"
              size="small"
              variant="outlined"
              onClick={() => setConfirming(true)}
            >
              {t('demo.remove')}
            </Button>
          }
        >
          {t('demo.present', status.counts)}
        </Alert>
        <ConfirmDialog
          open={confirming}
          title={t('demo.removeTitle')}
          body={t('demo.removeBody')}
          confirmLabel={t('demo.remove')}
          busy={busy === 'remove'}
          onConfirm={() => void remove()}
          onClose={() => setConfirming(false)}
        />
      </>
    );
  }

  if (status.hasRealRecords || dismissed || signedIn) return null;
  const dismiss = () => {
    setDismissed(true);
    try {
      globalThis.localStorage?.setItem(DISMISSED_KEY, '1');
    } catch {
      // Private mode without storage: the offer just comes back next time.
    }
  };
  return (
    <Alert
      severity="success"
      icon={false}
      sx={{ borderRadius: 0, py: 0.25, alignItems: 'center' }}
      action={
        <>
          <Button
            color="primary"
            size="small"
            variant="contained"
            disableElevation
            sx={{ whiteSpace: 'nowrap' }}
            onClick={() => void load()}
          >
            {t('demo.load')}
          </Button>
          <Button
            color="inherit"
            size="small"
            onClick={dismiss}
            sx={{ ml: 1, whiteSpace: 'nowrap' }}
          >
            {t('demo.dismiss')}
          </Button>
        </>
      }
    >
      <Box component="span" sx={{ fontWeight: 600 }}>
        {t('demo.offer')}
      </Box>{' '}
      <Box component="span" sx={{ color: 'text.secondary' }}>
        {t('demo.offerFirm')}
      </Box>
    </Alert>
  );
}

/**
 * The banner while the sample firm loads: what is happening in words (simulating, then "batch 3
 * of 12") and a bar under it, so a 10× firm that takes half a minute visibly moves.
 */
function LoadingSampleData({ progress }: { progress: SampleLoadProgress }) {
  const { t } = useTranslation();
  const storing = progress.phase === 'storing';
  const label = storing ? t('demo.storing', progress) : t('demo.loading');
  const percent = storing
    ? (100 * progress.done) / Math.max(1, progress.total)
    : 100 * progress.fraction;
  return (
    // The alert's own info icon, not a spinner: one progress bar per status, whose value is read out.
    <Alert
      severity="info"
      sx={{ borderRadius: 0, py: 0.25, '& .MuiAlert-message': { flexGrow: 1 } }}
      role="status"
    >
      {label}
      <LinearProgress
        variant="determinate"
        value={Math.round(percent)}
        aria-label={label}
        sx={{ mt: 0.75, maxWidth: 480 }}
      />
    </Alert>
  );
}
