import ToggleButton from '@mui/material/ToggleButton';
import ToggleButtonGroup from '@mui/material/ToggleButtonGroup';
import { useTranslation } from 'react-i18next';
import { LANGUAGES, isLanguage } from '../../shared/i18n';
import { currentLanguage, saveLanguage } from './i18n';

/** Both languages visible at once, each named in its own language, so either reader finds theirs. */
export function LanguageSwitch() {
  const { t, i18n } = useTranslation();
  const language = currentLanguage(i18n);
  return (
    <ToggleButtonGroup
      size="small"
      exclusive
      value={language}
      aria-label={t('language.label')}
      onChange={(_event, next: unknown) => {
        if (!isLanguage(next) || next === language) return;
        saveLanguage(next);
        void i18n.changeLanguage(next);
      }}
      sx={{
        '& .MuiToggleButton-root': {
          px: 1.25,
          py: 0.25,
          textTransform: 'none',
          fontSize: 13,
          whiteSpace: 'nowrap',
        },
      }}
    >
      {LANGUAGES.map((l) => (
        <ToggleButton key={l} value={l} lang={l}>
          {t(`language.${l}`)}
        </ToggleButton>
      ))}
    </ToggleButtonGroup>
  );
}
