import { workerData } from 'node:worker_threads';
import type { CoreWorkerData } from './core-worker-protocol';
import { serveDesktopCore, type CorePortEnd } from './core-worker-serve';

/**
 * The desktop core's worker_thread (issue 19): the database, rules, sync engine and analytics,
 * off the thread of Electron's main, so IPC, window events and timers there stay responsive
 * while a first sync or a dashboard's first scan runs. Main (core-port.ts) starts it with one
 * end of a MessageChannel. Built to dist/main/core-worker.js beside main.js.
 */
// Node's MessagePort is an EventTarget too (addEventListener), which its types do not declare.
const { port } = workerData as CoreWorkerData;
serveDesktopCore(port as unknown as CorePortEnd);
