import type { LtcWireBridge } from './crm-api';
import type { Envelope } from './errors';
import type { LiveMessage } from './live-messages';
import { channelError, type BridgeToCore, type CoreToBridge, type PortEnd } from './port-protocol';

export interface PortBridge extends LtcWireBridge {
  /**
   * The core's thread is gone (it crashed or was ended): every command still waiting is answered
   * with this error, every live query gets it once, and anything later is answered with it at once.
   */
  abandon(reason: Error): void;
}

/**
 * A host's LtcBridge over a MessagePort to the core's thread: each invoke and each live query
 * gets an id, and the core's answers are routed back by it. Closing a live query tells the core
 * to stop it there; answers already on their way for a closed one are dropped. Other messages on
 * the port (the host's own: opening, tokens, closing) are left to the host.
 */
export function createPortBridge<In extends { kind: string }>(
  port: PortEnd<BridgeToCore, In | CoreToBridge>,
): PortBridge {
  let nextId = 0;
  let gone: Envelope<never> | undefined;
  const calls = new Map<number, (envelope: Envelope<unknown>) => void>();
  const queries = new Map<number, (message: LiveMessage) => void>();
  port.addEventListener('message', ({ data: message }) => {
    if (message.kind === 'result') {
      const { id, envelope } = message as Extract<CoreToBridge, { kind: 'result' }>;
      calls.get(id)?.(envelope);
      calls.delete(id);
    } else if (message.kind === 'queryMessage') {
      const { id, envelope } = message as Extract<CoreToBridge, { kind: 'queryMessage' }>;
      queries.get(id)?.(envelope);
    }
  });
  return {
    invoke(command, args) {
      if (gone) return Promise.resolve(gone);
      const id = ++nextId;
      return new Promise((resolve) => {
        try {
          port.postMessage({ kind: 'invoke', id, command, args });
          calls.set(id, resolve);
        } catch (error) {
          // Arguments structured clone cannot carry (a function, say): refused here, as IPC does.
          resolve(channelError(error));
        }
      });
    },
    subscribe(query, args, onMessage) {
      if (gone) {
        onMessage(gone);
        return () => undefined;
      }
      const id = ++nextId;
      try {
        port.postMessage({ kind: 'subscribe', id, query, args });
      } catch (error) {
        onMessage(channelError(error));
        return () => undefined;
      }
      queries.set(id, onMessage);
      return () => {
        if (queries.delete(id) && !gone) port.postMessage({ kind: 'unsubscribe', id });
      };
    },
    abandon(reason) {
      if (gone) return;
      gone = channelError(reason);
      for (const resolve of calls.values()) resolve(gone);
      calls.clear();
      for (const onMessage of queries.values()) onMessage(gone);
      queries.clear();
    },
  };
}
