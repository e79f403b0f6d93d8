import { contextBridge, ipcRenderer } from 'electron';
import { createLtcBridgeClient } from './ltc-bridge-client';

/**
 * The whole preload: one object, `window.ltc`, and nothing else crosses into the page. It runs
 * sandboxed, so it is bundled to one CommonJS file whose only require is `electron`.
 */
contextBridge.exposeInMainWorld('ltc', createLtcBridgeClient(ipcRenderer));
