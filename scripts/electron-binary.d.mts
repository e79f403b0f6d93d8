/** Types for scripts/electron-binary.mjs, which the Electron end-to-end test also uses. */
export declare const ELECTRON_MISSING: string;
export declare function findElectronBinary(
  root: string,
): { path: string; reason: null } | { path: null; reason: string };
