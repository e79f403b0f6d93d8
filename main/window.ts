import { BrowserWindow } from 'electron';
import { APP_ENTRY_URL, secureWebPreferences } from './security';

/**
 * The board window. Its webContents is hardened by the app-wide `web-contents-created` hook in
 * main.ts (navigation, window.open and webviews denied), which also covers any later window.
 */
export function createMainWindow(preloadPath: string): BrowserWindow {
  const window = new BrowserWindow({
    width: 1280,
    height: 800,
    minWidth: 800,
    minHeight: 560,
    title: 'LTC Desk',
    show: false,
    webPreferences: secureWebPreferences(preloadPath),
  });
  // Shown once painted, so the user never sees an empty white frame.
  window.once('ready-to-show', () => window.show());
  void window.loadURL(APP_ENTRY_URL);
  return window;
}
