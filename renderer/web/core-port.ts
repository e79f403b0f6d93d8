import {
  coalescedResults,
  isBoardQuery,
  sendingBoardDiffs,
  type LiveMessage,
  type LtcBridge,
} from '../../shared/api';
import { channelError, type CoreToPage, type PageToCore } from './core-protocol';
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
 * `open`, then runs each command and live query through the core's dispatcher and posts the
 * answers back by id. A live query the page closes is stopped here too, so the core stops
 * watching for it; one closed before the core was open never starts.
 */
export function serveCore(
  scope: CoreScope,
  open: (request: OpenRequest) => Promise<OpenedCore>,
): CoreServer {
  let host: Promise<OpenedCore> | undefined;
  let vault: RelayedVault | undefined;
  let firstScreenShown: () => void = () => undefined;
  const live = new Map<number, () => void>();

  /**
   * Posts a result; one structured clone cannot carry becomes an error envelope instead, and
   * false says so (a board then goes whole next time: the page has no base for a diff).
   */
  const answer = (message: Extract<CoreToPage, { envelope: unknown }>): boolean => {
    try {
      scope.postMessage(message);
      return true;
    } catch (error) {
      scope.postMessage({ ...message, envelope: channelError(error) });
      return false;
    }
  };

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

  const subscribe = ({ id, query, args }: Extract<PageToCore, { kind: 'subscribe' }>) => {
    // Set at once, so an unsubscribe that arrives before the bridge is ready still stops it.
    let stopped = false;
    live.set(id, () => (stopped = true));
    void bridge().then(
      (ready) => {
        if (stopped) return;
        const send = (envelope: LiveMessage) => answer({ kind: 'queryMessage', id, envelope });
        if (!isBoardQuery(query)) {
          live.set(id, ready.subscribe(query, args, send));
          return;
        }
        // A board goes whole once, then as what changed, as over Electron's IPC (issue 19): the
        // page clones a few cards instead of the whole board; its createCrmClient applies them.
        // While results come faster than a person reads (a first sync writing page after page),
        // the page gets the latest every BOARD_RESULT_EVERY_MS and renders once, not per slice.
        const board = coalescedResults(sendingBoardDiffs(send));
        const stop = ready.subscribe(query, args, board);
        live.set(id, () => {
          board.stop();
          stop();
        });
      },
      (error: unknown) => void answer({ kind: 'queryMessage', id, envelope: channelError(error) }),
    );
  };

  const close = async () => {
    for (const stop of live.values()) stop();
    live.clear();
    try {
      await (await host)?.close();
    } finally {
      scope.postMessage({ kind: 'closed' });
    }
  };

  scope.addEventListener('message', ({ data: message }) => {
    switch (message.kind) {
      case 'open':
        if (!host) start(message);
        return;
      case 'invoke':
        void bridge()
          .then((ready) => ready.invoke(message.command, message.args))
          .catch(channelError)
          .then((envelope) => answer({ kind: 'result', id: message.id, envelope }));
        return;
      case 'subscribe':
        subscribe(message);
        return;
      case 'unsubscribe':
        live.get(message.id)?.();
        live.delete(message.id);
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
  return { liveQueries: () => live.size };
}
