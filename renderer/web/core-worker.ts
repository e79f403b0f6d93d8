import type { LtcBridge } from '../../shared/api';
import { channelError, type CoreToPage, type PageToCore } from './core-protocol';
import { openWebHost, type WebHost } from './host';
import { createRelayedVault, type RelayedVault } from './token-vault';

/**
 * The web core's worker: the database, rules, sync engine and analytics of the web build, off
 * the page's thread (issue 19). The page (worker-host.ts) sends `open` once, then commands and
 * live queries; this answers them through the same dispatcher the in-page host used, so the
 * renderer sees exactly the LtcBridge it saw before. A dedicated worker belongs to one page:
 * reloading the page ends it, and the new page opens a new one.
 */

/** The worker's global scope, typed here: the project's DOM lib types `self` as a window. */
const scope = self as unknown as {
  onmessage: ((event: MessageEvent<PageToCore>) => void) | null;
  postMessage(message: CoreToPage): void;
};

/** Posts a result; one structured clone cannot carry becomes an error envelope instead. */
function answer(message: Extract<CoreToPage, { envelope: unknown }>): void {
  try {
    scope.postMessage(message);
  } catch (error) {
    scope.postMessage({ ...message, envelope: channelError(error) });
  }
}

let host: Promise<WebHost> | undefined;
let vault: RelayedVault | undefined;
let firstScreenShown: () => void = () => undefined;
const live = new Map<number, () => void>();

function open(message: Extract<PageToCore, { kind: 'open' }>): void {
  vault = createRelayedVault(message.token, (token) =>
    scope.postMessage({ kind: 'storeToken', token }),
  );
  host = openWebHost({
    localUser: message.profile,
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
}

/** The dispatcher, once the core is open; the page sends nothing else before `opened`. */
async function bridge(): Promise<LtcBridge> {
  if (!host) throw new Error('the core is not open');
  return (await host).bridge;
}

function subscribe(message: Extract<PageToCore, { kind: 'subscribe' }>): void {
  const { id, query, args } = message;
  // Set at once, so an unsubscribe that arrives before the bridge is ready still stops it.
  let stopped = false;
  live.set(id, () => (stopped = true));
  void bridge().then(
    (ready) => {
      if (stopped) return;
      const stop = ready.subscribe(query, args, (envelope) =>
        answer({ kind: 'queryMessage', id, envelope }),
      );
      live.set(id, stop);
    },
    (error: unknown) => answer({ kind: 'queryMessage', id, envelope: channelError(error) }),
  );
}

async function close(): Promise<void> {
  for (const stop of live.values()) stop();
  live.clear();
  try {
    await (await host)?.close();
  } finally {
    scope.postMessage({ kind: 'closed' });
  }
}

scope.onmessage = ({ data: message }) => {
  switch (message.kind) {
    case 'open':
      if (!host) open(message);
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
};
