import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import {
  APP_ENTRY_URL,
  buildContentSecurityPolicy,
  hardenSession,
  hardenWebContents,
  isAppUrl,
  REMOTE_URL_PATTERNS,
  secureWebPreferences,
  type GuardedSessionLike,
} from './security';

function directives(csp: string): Map<string, string> {
  return new Map(
    csp.split(';').map((part) => {
      const [name = '', ...values] = part.trim().split(/\s+/);
      return [name, values.join(' ')];
    }),
  );
}

describe('Content-Security-Policy', () => {
  const csp = directives(buildContentSecurityPolicy());

  it('allows only the app origin for scripts, connections and everything by default', () => {
    expect(csp.get('default-src')).toBe("'self'");
    expect(csp.get('script-src')).toBe("'self'");
    expect(csp.get('connect-src')).toBe("'self'");
  });

  it('allows inline styles (emotion) but never inline or evaluated scripts', () => {
    expect(csp.get('style-src')).toBe("'self' 'unsafe-inline'");
    for (const [name, value] of csp) {
      if (name !== 'style-src') expect(value).not.toMatch(/unsafe-inline|unsafe-eval/);
    }
  });

  it('shuts plugins, base URLs, framing and form posts', () => {
    expect(csp.get('object-src')).toBe("'none'");
    expect(csp.get('base-uri')).toBe("'none'");
    expect(csp.get('frame-ancestors')).toBe("'none'");
    expect(csp.get('form-action')).toBe("'none'");
    expect(csp.get('img-src')).toBe("'self' data: blob:");
    expect(csp.get('font-src')).toBe("'self' data:");
  });

  it('names no remote host or wildcard anywhere', () => {
    expect(buildContentSecurityPolicy()).not.toMatch(/https?:|\*|ws:/);
  });
});

describe('isAppUrl', () => {
  it.each([APP_ENTRY_URL, 'app://ltc/', 'app://ltc/assets/index.js?x=1#top'])('accepts %s', (url) =>
    expect(isAppUrl(url)).toBe(true),
  );
  it.each([
    'https://ltc/index.html',
    'http://127.0.0.1:5173/',
    'file:///work/dist/renderer/index.html',
    'app://ltc.evil.example/',
    'app://evil/',
    'app://ltc:8080/',
    'app://user:pass@ltc/',
    'app://user@evil.example/@ltc/',
    'javascript:alert(1)',
    'data:text/html,<script>alert(1)</script>',
    'about:blank',
    'not a url',
    '',
  ])('refuses %s', (url) => expect(isAppUrl(url)).toBe(false));
});

describe('secureWebPreferences', () => {
  it('sandboxes and isolates the renderer, with our preload and no Node', () => {
    expect(secureWebPreferences('/app/dist/preload/preload.cjs')).toMatchObject({
      preload: '/app/dist/preload/preload.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
    });
  });
});

/** A webContents stand-in: Electron's navigation events are plain EventEmitter events. */
class FakeContents extends EventEmitter {
  openHandler?: (details: { url: string }) => { action: 'deny' };
  setWindowOpenHandler(handler: (details: { url: string }) => { action: 'deny' }) {
    this.openHandler = handler;
  }
  /** Emits a navigation event the way Electron does; true when a guard prevented it. */
  attempt(event: string, url: string): boolean {
    let prevented = false;
    this.emit(event, { url, preventDefault: () => (prevented = true) }, url);
    return prevented;
  }
}

describe('hardenWebContents', () => {
  const harden = () => {
    const contents = new FakeContents();
    const log: string[] = [];
    hardenWebContents(contents, (m) => log.push(m));
    return { contents, log };
  };

  it('lets the app move within its own origin', () => {
    const { contents, log } = harden();
    expect(contents.attempt('will-navigate', 'app://ltc/index.html#board')).toBe(false);
    expect(contents.attempt('will-redirect', 'app://ltc/index.html')).toBe(false);
    expect(log).toEqual([]);
  });

  it.each(['will-navigate', 'will-frame-navigate', 'will-redirect'])(
    'stops %s to anything else, and logs it',
    (event) => {
      const { contents, log } = harden();
      expect(contents.attempt(event, 'https://evil.example/phish')).toBe(true);
      expect(contents.attempt(event, 'file:///etc/passwd')).toBe(true);
      expect(log).toHaveLength(2);
      expect(log[0]).toContain('https://evil.example/phish');
    },
  );

  it('refuses every window.open and every <webview>', () => {
    const { contents, log } = harden();
    expect(contents.openHandler?.({ url: 'app://ltc/index.html' })).toEqual({ action: 'deny' });
    expect(contents.openHandler?.({ url: 'https://evil.example/' })).toEqual({ action: 'deny' });
    expect(contents.attempt('will-attach-webview', 'app://ltc/')).toBe(true);
    expect(log).toHaveLength(3);
  });
});

describe('hardenSession', () => {
  it('denies every permission request and check, and cancels remote requests', () => {
    let request: Parameters<GuardedSessionLike['setPermissionRequestHandler']>[0] | undefined;
    let check: Parameters<GuardedSessionLike['setPermissionCheckHandler']>[0] | undefined;
    let remote:
      | {
          urls: string[];
          listener: Parameters<GuardedSessionLike['webRequest']['onBeforeRequest']>[1];
        }
      | undefined;
    const session: GuardedSessionLike = {
      setPermissionRequestHandler: (h) => (request = h),
      setPermissionCheckHandler: (h) => (check = h),
      webRequest: {
        onBeforeRequest: (filter, listener) => (remote = { urls: filter.urls, listener }),
      },
    };
    const log: string[] = [];
    hardenSession(session, (m) => log.push(m));

    for (const permission of [
      'media',
      'geolocation',
      'notifications',
      'clipboard-read',
      'openExternal',
    ]) {
      let granted: boolean | undefined;
      request?.(null, permission, (g) => (granted = g));
      expect(granted).toBe(false);
      expect(check?.(null, permission)).toBe(false);
    }
    expect(remote?.urls).toEqual(REMOTE_URL_PATTERNS);
    let cancelled: boolean | undefined;
    remote?.listener({ url: 'https://cdn.example/font.woff2' }, (r) => (cancelled = r.cancel));
    expect(cancelled).toBe(true);
    expect(log).toContain('refused remote request to https://cdn.example/font.woff2');
  });
});
