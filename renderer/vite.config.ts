import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import { contentSecurityPolicy } from '../shared/security/csp';

/**
 * The renderer build, used twice: Electron loads dist/renderer/index.html from disk (hence the
 * relative `base`), and the web build serves the same files with `vite preview`.
 */
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: './',
  plugins: [react()],
  build: {
    outDir: fileURLToPath(new URL('../dist/renderer', import.meta.url)),
    emptyOutDir: true,
    // The in-page core (RxDB + Dexie) is a chunk of its own, loaded only by the web build.
    chunkSizeWarningLimit: 1500,
  },
  // The web build's server sends the desktop app's Content-Security-Policy (with the sync server
  // reachable from the page), and no framing or MIME sniffing.
  preview: {
    host: '127.0.0.1',
    headers: {
      'Content-Security-Policy': contentSecurityPolicy('web'),
      'X-Content-Type-Options': 'nosniff',
      'Referrer-Policy': 'no-referrer',
    },
  },
});
