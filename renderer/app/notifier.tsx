import Alert, { type AlertColor } from '@mui/material/Alert';
import Portal from '@mui/material/Portal';
import Snackbar from '@mui/material/Snackbar';
import { createContext, useCallback, useContext, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

type Notify = (message: string, severity?: AlertColor) => void;

const NotifyContext = createContext<Notify>(() => undefined);

interface Notice {
  key: number;
  message: string;
  severity: AlertColor;
}

/**
 * Short confirmations ("moved to Proposal") and errors that belong to no field. The snackbar is a
 * polite live region, so screen readers hear it without losing focus.
 */
export function NotifierProvider({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  const [notice, setNotice] = useState<Notice | null>(null);
  const notify = useCallback<Notify>((message, severity = 'success') => {
    setNotice({ key: Date.now(), message, severity });
  }, []);
  const close = () => setNotice(null);
  return (
    <NotifyContext.Provider value={notify}>
      {children}
      {/* In a portal of its own: an open dialog or drawer hides #root from screen readers
          (aria-hidden), and a notice inside it would never be announced. */}
      <Portal>
        <Snackbar
          key={notice?.key}
          open={notice !== null}
          autoHideDuration={notice?.severity === 'error' ? 8000 : 3500}
          onClose={(_event, reason) => reason !== 'clickaway' && close()}
          anchorOrigin={{ vertical: 'bottom', horizontal: 'center' }}
        >
          <Alert
            severity={notice?.severity ?? 'success'}
            variant="filled"
            onClose={close}
            closeText={t('actions.close')}
            sx={{ minWidth: 280, boxShadow: 3 }}
          >
            {notice?.message}
          </Alert>
        </Snackbar>
      </Portal>
    </NotifyContext.Provider>
  );
}

export function useNotify(): Notify {
  return useContext(NotifyContext);
}
