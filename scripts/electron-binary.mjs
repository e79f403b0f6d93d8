// Finds the Electron binary that `npm install` put in node_modules/electron, if it did.
// The electron package installs fine without its binary (ELECTRON_SKIP_BINARY_DOWNLOAD=1, or
// a machine that cannot reach Electron's download site); then `require('electron')` throws, or
// names a file that is not there. Callers use the reason to say so in one line.
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

export const ELECTRON_MISSING =
  'the Electron binary is not installed on this machine (its download is blocked or was skipped)';

/**
 * @param {string} root the repository root (where package.json is)
 * @returns {{ path: string, reason: null } | { path: null, reason: string }}
 */
export function findElectronBinary(root) {
  const require = createRequire(path.join(root, 'package.json'));
  let binary;
  try {
    // In Node, the electron package's main export is the path of the binary.
    binary = require('electron');
  } catch {
    return { path: null, reason: ELECTRON_MISSING };
  }
  if (typeof binary !== 'string' || !existsSync(binary))
    return { path: null, reason: ELECTRON_MISSING };
  return { path: binary, reason: null };
}
