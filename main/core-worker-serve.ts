import { isBridgeMessage, serveBridge, type LtcBridge, type PortEnd } from '../shared/api';
import type { TokenVault } from '../shared/sync/types';
import { openCoreHost, type CoreHost } from './core-host';
import type {
  CoreToMain,
  CoreWorkerOpening,
  MainToCore,
  VaultRequest,
} from './core-worker-protocol';

/** The worker's end of the core's port; closing it lets the worker's thread end. */
export type CorePortEnd = PortEnd<CoreToMain, MainToCore> & { close(): void };

/**
 * The core's side in its worker_thread (issue 19): on main's `open`, opens the core host
 * (main/core-host.ts: the profile's SQLite database, rules, sync engine, analytics) exactly as
 * main used to, then serves main's bridge through its dispatcher. The sync engine's token goes
 * to main and back by message: safeStorage, the OS's secret store, exists only in main.
 */
export function serveDesktopCore(port: CorePortEnd): void {
  let host: Promise<CoreHost | undefined> | undefined;
  let nextVaultCall = 0;
  const vaultCalls = new Map<
    number,
    { resolve: (token: string | undefined) => void; reject: (error: Error) => void }
  >();
  const post = (message: CoreToMain) => port.postMessage(message);
  const log = (message: string) => post({ kind: 'log', message });

  const askMain = (file: string, request: VaultRequest) =>
    new Promise<string | undefined>((resolve, reject) => {
      const id = ++nextVaultCall;
      vaultCalls.set(id, { resolve, reject });
      post({ kind: 'vault', id, file, request });
    });
  const vaultFor = (file: string): TokenVault => ({
    load: () => askMain(file, { op: 'load' }),
    save: async (token) => void (await askMain(file, { op: 'save', token })),
    clear: async () => void (await askMain(file, { op: 'clear' })),
  });

  const open = async (opening: CoreWorkerOpening): Promise<CoreHost | undefined> => {
    const start = await openCoreHost({
      userDataDir: opening.userDataDir,
      osUsername: opening.osUsername,
      devMode: opening.devMode,
      // The dispatcher never passes arguments here (a sign-in carries a password), only the error.
      log: ({ kind, name, error }) => log(`${kind} ${name}: ${String(error)}`),
      ...(opening.sync ? { sync: { ...opening.sync, vaultFor } } : {}),
      warn: log,
    });
    if (!start.started) {
      post({ kind: 'openRefused', problem: start.problem });
      return undefined;
    }
    const { user, databaseFile } = start.host;
    post({ kind: 'opened', user, databaseFile, notice: start.notice });
    return start.host;
  };

  const ready = async (): Promise<LtcBridge> => {
    const opened = await host;
    if (!opened) throw new Error('the core is not open');
    return opened.bridge;
  };
  const served = serveBridge(post, ready);

  const close = async () => {
    served.stopAll();
    try {
      await (await host)?.close();
    } catch (error) {
      log(`closing the core failed: ${String(error)}`);
    }
    post({ kind: 'closed' });
    // Nothing else holds the thread: once the port is closed, the worker ends by itself.
    port.close();
  };

  port.addEventListener('message', ({ data: message }) => {
    if (isBridgeMessage(message)) return served.handle(message);
    switch (message.kind) {
      case 'open':
        if (host) return;
        host = open(message.opening);
        host.catch((error: unknown) => post({ kind: 'openFailed', message: String(error) }));
        return;
      case 'vaultAnswer': {
        const call = vaultCalls.get(message.id);
        vaultCalls.delete(message.id);
        if (message.ok) call?.resolve(message.token);
        else call?.reject(new Error(message.message));
        return;
      }
      case 'close':
        void close();
        return;
    }
  });
}
