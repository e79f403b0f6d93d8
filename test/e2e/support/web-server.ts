import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { preview, type PreviewServer } from 'vite';

const root = fileURLToPath(new URL('../../..', import.meta.url));

/**
 * Serves the built web app (dist/renderer, made by `npm run build`) on 127.0.0.1 with an
 * OS-chosen port, exactly as `npm run web` serves it to a person.
 */
export async function serveWebBuild(): Promise<{ url: string; close: () => Promise<void> }> {
  if (!existsSync(`${root}/dist/renderer/index.html`)) {
    throw new Error('dist/renderer is missing: run `npm run build` first (npm test does)');
  }
  const server: PreviewServer = await preview({
    configFile: `${root}/renderer/vite.config.ts`,
    preview: { host: '127.0.0.1', port: 0, strictPort: false, open: false },
    logLevel: 'warn',
  });
  const url = server.resolvedUrls?.local[0];
  if (!url) throw new Error('vite preview did not report a URL');
  return { url, close: () => server.close() };
}

export const ARTIFACTS = `${root}/test-results`;
