import { builtinModules } from 'node:module';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const root = fileURLToPath(new URL('..', import.meta.url));

/**
 * The Electron main process: two ESM files (package.json is "type": "module"; Electron ≥ 28 loads
 * an ESM main), main.js and core-worker.js, the core's worker_thread that main starts from beside
 * it (main/core-port.ts); code both use goes to a shared chunk. electron, Node built-ins and npm packages stay imports: they are resolved from
 * node_modules at run time, where electron-builder packs the production dependencies.
 */
export default defineConfig({
  root,
  publicDir: false,
  logLevel: 'warn',
  build: {
    ssr: true,
    outDir: fileURLToPath(new URL('../dist/main', import.meta.url)),
    emptyOutDir: true,
    target: 'node20',
    sourcemap: true,
    minify: false,
    rollupOptions: {
      external: ['electron', /^electron\//, ...builtinModules, /^node:/],
      input: {
        main: fileURLToPath(new URL('./main.ts', import.meta.url)),
        'core-worker': fileURLToPath(new URL('./core-worker.ts', import.meta.url)),
      },
      output: {
        format: 'es',
        entryFileNames: '[name].js',
        chunkFileNames: 'chunks/shared-[hash].js',
      },
    },
  },
  ssr: { target: 'node' },
});
