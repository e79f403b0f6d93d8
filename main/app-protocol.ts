import { readFile, realpath } from 'node:fs/promises';
import path from 'node:path';
import { APP_HOST, APP_SCHEME, buildContentSecurityPolicy } from './security';

/**
 * The app:// protocol handler: serves the built renderer (dist/renderer) and nothing else. It is
 * plain Node (Request in, Response out), so Electron's `protocol.handle` only forwards to it.
 */

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.wasm': 'application/wasm',
};

export function contentTypeFor(filePath: string): string {
  return CONTENT_TYPES[path.extname(filePath).toLowerCase()] ?? 'application/octet-stream';
}

function isInside(root: string, candidate: string): boolean {
  const relative = path.relative(root, candidate);
  return relative !== '' && !relative.startsWith('..') && !path.isAbsolute(relative);
}

/**
 * Maps an app:// URL to a file under `rootDir`, or null when the URL is not ours or would leave
 * the root. The URL parser already folds `..` segments, but percent-encoded separators
 * (`..%2f`, `..%5c`) survive it and are decoded here, so containment is checked on the final path.
 */
export function resolveAppAssetPath(rootDir: string, requestUrl: string): string | null {
  let url: URL;
  try {
    url = new URL(requestUrl);
  } catch {
    return null;
  }
  if (url.protocol !== `${APP_SCHEME}:` || url.hostname !== APP_HOST || url.port !== '')
    return null;
  let pathname: string;
  try {
    pathname = decodeURIComponent(url.pathname);
  } catch {
    return null; // malformed percent-encoding
  }
  if (pathname.includes('\0')) return null;
  if (pathname.endsWith('/')) pathname += 'index.html';
  const root = path.resolve(rootDir);
  const candidate = path.resolve(root, `.${path.sep}${pathname}`);
  return isInside(root, candidate) ? candidate : null;
}

/** Headers on every response, errors included: the CSP must hold whatever page is shown. */
function securityHeaders(): Record<string, string> {
  return {
    'Content-Security-Policy': buildContentSecurityPolicy(),
    'X-Content-Type-Options': 'nosniff',
    'Cache-Control': 'no-cache',
  };
}

function textResponse(status: number, text: string): Response {
  return new Response(text, {
    status,
    headers: { ...securityHeaders(), 'Content-Type': 'text/plain; charset=utf-8' },
  });
}

export interface AppRequestLike {
  url: string;
  method: string;
}

/**
 * Answers one app:// request. Symlinks are resolved before the containment check, so a link
 * inside dist/renderer cannot point the handler at a file outside it.
 */
export async function serveAppAsset(request: AppRequestLike, rootDir: string): Promise<Response> {
  if (request.method !== 'GET' && request.method !== 'HEAD')
    return textResponse(405, 'method not allowed');
  const filePath = resolveAppAssetPath(rootDir, request.url);
  if (filePath === null) return textResponse(403, 'forbidden');
  let body: Buffer;
  try {
    const realRoot = await realpath(rootDir);
    const realFile = await realpath(filePath);
    if (!isInside(realRoot, realFile)) return textResponse(403, 'forbidden');
    body = await readFile(realFile);
  } catch {
    return textResponse(404, 'not found');
  }
  return new Response(request.method === 'HEAD' ? null : new Uint8Array(body), {
    status: 200,
    headers: { ...securityHeaders(), 'Content-Type': contentTypeFor(filePath) },
  });
}
