import type { Envelope, LiveMessage, LtcWireBridge } from '../../shared/api';
import { IPC_CHANNELS } from './ipc-channels';

/** The parts of Electron's ipcRenderer the preload uses; a fake in tests. */
export interface IpcRendererLike {
  invoke(channel: string, ...args: unknown[]): Promise<unknown>;
  send(channel: string, ...args: unknown[]): void;
  on(channel: string, listener: (event: unknown, ...args: unknown[]) => void): unknown;
}

/** Made here, not imported: the preload may take only types from shared/. */
function internalError(message: string): Envelope<never> {
  return { ok: false, error: { type: 'InternalError', message } };
}

/**
 * The object the preload exposes as `window.ltc`. It closes over ipcRenderer and never hands it
 * out; the page can only invoke a command or open and close a live query, on fixed channels.
 */
export function createLtcBridgeClient(
  ipc: IpcRendererLike,
  newSubscriptionId: () => string = () => crypto.randomUUID(),
): LtcWireBridge {
  // Messages pass as they came: a board diff is applied by the page's createCrmClient, so only
  // the diff, not the whole board, is copied across the context bridge into the page.
  const listeners = new Map<string, (message: LiveMessage) => void>();

  // One listener routes every pushed result to its subscription; results for ids that were
  // already closed are dropped (main may have sent them before it saw the unsubscribe).
  ipc.on(IPC_CHANNELS.queryResult, (_event, subscriptionId, message) => {
    if (typeof subscriptionId !== 'string') return;
    listeners.get(subscriptionId)?.(message as LiveMessage);
  });

  return {
    async invoke(command, args) {
      try {
        return (await ipc.invoke(IPC_CHANNELS.invoke, command, args)) as Envelope<unknown>;
      } catch (error) {
        // Arguments that cannot be cloned for IPC, or main going away mid-call.
        return internalError(error instanceof Error ? error.message : 'IPC failed');
      }
    },
    subscribe(query, args, onMessage) {
      const subscriptionId = newSubscriptionId();
      listeners.set(subscriptionId, onMessage);
      try {
        ipc.send(IPC_CHANNELS.subscribe, subscriptionId, query, args);
      } catch (error) {
        listeners.delete(subscriptionId);
        onMessage(internalError(error instanceof Error ? error.message : 'IPC failed'));
        return () => undefined;
      }
      return () => {
        if (listeners.delete(subscriptionId)) ipc.send(IPC_CHANNELS.unsubscribe, subscriptionId);
      };
    },
  };
}
