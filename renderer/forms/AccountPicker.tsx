import { useTranslation } from 'react-i18next';
import { RecordPicker, type RecordPickerProps } from './RecordPicker';

/**
 * The account field of the contact and opportunity dialogs: search by name, or start a new
 * account with what was typed. One place, so both dialogs offer it in the same words.
 */
export function AccountPicker(props: Omit<RecordPickerProps, 'createLabel' | 'placeholder'>) {
  const { t } = useTranslation();
  return (
    <RecordPicker
      {...props}
      createLabel={(name) =>
        name
          ? t('opportunityDialog.newAccountNamed', { name })
          : t('opportunityDialog.newAccountPlain')
      }
      placeholder={t('placeholders.searchAccount')}
    />
  );
}
