import type { TFunction } from 'i18next';
import { boardToolsZhCN } from '../../shared/i18n/sections/boardTools';
import type { Formatters } from '../i18n/format';
import type { BoardFilter } from './board-filter';

type DateFieldKey = keyof typeof boardToolsZhCN.dateFields;

/** A date field's name; a board may offer a field this catalog does not know, shown by its key. */
export function dateFieldLabel(t: TFunction, key: string): string {
  return key in boardToolsZhCN.dateFields ? t(`boardTools.dateFields.${key as DateFieldKey}`) : key;
}

/** One active filter as a removable chip: its text and the filter without it. */
export interface FilterChip {
  key: string;
  label: string;
  without: BoardFilter;
}

/** The active filters, one chip each, in the order the filter form lists them. */
export function filterChips(t: TFunction, format: Formatters, filter: BoardFilter): FilterChip[] {
  const chips: FilterChip[] = [];
  const { owner, account, amountMin, amountMax, dateField, dateFrom, dateTo } = filter;
  if (owner.kind !== 'anyone') {
    const name = owner.kind === 'me' ? t('boardTools.ownerMe') : owner.ownerName;
    chips.push({
      key: 'owner',
      label: t('boardTools.chip.owner', { name }),
      without: { ...filter, owner: { kind: 'anyone' } },
    });
  }
  if (account) {
    const { account: _removed, ...without } = filter;
    chips.push({
      key: 'account',
      label: t('boardTools.chip.account', { name: account.name }),
      without,
    });
  }
  if (amountMin !== undefined || amountMax !== undefined) {
    const currency = filter.currency ?? 'CNY';
    const min = amountMin === undefined ? '' : format.money({ minor: amountMin, currency });
    const max = amountMax === undefined ? '' : format.money({ minor: amountMax, currency });
    const label =
      amountMin !== undefined && amountMax !== undefined
        ? t('boardTools.chip.amountRange', { min, max })
        : amountMin !== undefined
          ? t('boardTools.chip.amountMin', { min })
          : t('boardTools.chip.amountMax', { max });
    const { amountMin: _a, amountMax: _b, ...without } = filter;
    chips.push({ key: 'amount', label, without });
  }
  if (dateField !== undefined && (dateFrom !== undefined || dateTo !== undefined)) {
    const field = dateFieldLabel(t, dateField);
    const from = dateFrom === undefined ? '' : format.isoDate(dateFrom);
    const to = dateTo === undefined ? '' : format.isoDate(dateTo);
    const label =
      dateFrom !== undefined && dateTo !== undefined
        ? t('boardTools.chip.dateRange', { field, from, to })
        : dateFrom !== undefined
          ? t('boardTools.chip.dateFrom', { field, from })
          : t('boardTools.chip.dateTo', { field, to });
    const { dateFrom: _f, dateTo: _t, ...without } = filter;
    chips.push({ key: 'date', label, without });
  }
  return chips;
}
