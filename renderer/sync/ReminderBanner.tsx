import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import CircularProgress from '@mui/material/CircularProgress';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCrm } from '../api/crm-context';
import { useSync } from './sync-context';
import { useSyncCommand } from './use-sync-command';

/**
 * The end-of-day reminder: once the reminder time has passed with changes still waiting, a
 * banner under the app bar says how many, with "Sync now" (or "Sign in"). It never blocks work;
 * "Later" hides it until the number of waiting changes grows.
 */
export function ReminderBanner() {
  const { t } = useTranslation();
  const api = useCrm();
  const sync = useSync();
  const { busy, run } = useSyncCommand();
  const [hiddenAt, setHiddenAt] = useState<number | null>(null);
  const { status } = sync;
  if (!status?.reminderDue || status.pendingChanges === 0) return null;
  if (hiddenAt !== null && status.pendingChanges <= hiddenAt) return null;
  const count = status.pendingChanges;
  const signedOut = status.state === 'signedOut';

  return (
    <Alert
      severity="warning"
      role="status"
      sx={{ borderRadius: 0, py: 0.25, alignItems: 'center' }}
      action={
        <>
          {signedOut ? (
            <Button color="inherit" size="small" variant="outlined" onClick={sync.openSignIn}>
              {t('sync.panel.signIn')}
            </Button>
          ) : (
            <Button
              color="inherit"
              size="small"
              variant="outlined"
              disabled={busy !== null}
              startIcon={busy ? <CircularProgress size={14} color="inherit" /> : undefined}
              onClick={() =>
                void run('now', () => api.invoke('sync/now', {}), t('sync.panel.syncDone'))
              }
            >
              {t('sync.panel.syncNow')}
            </Button>
          )}
          <Button color="inherit" size="small" onClick={() => setHiddenAt(count)} sx={{ ml: 1 }}>
            {t('sync.reminder.later')}
          </Button>
        </>
      }
    >
      {signedOut
        ? t('sync.reminder.bannerSignIn', { count })
        : t('sync.reminder.banner', { count })}
    </Alert>
  );
}
