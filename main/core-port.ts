import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { MessageChannel, Worker } from 'node:worker_threads';
import { createPortBridge, type PortBridge, type PortEnd } from '../shared/api';
import type { CurrentUser } from '../shared/core';
import type { TokenVault } from '../shared/sync/types';
import type { CoreToMain, CoreWorkerData, MainToCore, VaultRequest } from './core-worker-protocol';
import type { DatabaseFromNewerVersion, UnreadableDatabaseMovedAside } from './profile-database';
import { PROFILES_FOLDER, SYNC_TOKEN_FILE } from './profile-files';
import { createSafeStorageVault, type SafeStorageLike } from './token-vault';

export interface WorkerCoreHostOptions {
  userDataDir: string;
  osUsername: string;
  devMode?: boolean;
  /** Sync beside the core; its token kept here in main with this safeStorage (Electron's). */
  sync?: { safeStorage: SafeStorageLike; allowPlainHttp?: boolean };
  /** Refusals, failures and warnings from the core and from here. */
  log?: (message: string) => void;
}

export interface WorkerCoreHost {
  /** The bridge to the core's dispatcher; boards come whole once, then as diffs. */
  readonly bridge: PortBridge;
  readonly user: CurrentUser;
  readonly databaseFile: string;
  /** The core's thread: for diagnostics and tests (its threadId, its exit). */
  readonly worker: Worker;
  /** Closes sync and the core in the worker, then waits for the worker to end. */
  close(): Promise<void>;
}

export type WorkerCoreHostStart =
  | { started: true; host: WorkerCoreHost; notice?: UnreadableDatabaseMovedAside }
  | { started: false; problem: DatabaseFromNewerVersion };

/** How long a closed core's worker may take to end by itself before it is stopped. */
const WORKER_END_AT_MOST_MS = 10_000;

/**
 * The worker's entry: built, dist/main/core-worker.js beside main.js (main/vite.config.ts); from
 * the sources (Node tests, `npm run bench`), the TypeScript entry run through tsx.
 */
function coreWorkerEntry(): { file: string; execArgv?: string[] } {
  const here = fileURLToPath(import.meta.url);
  const fromSource = here.endsWith('.ts');
  const file = path.join(path.dirname(here), fromSource ? 'core-worker.ts' : 'core-worker.js');
  return fromSource ? { file, execArgv: ['--import', 'tsx'] } : { file };
}

/**
 * Opens the desktop's core in a worker_thread (issue 19; docs/architecture.md says why a thread
 * and not a utilityProcess) and hands main a bridge to it, for main/ipc-bridge.ts. Main keeps
 * only what it alone has: safeStorage, for the sync token the worker's engine asks it to load,
 * save or clear. Starts as openCoreHost did in main: the core, with a notice that an unreadable
 * file was moved aside, or the refusal of a newer version's file.
 */
export async function openWorkerCoreHost(
  options: WorkerCoreHostOptions,
): Promise<WorkerCoreHostStart> {
  const channel = new MessageChannel();
  const entry = coreWorkerEntry();
  const data: CoreWorkerData = { port: channel.port2 as unknown as MessagePort };
  const worker = new Worker(entry.file, {
    name: 'ltc-core',
    workerData: data,
    transferList: [channel.port2],
    ...(entry.execArgv ? { execArgv: entry.execArgv } : {}),
  });
  // Node's MessagePort is an EventTarget too (addEventListener), which its types do not declare.
  const port = channel.port1 as unknown as PortEnd<MainToCore, CoreToMain>;
  channel.port1.start();
  const post = (message: MainToCore) => port.postMessage(message);
  const bridge = createPortBridge<CoreToMain>(port);
  const log = options.log ?? (() => undefined);

  const exited = new Promise<number>((resolve) => worker.once('exit', resolve));
  worker.on('error', (error) => log(`the core worker failed: ${error.stack ?? String(error)}`));
  // Whatever ends the thread, no caller waits forever: every pending call gets an error.
  void exited.then((code) => {
    bridge.abandon(new Error(`the core worker stopped (exit code ${code})`));
    channel.port1.close();
  });

  const vaults = new Map<string, TokenVault>();
  const keepToken = async (id: number, file: string, request: VaultRequest) => {
    try {
      const vault = vaults.get(file) ?? vaultFor(options, file, log);
      vaults.set(file, vault);
      let token: string | undefined;
      if (request.op === 'load') token = await vault.load();
      else if (request.op === 'save') await vault.save(request.token);
      else await vault.clear();
      post({ kind: 'vaultAnswer', id, ok: true, token });
    } catch (error) {
      post({ kind: 'vaultAnswer', id, ok: false, message: String(error) });
    }
  };
  port.addEventListener('message', ({ data: message }) => {
    if (message.kind === 'log') log(message.message);
    else if (message.kind === 'vault') void keepToken(message.id, message.file, message.request);
  });

  const closed = new Promise<void>((resolve) =>
    port.addEventListener('message', ({ data }) => data.kind === 'closed' && resolve()),
  );
  let closing: Promise<void> | undefined;
  const close = () =>
    (closing ??= (async () => {
      post({ kind: 'close' });
      await Promise.race([closed, exited]);
      const timer = setTimeout(() => {
        log('the core worker did not end by itself after closing; stopping it');
        void worker.terminate();
      }, WORKER_END_AT_MOST_MS);
      await exited;
      clearTimeout(timer);
    })());

  const opening = new Promise<CoreToMain>((resolve) => {
    port.addEventListener('message', ({ data }) => {
      if (data.kind === 'opened' || data.kind === 'openRefused' || data.kind === 'openFailed')
        resolve(data);
    });
    void exited.then((code) =>
      resolve({ kind: 'openFailed', message: `the core worker stopped (exit code ${code})` }),
    );
  });
  post({
    kind: 'open',
    opening: {
      userDataDir: options.userDataDir,
      osUsername: options.osUsername,
      devMode: options.devMode ?? false,
      sync: options.sync ? { allowPlainHttp: options.sync.allowPlainHttp ?? false } : undefined,
    },
  });
  const answer = await opening;
  if (answer.kind === 'opened') {
    const { user, databaseFile, notice } = answer;
    const host: WorkerCoreHost = { bridge, user, databaseFile, worker, close };
    return { started: true, host, ...(notice ? { notice } : {}) };
  }
  await close();
  if (answer.kind === 'openRefused') return { started: false, problem: answer.problem };
  throw new Error(answer.kind === 'openFailed' ? answer.message : 'the core did not open');
}

/**
 * The safeStorage vault of the profile's token file. The worker names the file (it opened the
 * profile), but only a profile's token file under this userData folder is kept.
 */
function vaultFor(
  options: WorkerCoreHostOptions,
  file: string,
  log: (message: string) => void,
): TokenVault {
  if (!options.sync) throw new Error('sync is off: no token is kept');
  const profiles = path.join(options.userDataDir, PROFILES_FOLDER) + path.sep;
  if (path.basename(file) !== SYNC_TOKEN_FILE || !path.resolve(file).startsWith(profiles))
    throw new Error(`not a profile's token file: ${file}`);
  return createSafeStorageVault({ safeStorage: options.sync.safeStorage, file, log });
}
