import { builtinModules } from 'node:module';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const root = fileURLToPath(new URL('..', import.meta.url));

/**
 * The Electron main process: one ESM file (package.json is "type": "module"; Electron ≥ 28 loads
 * an ESM main). electron, Node built-ins and npm packages stay imports: they are resolved from
 * node_modules at run time, where electron-builder packs the production dependencies.
 */
export default defineConfig({
  root,
  publicDir: false,
  logLevel: 'warn',
  build: {
    ssr: fileURLToPath(new URL('./main.ts', import.meta.url)),
    outDir: fileURLToPath(new URL('../dist/main', import.meta.url)),
    emptyOutDir: true,
    target: 'node20',
    sourcemap: true,
    minify: false,
    rollupOptions: {
      external: ['electron', /^electron\//, ...builtinModules, /^node:/],
      output: { format: 'es', entryFileNames: 'main.js' },
    },
  },
  ssr: { target: 'node' },
});
