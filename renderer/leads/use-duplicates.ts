import { useEffect, useState } from 'react';
import type { DuplicateRecord } from '../../shared/api';
import { useCrm } from '../api/crm-context';

/** How long typing must pause before the check runs: one look-up per pause, not per key. */
const PAUSE_MS = 350;

/**
 * Existing leads, accounts and contacts that look like what is being typed. Advisory only: a
 * failed or invalid check (a half-typed email) simply finds nothing.
 */
export function useDuplicates(
  probe: { company: string; phone: string; email: string },
  excludeId?: string,
): DuplicateRecord[] {
  const api = useCrm();
  const [found, setFound] = useState<DuplicateRecord[]>([]);
  const { company, phone, email } = probe;
  useEffect(() => {
    let current = true;
    const timer = setTimeout(() => {
      const args = {
        ...(company.trim() ? { company } : {}),
        ...(phone.trim() ? { phone } : {}),
        ...(email.trim() ? { email } : {}),
        ...(excludeId ? { excludeId } : {}),
      };
      api
        .invoke('leads/findDuplicates', args)
        .then((records) => current && setFound(records))
        .catch(() => current && setFound([]));
    }, PAUSE_MS);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [api, company, phone, email, excludeId]);
  return found;
}
