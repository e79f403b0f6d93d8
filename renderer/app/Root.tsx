import Alert from '@mui/material/Alert';
import AlertTitle from '@mui/material/AlertTitle';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import CircularProgress from '@mui/material/CircularProgress';
import Typography from '@mui/material/Typography';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CrmSession } from '../api/crm-context';
import { App } from './App';

/**
 * Waits for the core connection made once at startup (outside React, so StrictMode's double
 * effects never open the database twice) and says plainly if it cannot be made.
 */
export function Root({ connection }: { connection: Promise<CrmSession> }) {
  const { t } = useTranslation();
  const [session, setSession] = useState<CrmSession | null>(null);
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    let live = true;
    connection.then(
      (s) => live && setSession(s),
      (error: unknown) => {
        console.error('[ltc] could not open the core', error);
        if (live) setFailed(true);
      },
    );
    return () => {
      live = false;
    };
  }, [connection]);

  if (session) return <App session={session} />;
  return (
    <Box sx={{ height: '100vh', display: 'grid', placeItems: 'center', p: 3 }}>
      {failed ? (
        <Alert
          severity="error"
          sx={{ maxWidth: 520 }}
          action={
            <Button color="inherit" onClick={() => window.location.reload()}>
              {t('app.reload')}
            </Button>
          }
        >
          <AlertTitle>{t('app.openFailed')}</AlertTitle>
          {t('app.openFailedHint')}
        </Alert>
      ) : (
        <Box
          role="status"
          sx={{ display: 'flex', alignItems: 'center', gap: 1.5, color: 'text.secondary' }}
        >
          <CircularProgress size={20} />
          <Typography>{t('app.opening')}</Typography>
        </Box>
      )}
    </Box>
  );
}
