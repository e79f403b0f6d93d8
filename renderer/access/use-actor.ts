import type { TFunction } from 'i18next';
import { useMemo } from 'react';
import type { Actor } from '../../shared/rules/actor';
import { recordAccess, type RecordAccess } from '../../shared/rules/access';
import type { Doc } from '../../shared/rules/catalog';
import { useCurrentUserId } from '../api/crm-context';
import { useSync } from '../sync/sync-context';

/**
 * Who is using the app, as the rulebook (shared/rules) sees them: the signed-in person with the
 * role the sync server gave them, or, signed out, the device's one person (a firm of one, who may
 * do everything, as the core lets them).
 */
export function useActor(): Actor {
  const account = useSync().status?.account;
  const currentUserId = useCurrentUserId();
  const { userId, name, role } = account ?? {};
  return useMemo(
    () =>
      userId && name !== undefined && role
        ? { id: userId, name, role }
        : { id: currentUserId ?? '', name: '' },
    [userId, name, role, currentUserId],
  );
}

/**
 * What this person may do with a record, asked of the same rulebook the core and the sync
 * server run: the screens offer only what would be accepted. A record not yet made is the
 * person's own.
 */
export function useRecordAccess(collection: string, record: object | undefined): RecordAccess {
  const actor = useActor();
  return useMemo(
    () =>
      recordAccess(
        actor,
        collection,
        (record as Doc | undefined) ?? { ownerId: actor.id, ownerName: actor.name },
      ),
    [actor, collection, record],
  );
}

/** The sentence a read-only dialog shows, or undefined when the person may change the record. */
export function readOnlyText(t: TFunction, access: RecordAccess): string | undefined {
  if (access.canEdit) return undefined;
  return access.readOnlyReason === 'configureOnly'
    ? t('rules.readOnly.configureOnly')
    : t('rules.readOnly.notOwner', { owner: access.ownerName ?? '' });
}
