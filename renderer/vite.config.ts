import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

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
  preview: { host: '127.0.0.1' },
});
