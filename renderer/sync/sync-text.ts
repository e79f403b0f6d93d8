import type { i18n as I18n, TFunction } from 'i18next';
import type { Money } from '../../shared/domain';
import type { SyncStatus } from '../../shared/sync/types';
import { stageName } from '../i18n/error-text';
import type { Formatters } from '../i18n/format';

/**
 * A message looked up by a key made at run time (a collection or field name from the sync log),
 * or undefined when the catalog has no such key. The typed `t` only takes literal keys.
 */
function dynamicText(i18n: I18n, key: string): string | undefined {
  return i18n.exists(key) ? (i18n.t as (k: string) => string)(key) : undefined;
}

/** The time of the last sync: "14:05" today, "9月30日 14:05" on another day. */
export function syncedTime(language: string, at: number, now: number): string {
  const then = new Date(at);
  const sameDay = then.toDateString() === new Date(now).toDateString();
  const options: Intl.DateTimeFormatOptions = sameDay
    ? { hour: '2-digit', minute: '2-digit' }
    : { month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit' };
  return new Intl.DateTimeFormat(language, options).format(then);
}

/** The words the app bar shows for a status: offline / syncing / synced at HH:MM / sign in. */
export function stateText(t: TFunction, status: SyncStatus, language: string, now: number): string {
  switch (status.state) {
    case 'signedOut':
      return t('sync.control.signIn');
    case 'offline':
      return t('sync.control.offline');
    case 'syncing':
      return t('sync.control.syncing');
    case 'error':
      return t('sync.control.error');
    case 'synced':
      return status.lastSyncedAt === undefined
        ? t('sync.control.notYetSynced')
        : t('sync.control.syncedAt', { time: syncedTime(language, status.lastSyncedAt, now) });
  }
}

/** Everything the control says, as one sentence for its accessible name and tooltip. */
export function statusSummary(
  t: TFunction,
  status: SyncStatus,
  language: string,
  now: number,
): string {
  const parts = [stateText(t, status, language, now)];
  if (status.pendingChanges > 0)
    parts.push(t('sync.control.pending', { count: status.pendingChanges }));
  if (status.problems > 0) parts.push(t('sync.control.problems', { count: status.problems }));
  if (status.conflicts > 0) parts.push(t('sync.control.conflicts', { count: status.conflicts }));
  return parts.join(t('errors.listSeparator'));
}

/** "商机" for "opportunities"; the collection's own name when the catalog has none. */
export function collectionName(i18n: I18n, collection: string): string {
  return dynamicText(i18n, `sync.collections.${collection}`) ?? collection;
}

/** The record dialogs' own field labels where a dialog exists, else the sync catalog's. */
const DIALOG_FIELDS: Record<string, string> = {
  opportunities: 'fields.opportunity',
  accounts: 'fields.account',
  contacts: 'fields.contact',
};

export function fieldLabel(i18n: I18n, collection: string, field: string): string {
  const dialog = DIALOG_FIELDS[collection];
  return (
    (dialog ? dynamicText(i18n, `${dialog}.${field}`) : undefined) ??
    dynamicText(i18n, `sync.fields.${field}`) ??
    field
  );
}

function isMoney(value: unknown): value is Money {
  if (typeof value !== 'object' || value === null) return false;
  const { minor, currency } = value as Record<string, unknown>;
  return typeof minor === 'number' && typeof currency === 'string';
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

export interface ValueContext {
  t: TFunction;
  format: Formatters;
  /** Names of accounts and contacts by id, so a reference reads as the name it points to. */
  names: ReadonlyMap<string, string>;
}

/**
 * A field's value as a person reads it: money in its currency, dates and times in the UI's
 * language, stages by their names, references by the record's name.
 */
export function formatValue(
  ctx: ValueContext,
  collection: string,
  field: string,
  value: unknown,
): string {
  const { t, format } = ctx;
  if (value === undefined || value === null || value === '') return t('sync.conflicts.emptyValue');
  if (typeof value === 'boolean') return value ? t('sync.conflicts.yes') : t('sync.conflicts.no');
  if (isMoney(value)) return format.money(value);
  if (field === 'stage') {
    // A stage conflict carries the stage, or the group of fields that move with it.
    const stage = typeof value === 'object' ? (value as { stage?: unknown }).stage : value;
    if (typeof stage === 'string')
      return collection === 'opportunities' ? stageName(t, stage) : stage;
  }
  if (typeof value === 'string') {
    if (field === 'accountId' || field === 'contactId') return ctx.names.get(value) ?? value;
    return ISO_DATE.test(value) ? format.isoDate(value) : value;
  }
  if (typeof value === 'number') {
    if (field === 'probability') return `${value}%`;
    if (field.endsWith('At')) return format.dateTime(value);
    return new Intl.NumberFormat(format.language).format(value);
  }
  return JSON.stringify(value);
}
