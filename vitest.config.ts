import { defineConfig } from 'vitest/config';
import react from '@vitejs/plugin-react';

// Six projects: pure Node (domain, core, bridge), storage conformance, the core's tests once more on the SQLite
// storage, the renderer in jsdom, and end-to-end tests that drive the built web app in Debian's
// Chromium. e2e runs alone: it starts a server and a browser, and two cores are all these
// machines have.
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          environment: 'node',
          include: ['shared/**/*.test.ts', 'main/**/*.test.ts', 'test/integration/**/*.test.ts'],
          globals: true,
        },
      },
      {
        test: {
          // RxStorage conformance (memory = RxDB's reference, and ours on SQLite) and the
          // randomized differential test between the two.
          name: 'storage',
          environment: 'node',
          include: ['test/storage/**/*.test.ts'],
          globals: true,
          testTimeout: 60_000,
        },
      },
      {
        test: {
          // The sync server (on SQLite files and on the PostgreSQL at 127.0.0.1:5432) and the sync
          // client against a real server on 127.0.0.1. Files run one at a time: each starts servers.
          name: 'sync',
          environment: 'node',
          include: ['server/**/*.test.ts', 'test/sync/**/*.test.ts'],
          globals: true,
          testTimeout: 60_000,
          hookTimeout: 60_000,
          fileParallelism: false,
        },
      },
      {
        test: {
          // The same test files as in 'unit', with openTestCore on SQLite files in a temp folder.
          name: 'core-sqlite',
          environment: 'node',
          include: ['shared/core/**/*.test.ts', 'shared/demo/import-batches.test.ts'],
          globals: true,
          setupFiles: ['test/setup/core-on-sqlite.ts'],
        },
      },
      {
        plugins: [react()],
        test: {
          name: 'renderer',
          environment: 'jsdom',
          include: ['renderer/**/*.test.{ts,tsx}'],
          globals: true,
          setupFiles: ['renderer/test-setup.ts'],
        },
      },
      {
        test: {
          name: 'e2e',
          environment: 'node',
          include: ['test/e2e/**/*.test.ts'],
          globals: true,
          testTimeout: 120_000,
          hookTimeout: 120_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
