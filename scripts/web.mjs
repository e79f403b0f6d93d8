// `npm run web`: builds the renderer as the web app (the core runs in the page on IndexedDB)
// and serves it on 127.0.0.1 only: the app holds a firm's customer data, so it is never
// offered to the network by default. PORT picks the port (5173 when unset); a taken port is
// an error rather than a silent move, so the printed URL is always the one in use.
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build, preview } from 'vite';

const root = fileURLToPath(new URL('..', import.meta.url));
const configFile = `${root}/renderer/vite.config.ts`;

/**
 * Builds dist/renderer and serves it until the process is stopped.
 * @returns {Promise<{ url: string, close: () => Promise<void> }>}
 */
export async function serveWebBuild({ port = Number(process.env.PORT ?? 5173) } = {}) {
  console.log('LTC Desk: building the web app…');
  await build({ configFile, logLevel: 'warn' });
  const server = await preview({
    configFile,
    logLevel: 'warn',
    preview: { host: '127.0.0.1', port, strictPort: true, open: false },
  });
  const url = server.resolvedUrls?.local[0] ?? `http://127.0.0.1:${port}/`;
  console.log(`LTC Desk (web build) is served at ${url} — press Ctrl+C to stop.`);
  const close = () => server.close();
  for (const signal of ['SIGINT', 'SIGTERM']) {
    process.once(signal, () => {
      void close().finally(() => process.exit(0));
    });
  }
  return { url, close };
}

// Run when executed (`node scripts/web.mjs`), not when imported by start.mjs.
if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  serveWebBuild().catch((error) => {
    console.error(
      `LTC Desk: the web build could not be served: ${error instanceof Error ? error.message : error}`,
    );
    process.exit(1);
  });
}
