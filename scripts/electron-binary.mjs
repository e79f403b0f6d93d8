// Finds the Electron binary in node_modules/electron, and fetches it once when it is missing.
// `npm install` never downloads it (package.json's allowScripts denies electron's install script),
// so the install cannot fail on a machine that cannot reach Electron's download site. `npm start`
// then tries the download once; where that fails it is not tried again on every start (a marker
// in node_modules/.cache says so), and `npm run fetch-electron` tries again on demand.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

export const ELECTRON_MISSING =
  'the Electron binary is not installed on this machine and could not be downloaded';

/** Where a failed download is remembered, so a machine with no route to it is not slowed each start. */
export function fetchMarker(root) {
  return path.join(root, 'node_modules', '.cache', 'ltc-desk', 'electron-fetch-failed');
}

/**
 * @param {string} root the repository root (where package.json is)
 * @returns {{ path: string, reason: null } | { path: null, reason: string }}
 */
export function findElectronBinary(root) {
  const require = createRequire(path.join(root, 'package.json'));
  let binary;
  try {
    // In Node, the electron package's main export is the path of the binary; it throws when the
    // binary was never downloaded.
    binary = require('electron');
  } catch {
    return { path: null, reason: ELECTRON_MISSING };
  }
  if (typeof binary !== 'string' || !existsSync(binary))
    return { path: null, reason: ELECTRON_MISSING };
  return { path: binary, reason: null };
}

/**
 * Runs electron's own download script (node_modules/electron/install.js) once.
 * @param {string} root
 * @param {{ force?: boolean, timeoutMs?: number }} [options] force: try even after an earlier failure
 * @returns {Promise<boolean>} whether the binary is there afterwards
 */
export async function fetchElectronOnce(root, options = {}) {
  const installScript = path.join(root, 'node_modules', 'electron', 'install.js');
  if (!existsSync(installScript)) return false;
  const marker = fetchMarker(root);
  if (!options.force && existsSync(marker)) return false;
  const ok = await new Promise((resolve) => {
    const env = { ...process.env };
    delete env.ELECTRON_SKIP_BINARY_DOWNLOAD;
    const child = spawn(process.execPath, [installScript], {
      cwd: path.dirname(installScript),
      env,
      // The download's own errors are long stack traces; the caller says it in one line.
      stdio: 'ignore',
    });
    const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 10 * 60 * 1000);
    child.on('error', () => resolve(false));
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve(code === 0);
    });
  });
  const found = ok && findElectronBinary(root).path !== null;
  if (!found) {
    mkdirSync(path.dirname(marker), { recursive: true });
    writeFileSync(marker, new Date().toISOString() + '\n');
  }
  return found;
}
