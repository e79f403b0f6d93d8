import {
  createPortBridge,
  firstScreen,
  type LtcWireBridge,
  type PortBridge,
} from '../../shared/api';
import type { CurrentUser } from '../../shared/core';
import type { CoreToPage, PageToCore } from './core-protocol';
import { loadLocalProfile } from './profile';
import { createLocalStorageVault, TOKEN_STORAGE_KEY } from './token-vault';

export interface WorkerHost {
  bridge: LtcWireBridge;
  /** Who the core writes as on open: the remembered server user, or this browser's own profile. */
  currentUser: CurrentUser;
  close(): Promise<void>;
}

/** The parts of a Worker the page's bridge uses. */
export interface CorePort {
  postMessage(message: PageToCore): void;
  addEventListener(type: 'message', listener: (event: MessageEvent<CoreToPage>) => void): void;
}

/** Sync starts once the first screen has its answers, or after this long whatever happens. */
const SYNC_START_AT_MOST_MS = 3_000;

/** Resolves after the next frame has been painted (a timer queued from the frame's callback). */
const afterNextPaint = () =>
  new Promise<void>((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));

/**
 * The page's LtcBridge over the core worker (shared/api/port-client.ts, as Electron's main talks
 * to its core's worker_thread): answers are routed back by id, and closing a live query stops it
 * in the worker.
 */
export function createWorkerBridge(port: CorePort): PortBridge {
  return createPortBridge(port);
}

/** The worker's first answer to `open`. */
function whenOpened(worker: Worker): Promise<CurrentUser> {
  return new Promise((resolve, reject) => {
    const onMessage = ({ data }: MessageEvent<CoreToPage>) => {
      if (data.kind === 'opened') resolve(data.currentUser);
      if (data.kind === 'openFailed') reject(new Error(data.message));
    };
    worker.addEventListener('message', onMessage);
    // The worker's script could not load or run at all (a CSP refusing it, say).
    worker.addEventListener('error', (event) =>
      reject(new Error(event.message || 'the core worker could not start')),
    );
  });
}

/**
 * Opens the web build's core in a dedicated worker (core-worker.ts) and hands the renderer an
 * LtcBridge to it. The page keeps what only it has: localStorage (this browser's profile and the
 * sync token, which it reads for the worker and writes when the worker's engine asks) and painted
 * frames (it tells the worker when the first screen is shown, so the sync engine starts after).
 */
export async function openWorkerHost(defaultUserName: string): Promise<WorkerHost> {
  const worker = new Worker(new URL('./core-worker.ts', import.meta.url), {
    type: 'module',
    name: 'ltc-core',
  });
  const post = (message: PageToCore) => worker.postMessage(message);
  const tokens = createLocalStorageVault();
  worker.addEventListener('message', ({ data }: MessageEvent<CoreToPage>) => {
    if (data.kind !== 'storeToken') return;
    void (data.token === undefined ? tokens.clear() : tokens.save(data.token));
  });
  // Another tab of this app signed in or out: its worker changed the stored token.
  const onStorage = (event: StorageEvent) => {
    if (event.key === TOKEN_STORAGE_KEY || event.key === null)
      post({ kind: 'tokenChanged', token: event.newValue ?? undefined });
  };
  window.addEventListener('storage', onStorage);
  const opened = whenOpened(worker);
  post({ kind: 'open', profile: loadLocalProfile(defaultUserName), token: await tokens.load() });
  let currentUser: CurrentUser;
  try {
    currentUser = await opened;
  } catch (error) {
    window.removeEventListener('storage', onStorage);
    worker.terminate();
    throw error;
  }
  const first = firstScreen(SYNC_START_AT_MOST_MS, afterNextPaint);
  void first.answered.then(() => post({ kind: 'firstScreenShown' }));
  return {
    bridge: first.watch(createWorkerBridge(worker)),
    currentUser,
    close: async () => {
      window.removeEventListener('storage', onStorage);
      const closed = new Promise<void>((resolve) =>
        worker.addEventListener('message', ({ data }: MessageEvent<CoreToPage>) => {
          if (data.kind === 'closed') resolve();
        }),
      );
      post({ kind: 'close' });
      await closed;
      worker.terminate();
    },
  };
}
