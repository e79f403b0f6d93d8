import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

/**
 * The preload: a sandboxed preload cannot load ES modules or most of Node, so it is one
 * CommonJS file with everything bundled in; its only require is `electron`.
 */
export default defineConfig({
  root: fileURLToPath(new URL('../..', import.meta.url)),
  publicDir: false,
  logLevel: 'warn',
  build: {
    outDir: fileURLToPath(new URL('../../dist/preload', import.meta.url)),
    emptyOutDir: true,
    target: 'chrome130',
    sourcemap: false,
    minify: false,
    lib: {
      entry: fileURLToPath(new URL('./preload.ts', import.meta.url)),
      formats: ['cjs'],
      fileName: () => 'preload.cjs',
    },
    rollupOptions: { external: ['electron'] },
  },
});
