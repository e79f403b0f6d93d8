import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { connectToCore } from './api/host-bridge';
import { AppProviders } from './app/AppProviders';
import { Root } from './app/Root';
import { createI18n } from './i18n/i18n';

const i18n = createI18n();
const connection = connectToCore(i18n.t('profile.defaultName'));

const container = document.getElementById('root');
if (!container) throw new Error('index.html has no #root');
createRoot(container).render(
  <StrictMode>
    <AppProviders i18n={i18n}>
      <Root connection={connection} />
    </AppProviders>
  </StrictMode>,
);
