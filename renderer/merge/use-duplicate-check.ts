import { useEffect, useState } from 'react';
import type { CommandArgs, CommandResult } from '../../shared/api';
import { useCrm } from '../api/crm-context';

/** How long typing must pause before the check runs: one look-up per pause, not per key. */
const PAUSE_MS = 350;

type CheckCommand = 'accounts/findDuplicates' | 'contacts/findDuplicates';

/** Drops blank values, so a half-filled form asks only about what was typed. */
function typedOnly<T extends object>(args: T): T {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(args)) {
    if (typeof value === 'string' ? value.trim() !== '' : value !== undefined) out[key] = value;
  }
  return out as T;
}

/**
 * Existing accounts or contacts that look like what is being typed (as use-duplicates.ts does for
 * leads). Advisory only: a failed or invalid check (a half-typed email) simply finds nothing.
 */
export function useDuplicateCheck<C extends CheckCommand>(
  command: C,
  args: CommandArgs<C>,
): CommandResult<C> | [] {
  const api = useCrm();
  const [found, setFound] = useState<CommandResult<C> | []>([]);
  // The arguments as one value: a new object each render must not re-run the check.
  const key = JSON.stringify(typedOnly(args));
  useEffect(() => {
    let current = true;
    const timer = setTimeout(() => {
      api
        .invoke(command, JSON.parse(key) as CommandArgs<C>)
        .then((records) => current && setFound(records))
        .catch(() => current && setFound([]));
    }, PAUSE_MS);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [api, command, key]);
  return found;
}
