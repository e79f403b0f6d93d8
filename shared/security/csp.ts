/**
 * The app's Content-Security-Policy, one list for both hosts: Electron sends it with every file
 * of app://ltc (main/app-protocol.ts), the web build's server with every file it serves
 * (renderer/vite.config.ts). MUI styles through emotion, which injects <style> elements at run
 * time: style-src needs 'unsafe-inline'. Scripts get no such exception; Vite's build has no
 * inline scripts.
 */
const DIRECTIVES: ReadonlyArray<readonly [string, string]> = [
  ['default-src', "'self'"],
  ['script-src', "'self'"],
  ['style-src', "'self' 'unsafe-inline'"],
  // blob: for the charts' PNG export, which draws the chart's SVG through an object URL.
  ['img-src', "'self' data: blob:"],
  ['font-src', "'self' data:"],
  ['connect-src', "'self'"],
  ['object-src', "'none'"],
  ['base-uri', "'none'"],
  ['frame-ancestors', "'none'"],
  ['form-action', "'none'"],
];

/**
 * What the web build's page needs beyond the desktop's, because there the core and the sync
 * worker run in the page instead of in Electron's main process:
 * - connect-src http: https: — the page syncs with the firm's server at whatever address the
 *   person signs in to (and nothing else: no websockets, no other schemes);
 * - script-src 'unsafe-eval' — the core's schema validator (ajv, through RxDB's validate-ajv)
 *   compiles each collection's validator with `new Function`. Inline and foreign scripts stay
 *   refused, which is what stops injected markup from running.
 */
const WEB_EXTRA: Readonly<Record<string, string>> = {
  'connect-src': 'http: https:',
  'script-src': "'unsafe-eval'",
};

/** The policy as a header value, for the desktop app or the web build. */
export function contentSecurityPolicy(host: 'desktop' | 'web'): string {
  return DIRECTIVES.map(([name, value]) => {
    const extra = host === 'web' ? WEB_EXTRA[name] : undefined;
    return extra ? `${name} ${value} ${extra}` : `${name} ${value}`;
  }).join('; ');
}
