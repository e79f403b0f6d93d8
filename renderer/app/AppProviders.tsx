import CssBaseline from '@mui/material/CssBaseline';
import { ThemeProvider } from '@mui/material/styles';
import type { i18n } from 'i18next';
import { useMemo, type ReactNode } from 'react';
import { I18nextProvider, useTranslation } from 'react-i18next';
import { currentLanguage } from '../i18n/i18n';
import { NotifierProvider } from './notifier';
import { createAppTheme } from './theme';

function LocalizedTheme({ children }: { children: ReactNode }) {
  const { i18n: instance } = useTranslation();
  const language = currentLanguage(instance);
  // MUI's own texts (Autocomplete's "No options", close buttons) follow the UI language too.
  const theme = useMemo(() => createAppTheme(language), [language]);
  return (
    <ThemeProvider theme={theme}>
      <CssBaseline />
      {children}
    </ThemeProvider>
  );
}

/** Everything the UI needs that does not depend on the core: texts, theme, notifications. */
export function AppProviders({ i18n, children }: { i18n: i18n; children: ReactNode }) {
  return (
    <I18nextProvider i18n={i18n}>
      <LocalizedTheme>
        <NotifierProvider>{children}</NotifierProvider>
      </LocalizedTheme>
    </I18nextProvider>
  );
}
