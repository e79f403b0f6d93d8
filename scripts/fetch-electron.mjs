// `npm run fetch-electron`: downloads Electron's binary now, even after an earlier failed try.
import { fileURLToPath } from 'node:url';
import { ELECTRON_MISSING, fetchElectronOnce } from './electron-binary.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
if (await fetchElectronOnce(root, { force: true })) console.log('LTC Desk: Electron is installed.');
else {
  console.error(`LTC Desk: ${ELECTRON_MISSING}.`);
  process.exit(1);
}
