import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useLiveQuery } from '../api/use-live-query';
import { RecordPicker } from '../forms/RecordPicker';
import type { AboutOption } from './activity-form';

interface AboutPickerProps {
  value: AboutOption | null;
  onChange(value: AboutOption | null): void;
  onBlur(): void;
  error?: string;
}

/**
 * The record a new activity is about, when the dialog was not opened on one (My day): the rep's
 * open deals first, then accounts. Each option says what it is, as both can share a name.
 */
export function AboutPicker({ value, onChange, onBlur, error }: AboutPickerProps) {
  const { t } = useTranslation();
  const accounts = useLiveQuery('accounts/list', {});
  const board = useLiveQuery('board/opportunities', {});
  const options = useMemo<AboutOption[] | undefined>(() => {
    if (!accounts.data || !board.data) return undefined;
    const deals = board.data.columns.flatMap((column) => column.cards);
    return [
      ...deals.map((card) => ({
        id: card.id,
        type: 'opportunity' as const,
        name: `${t('activities.recordTypes.opportunity')} · ${card.title}`,
      })),
      ...accounts.data.map((account) => ({
        id: account.id,
        type: 'account' as const,
        name: `${t('activities.recordTypes.account')} · ${account.name}`,
      })),
    ];
  }, [accounts.data, board.data, t]);
  const label = t('activities.fields.recordId');
  return (
    <RecordPicker
      id="activity-recordId"
      label={label}
      required
      value={value}
      options={options}
      onChange={(record) =>
        onChange(record ? (options?.find((o) => o.id === record.id) ?? null) : null)
      }
      onBlur={onBlur}
      // Nothing chosen reads "choose one", as for the other pickers.
      error={error && !value ? t('validation.requiredChoice', { label }) : error}
      placeholder={t('activities.dialog.recordPlaceholder')}
    />
  );
}
