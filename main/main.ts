import { app, dialog, ipcMain, protocol, safeStorage, session, type BrowserWindow } from 'electron';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { serveAppAsset } from './app-protocol';
import { pickLanguage } from '../shared/i18n';
import { openWorkerCoreHost, type WorkerCoreHost } from './core-port';
import { registerIpcBridge } from './ipc-bridge';
import { APP_SCHEME, hardenSession, hardenWebContents } from './security';
import { startupMessage } from './startup-messages';
import { createMainWindow } from './window';

/**
 * The Electron entry: everything here is wiring; the logic lives in modules tested without
 * Electron. Built to dist/main/main.js, beside dist/preload/preload.cjs and dist/renderer/.
 */
const here = path.dirname(fileURLToPath(import.meta.url));
const PRELOAD_PATH = path.join(here, '../preload/preload.cjs');
const RENDERER_DIR = path.join(here, '../renderer');

const log = (message: string) => console.warn(`[ltc] ${message}`);

// Must happen before `ready`: a standard, secure scheme gets an origin, relative URLs and
// secure-context APIs (crypto.randomUUID in the preload), exactly like https would.
protocol.registerSchemesAsPrivileged([
  { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
]);
app.enableSandbox();
// A separate profile folder for tests and side-by-side installs; must be set before `ready`.
if (process.env.LTC_DESK_USER_DATA) app.setPath('userData', process.env.LTC_DESK_USER_DATA);

let host: WorkerCoreHost | undefined;
let disposeBridge: (() => void) | undefined;
let mainWindow: BrowserWindow | undefined;
let quitting = false;

function showWindow(): void {
  if (!mainWindow || mainWindow.isDestroyed()) {
    mainWindow = createMainWindow(PRELOAD_PATH);
    return;
  }
  if (mainWindow.isMinimized()) mainWindow.restore();
  mainWindow.focus();
}

async function start(): Promise<void> {
  hardenSession(session.defaultSession, log);
  session.defaultSession.protocol.handle(APP_SCHEME, (request) =>
    serveAppAsset(request, RENDERER_DIR),
  );
  // The core, its sync engine and analytics run in a worker_thread (issue 19), so a first sync
  // or a dashboard's first scan never holds up IPC and window events here; main keeps the sync
  // token, encrypted with the OS's secret store (safeStorage exists only in main).
  const opening = await openWorkerCoreHost({
    userDataDir: app.getPath('userData'),
    osUsername: os.userInfo().username,
    sync: { safeStorage, allowPlainHttp: process.env.LTC_ALLOW_PLAIN_HTTP === '1' },
    log,
  });
  const language = pickLanguage(undefined, app.getLocale());
  if (!opening.started) {
    // A newer version's file: say so and stop, without opening (or touching) it.
    log(`not opening ${opening.problem.filePath}: ${opening.problem.code}`);
    const message = startupMessage(opening.problem, language);
    dialog.showErrorBox(message.title, message.detail);
    app.quit();
    return;
  }
  host = opening.host;
  disposeBridge = registerIpcBridge(ipcMain, host.bridge, {
    log: (entry) =>
      log(`${entry.kind} on ${entry.channel} from #${entry.senderId}: ${entry.reason}`),
  });
  showWindow();
  if (opening.notice) {
    log(`moved unreadable ${opening.notice.filePath} aside to ${opening.notice.movedTo}`);
    const message = startupMessage(opening.notice, language);
    void dialog.showMessageBox({ type: 'warning', message: message.title, detail: message.detail });
  }
}

// One desktop, one database: a second launch focuses the running window instead.
if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', () => {
    if (app.isReady() && host) showWindow();
  });
  app.on('web-contents-created', (_event, contents) => hardenWebContents(contents, log));
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  app.on('activate', () => {
    if (host) showWindow();
  });
  // Close sync and the core before exiting, so pending writes finish; then quit for real.
  app.on('before-quit', (event) => {
    if (quitting || !host) return;
    event.preventDefault();
    quitting = true;
    disposeBridge?.();
    host
      .close()
      .catch((error: unknown) => log(`closing the core failed: ${String(error)}`))
      .finally(() => app.quit());
  });
  app
    .whenReady()
    .then(start)
    .catch((error: unknown) => {
      log(
        `start failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
      );
      dialog.showErrorBox('LTC Desk could not start', String(error));
      app.exit(1);
    });
}
