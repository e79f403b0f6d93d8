import type { Messages } from '../../shared/i18n';

// Typed keys: t('board.titel') is a compile error, and so is a key missing from the catalogs.
declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation';
    resources: { translation: Messages };
  }
}
