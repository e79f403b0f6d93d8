import type { WebPreferences } from 'electron';
import { contentSecurityPolicy } from '../shared/security/csp';

/**
 * The renderer is served from our own privileged scheme, never from file:// (every file on disk
 * would share one origin) or from a network URL. Everything the window may load or talk to is on
 * this one origin.
 */
export const APP_SCHEME = 'app';
export const APP_HOST = 'ltc';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`;

/** The desktop's Content-Security-Policy (shared/security/csp.ts, the web build's too). */
export function buildContentSecurityPolicy(): string {
  return contentSecurityPolicy('desktop');
}

/**
 * True only for URLs on the app origin. Node's URL gives custom schemes an origin of "null", so
 * scheme and host are compared instead; userinfo and ports are refused because the app never
 * uses them and they are a classic way to dress a foreign URL up as ours.
 */
export function isAppUrl(url: string): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  return (
    parsed.protocol === `${APP_SCHEME}:` &&
    parsed.hostname === APP_HOST &&
    parsed.port === '' &&
    parsed.username === '' &&
    parsed.password === ''
  );
}

/**
 * The only webPreferences a window of ours gets. The renderer is sandboxed and isolated from the
 * preload; it reaches main only through the `window.ltc` object the preload exposes.
 */
export function secureWebPreferences(preloadPath: string): WebPreferences {
  return {
    preload: preloadPath,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    webviewTag: false,
    navigateOnDragDrop: false,
    spellcheck: false,
  };
}

export type SecurityLog = (message: string) => void;

/** A navigation event as Electron passes it: the target is on the event (Electron ≥ 25). */
export interface NavigationEventLike {
  url?: string;
  preventDefault(): void;
}

/** The parts of Electron's WebContents that hardening touches; a fake in tests. */
export interface GuardedContentsLike {
  on(
    event: 'will-navigate' | 'will-frame-navigate' | 'will-redirect' | 'will-attach-webview',
    listener: (event: NavigationEventLike, deprecatedUrl?: string) => void,
  ): unknown;
  setWindowOpenHandler(handler: (details: { url: string }) => { action: 'deny' }): void;
}

/**
 * Denies every way a page could leave the app origin or open another window: link clicks and
 * location changes (will-navigate, will-frame-navigate), server redirects (will-redirect),
 * window.open / target=_blank, and <webview> tags.
 */
export function hardenWebContents(contents: GuardedContentsLike, log: SecurityLog): void {
  const guard =
    (kind: string) =>
    (event: NavigationEventLike, deprecatedUrl?: string): void => {
      const url = event.url ?? deprecatedUrl ?? '';
      if (isAppUrl(url)) return;
      event.preventDefault();
      log(`refused ${kind} to ${url}`);
    };
  contents.on('will-navigate', guard('navigation'));
  contents.on('will-frame-navigate', guard('frame navigation'));
  contents.on('will-redirect', guard('redirect'));
  contents.on('will-attach-webview', (event: NavigationEventLike) => {
    event.preventDefault();
    log('refused a <webview>');
  });
  contents.setWindowOpenHandler(({ url }) => {
    log(`refused window.open of ${url}`);
    return { action: 'deny' };
  });
}

/** The parts of Electron's Session that hardening touches; a fake in tests. */
export interface GuardedSessionLike {
  setPermissionRequestHandler(
    handler: (contents: unknown, permission: string, callback: (granted: boolean) => void) => void,
  ): void;
  setPermissionCheckHandler(handler: (contents: unknown, permission: string) => boolean): void;
  webRequest: {
    onBeforeRequest(
      filter: { urls: string[] },
      listener: (
        details: { url: string },
        callback: (response: { cancel: boolean }) => void,
      ) => void,
    ): void;
  };
}

/** Network schemes the renderer must never reach; main's own sync traffic does not go through here. */
export const REMOTE_URL_PATTERNS = [
  'http://*/*',
  'https://*/*',
  'ws://*/*',
  'wss://*/*',
  'ftp://*/*',
];

/**
 * No permission is ever granted (camera, notifications, geolocation, ...): the CRM needs none.
 * Remote requests are cancelled at the session as well as by the CSP, so a CSP mistake alone
 * cannot load remote content.
 */
export function hardenSession(session: GuardedSessionLike, log: SecurityLog): void {
  session.setPermissionRequestHandler((_contents, permission, callback) => {
    log(`refused permission ${permission}`);
    callback(false);
  });
  session.setPermissionCheckHandler(() => false);
  session.webRequest.onBeforeRequest({ urls: REMOTE_URL_PATTERNS }, (details, callback) => {
    log(`refused remote request to ${details.url}`);
    callback({ cancel: true });
  });
}
