import i18next, { type i18n } from 'i18next';
import { initReactI18next } from 'react-i18next';
import { CATALOGS, LANGUAGES, isLanguage, pickLanguage, type Language } from '../../shared/i18n';

const STORAGE_KEY = 'ltcdesk.language';

function savedLanguage(): string | null {
  try {
    return localStorage.getItem(STORAGE_KEY);
  } catch {
    // Storage can be disabled (privacy settings); the choice then lasts for the session only.
    return null;
  }
}

/** The language to start in: saved choice → English system → zh-CN. */
export function initialLanguage(): Language {
  return pickLanguage(
    savedLanguage(),
    typeof navigator === 'undefined' ? undefined : navigator.language,
  );
}

export function currentLanguage(instance: i18n): Language {
  return isLanguage(instance.language) ? instance.language : 'zh-CN';
}

/**
 * One i18next instance per app (tests make their own). Catalogs are bundled, so initialisation is
 * synchronous and the first render already has its texts. Changing the language saves the choice
 * and sets <html lang>, which also makes Chromium pick CJK glyph variants for Chinese.
 */
export function createI18n(language: Language = initialLanguage()): i18n {
  const instance = i18next.createInstance();
  instance.on('languageChanged', (lng) => {
    document.documentElement.lang = lng;
    document.title = instance.t('app.documentTitle');
  });
  void instance.use(initReactI18next).init({
    resources: Object.fromEntries(LANGUAGES.map((l) => [l, { translation: CATALOGS[l] }])),
    lng: language,
    fallbackLng: 'zh-CN',
    supportedLngs: [...LANGUAGES],
    interpolation: { escapeValue: false }, // React escapes
    returnNull: false,
    initAsync: false,
  });
  return instance;
}

export function saveLanguage(language: Language): void {
  try {
    localStorage.setItem(STORAGE_KEY, language);
  } catch {
    // See savedLanguage.
  }
}
