import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { _electron } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { findElectronBinary } from '../../scripts/electron-binary.mjs';

/**
 * The desktop app end to end: Playwright's `_electron` starts the built app (`electron .`), and
 * the window must show the opportunity board, served from app:// into a sandboxed renderer that
 * sees `window.ltc` and nothing of Node. Where no Electron binary exists (these CI machines),
 * the test reports itself skipped with that reason; the web build's e2e tests cover the UI.
 */
const root = fileURLToPath(new URL('../..', import.meta.url));
const electron = findElectronBinary(root);
const ARTIFACTS = path.join(root, 'test-results');

describe('LTC Desk in Electron', () => {
  it('opens the window and shows the opportunity board', async (ctx) => {
    if (electron.path === null) {
      const reason = `skipped: ${electron.reason}`;
      // Printed as well, because a skip's note is not shown by every reporter.
      console.log(`[electron e2e] ${reason}`);
      ctx.skip(reason);
      return;
    }
    for (const built of [
      'dist/main/main.js',
      'dist/preload/preload.cjs',
      'dist/renderer/index.html',
    ]) {
      if (!existsSync(path.join(root, built)))
        throw new Error(`${built} is missing: run \`npm run build\` first`);
    }
    const userData = mkdtempSync(path.join(tmpdir(), 'ltc-electron-e2e-'));
    const app = await _electron.launch({
      executablePath: electron.path,
      // Chromium refuses to start as root without this; the renderers stay sandboxed by Electron.
      args: ['.', ...(process.getuid?.() === 0 ? ['--no-sandbox'] : [])],
      cwd: root,
      env: { ...process.env, LTC_DESK_USER_DATA: userData },
      timeout: 60_000,
    });
    try {
      const window = await app.firstWindow();
      await window.getByTestId('opportunity-board').waitFor({ timeout: 30_000 });
      expect(window.url()).toBe('app://ltc/index.html');
      const page = await window.evaluate(() => ({
        bridge: Object.keys((window as { ltc?: object }).ltc ?? {}).sort(),
        node: typeof (globalThis as { process?: unknown }).process,
        require: typeof (globalThis as { require?: unknown }).require,
      }));
      expect(page).toEqual({
        bridge: ['invoke', 'subscribe'],
        node: 'undefined',
        require: 'undefined',
      });
      await mkdir(ARTIFACTS, { recursive: true });
      await window.screenshot({ path: path.join(ARTIFACTS, 'electron-board.png') });
    } finally {
      await app.close();
      rmSync(userData, { recursive: true, force: true });
    }
  });
});
