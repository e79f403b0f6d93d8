import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { toCrmErrorData } from '../../shared/api';
import { crmErrorText } from '../i18n/error-text';
import { useCrm } from '../api/crm-context';
import { useNotify } from '../app/notifier';

/** Checks an activity off (or opens it again); the row is busy until the core answers. */
export function useCompleteActivity() {
  const { t } = useTranslation();
  const api = useCrm();
  const notify = useNotify();
  const [busy, setBusy] = useState<ReadonlySet<string>>(new Set());
  const complete = (id: string, done: boolean) => {
    setBusy((prev) => new Set(prev).add(id));
    api
      .invoke('activities/complete', { id, done })
      .catch((error: unknown) => notify(crmErrorText(t, toCrmErrorData(error)), 'error'))
      .finally(() =>
        setBusy((prev) => {
          const next = new Set(prev);
          next.delete(id);
          return next;
        }),
      );
  };
  return { complete, isBusy: (id: string) => busy.has(id) };
}
