import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contentTypeFor, resolveAppAssetPath, serveAppAsset } from './app-protocol';
import { buildContentSecurityPolicy } from './security';

/** A real dist/renderer-like folder on disk, with a secret beside it that must never be served. */
let base: string;
let root: string;
beforeAll(async () => {
  base = await mkdtemp(path.join(tmpdir(), 'ltc-protocol-'));
  root = path.join(base, 'renderer');
  await mkdir(path.join(root, 'assets'), { recursive: true });
  await writeFile(path.join(root, 'index.html'), '<!doctype html><title>LTC Desk</title>');
  await writeFile(path.join(root, 'assets', 'index-abc.js'), 'console.log(1)');
  await writeFile(path.join(root, 'assets', '看板.css'), 'body{}');
  await writeFile(path.join(base, 'secret.txt'), 'do not serve');
  await mkdir(path.join(base, 'renderer-other'));
  await writeFile(path.join(base, 'renderer-other', 'x.js'), 'sibling with a shared prefix');
  await symlink(path.join(base, 'secret.txt'), path.join(root, 'assets', 'link.txt'));
});
afterAll(() => rm(base, { recursive: true, force: true }));

const get = (url: string, method = 'GET') => serveAppAsset({ url, method }, root);

describe('resolveAppAssetPath', () => {
  it('maps app:// paths into the renderer folder, with index.html for folders', () => {
    expect(resolveAppAssetPath(root, 'app://ltc/index.html')).toBe(path.join(root, 'index.html'));
    expect(resolveAppAssetPath(root, 'app://ltc/')).toBe(path.join(root, 'index.html'));
    expect(resolveAppAssetPath(root, 'app://ltc/assets/index-abc.js?v=2#x')).toBe(
      path.join(root, 'assets', 'index-abc.js'),
    );
    expect(resolveAppAssetPath(root, 'app://ltc/assets/%E7%9C%8B%E6%9D%BF.css')).toBe(
      path.join(root, 'assets', '看板.css'),
    );
  });

  it.each([
    'app://ltc/../secret.txt',
    'app://ltc/%2e%2e/secret.txt',
    'app://ltc/..%2fsecret.txt',
    'app://ltc/assets/..%2f..%2fsecret.txt',
    'app://ltc/..%5csecret.txt',
    'app://ltc/%2e%2e%2f%2e%2e%2fetc%2fpasswd',
    'app://ltc/..%2frenderer-other%2fx.js',
    'app://ltc/%2fetc%2fpasswd',
    'app://ltc/index.html%00.png',
    'app://ltc/%E0%A4%A',
  ])('never leaves the renderer folder for %s', async (url) => {
    // `..` segments are folded by the URL parser (app://ltc/../x is app://ltc/x); encoded
    // separators survive it and are refused here.
    const resolved = resolveAppAssetPath(root, url);
    if (resolved !== null) expect(resolved.startsWith(root + path.sep)).toBe(true);
    expect(await (await get(url)).text()).not.toMatch(/do not serve|shared prefix/);
  });

  it.each([
    'app://evil/index.html',
    'app://ltc:1234/index.html',
    'https://ltc/index.html',
    'file:///etc/passwd',
  ])('refuses a URL that is not the app origin: %s', (url) =>
    expect(resolveAppAssetPath(root, url)).toBeNull(),
  );
});

describe('serveAppAsset', () => {
  it('serves a file with its type, the CSP and nosniff', async () => {
    const response = await get('app://ltc/index.html');
    expect(response.status).toBe(200);
    expect(await response.text()).toContain('<title>LTC Desk</title>');
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(response.headers.get('content-security-policy')).toBe(buildContentSecurityPolicy());
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect((await get('app://ltc/assets/index-abc.js')).headers.get('content-type')).toMatch(
      /^text\/javascript/,
    );
  });

  it('refuses traversal with 403 and serves nothing from outside, symlinks included', async () => {
    for (const url of [
      'app://ltc/..%2fsecret.txt',
      'app://ltc/assets/link.txt',
      'app://ltc/..%2frenderer-other%2fx.js',
    ]) {
      const response = await get(url);
      expect(response.status).toBe(403);
      expect(await response.text()).not.toContain('do not serve');
      expect(response.headers.get('content-security-policy')).toBe(buildContentSecurityPolicy());
    }
  });

  it('answers 404 for missing files and folders, 405 for writes', async () => {
    expect((await get('app://ltc/missing.js')).status).toBe(404);
    expect((await get('app://ltc/assets')).status).toBe(404);
    expect((await get('app://ltc/index.html', 'POST')).status).toBe(405);
    const head = await get('app://ltc/index.html', 'HEAD');
    expect(head.status).toBe(200);
    expect(await head.text()).toBe('');
  });

  it('types unknown extensions as opaque bytes', () => {
    expect(contentTypeFor('a.WOFF2')).toBe('font/woff2');
    expect(contentTypeFor('a.exe')).toBe('application/octet-stream');
  });
});
