import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { toCrmErrorData } from '../../shared/api';
import { useNotify } from '../app/notifier';
import { crmErrorText } from '../i18n/error-text';

/**
 * Runs one sync action at a time per surface: `busy` names the running one (so only its button
 * spins), success may say so, and a failure is worded by the same rules as every other error.
 */
export function useSyncCommand() {
  const { t } = useTranslation();
  const notify = useNotify();
  const [busy, setBusy] = useState<string | null>(null);
  const run = useCallback(
    async (key: string, action: () => Promise<unknown>, success?: string): Promise<boolean> => {
      setBusy(key);
      try {
        await action();
        if (success) notify(success);
        return true;
      } catch (error) {
        notify(crmErrorText(t, toCrmErrorData(error)), 'error');
        return false;
      } finally {
        setBusy(null);
      }
    },
    [notify, t],
  );
  return { busy, run };
}
