import { isBridgeMessage, serveBridge, type LtcBridge } from '../../shared/api';
import type { CoreToPage, PageToCore } from './core-protocol';
import { createRelayedVault, type RelayedVault } from './token-vault';

/** The worker's global scope as this uses it (a MessagePort in tests). */
export interface CoreScope {
  postMessage(message: CoreToPage): void;
  addEventListener(type: 'message', listener: (event: MessageEvent<PageToCore>) => void): void;
}

/** What `open` gives the host that opens the core (host.ts's openWebHost in the worker). */
export interface OpenRequest {
  message: Extract<PageToCore, { kind: 'open' }>;
  vault: RelayedVault;
  firstScreenShown: Promise<void>;
}

export interface OpenedCore {
  bridge: LtcBridge;
  currentUser: { id: string; name: string };
  close(): Promise<void>;
}

export interface CoreServer {
  /** Live queries running in the core for the page now. */
  liveQueries(): number;
}

/**
 * The worker's side of the page's LtcBridge (worker-host.ts): opens the core on the page's
 * `open`, then serves each command and live query through the core's dispatcher
 * (shared/api/port-server.ts, as the desktop's core worker does).
 */
export function serveCore(
  scope: CoreScope,
  open: (request: OpenRequest) => Promise<OpenedCore>,
): CoreServer {
  let host: Promise<OpenedCore> | undefined;
  let vault: RelayedVault | undefined;
  let firstScreenShown: () => void = () => undefined;

  /** The dispatcher, once the core is open; the page sends nothing else before `opened`. */
  const bridge = async (): Promise<LtcBridge> => {
    if (!host) throw new Error('the core is not open');
    return (await host).bridge;
  };

  const start = (message: Extract<PageToCore, { kind: 'open' }>) => {
    vault = createRelayedVault(message.token, (token) =>
      scope.postMessage({ kind: 'storeToken', token }),
    );
    host = open({
      message,
      vault,
      firstScreenShown: new Promise((resolve) => (firstScreenShown = resolve)),
    });
    host.then(
      (opened) => scope.postMessage({ kind: 'opened', currentUser: opened.currentUser }),
      (error: unknown) => {
        console.error('[ltc] the core could not open', error);
        scope.postMessage({ kind: 'openFailed', message: String(error) });
      },
    );
  };

  const served = serveBridge((message) => scope.postMessage(message), bridge);

  const close = async () => {
    served.stopAll();
    try {
      await (await host)?.close();
    } finally {
      scope.postMessage({ kind: 'closed' });
    }
  };

  scope.addEventListener('message', ({ data: message }) => {
    if (isBridgeMessage(message)) return served.handle(message);
    switch (message.kind) {
      case 'open':
        if (!host) start(message);
        return;
      case 'tokenChanged':
        vault?.changedInPage(message.token);
        return;
      case 'firstScreenShown':
        firstScreenShown();
        return;
      case 'close':
        void close();
        return;
    }
  });
  return { liveQueries: served.liveQueries };
}
