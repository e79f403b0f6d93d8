import type { LtcBridge } from './crm-api';
import { isBoardQuery, sendingBoardDiffs, type LiveMessage } from './live-messages';
import { channelError, type BridgeToCore, type CoreToBridge } from './port-protocol';

export interface BridgeServer {
  /** Runs one of the bridge's messages (an invoke, a live query, its end) in the core. */
  handle(message: BridgeToCore): void;
  /** Live queries running in the core for the other side now. */
  liveQueries(): number;
  /** Stops every live query (the core is closing). */
  stopAll(): void;
}

/**
 * The core's side of createPortBridge: runs each command and live query through the core's
 * dispatcher once it is open (`ready`) and posts the answers back by id. A live query the other
 * side closes is stopped here too, so the core stops watching for it; one closed before the core
 * was open never starts. Boards go whole once, then as what changed (issue 19): the other side
 * clones a few cards instead of the whole board, and its createCrmClient applies them.
 */
export function serveBridge(
  post: (message: CoreToBridge) => void,
  ready: () => Promise<LtcBridge>,
): BridgeServer {
  const live = new Map<number, () => void>();

  /**
   * Posts a result; one structured clone cannot carry becomes an error envelope instead, and
   * false says so (a board then goes whole next time: the other side has no base for a diff).
   */
  const answer = (message: CoreToBridge): boolean => {
    try {
      post(message);
      return true;
    } catch (error) {
      post({ ...message, envelope: channelError(error) });
      return false;
    }
  };

  const subscribe = ({ id, query, args }: Extract<BridgeToCore, { kind: 'subscribe' }>) => {
    // Set at once, so an unsubscribe that arrives before the bridge is ready still stops it.
    let stopped = false;
    live.set(id, () => (stopped = true));
    void ready().then(
      (bridge) => {
        if (stopped) return;
        const send = (envelope: LiveMessage) => answer({ kind: 'queryMessage', id, envelope });
        const stop = bridge.subscribe(
          query,
          args,
          isBoardQuery(query) ? sendingBoardDiffs(send) : send,
        );
        live.set(id, stop);
      },
      (error: unknown) => void answer({ kind: 'queryMessage', id, envelope: channelError(error) }),
    );
  };

  return {
    handle(message) {
      switch (message.kind) {
        case 'invoke':
          void ready()
            .then((bridge) => bridge.invoke(message.command, message.args))
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
      }
    },
    liveQueries: () => live.size,
    stopAll() {
      for (const stop of live.values()) stop();
      live.clear();
    },
  };
}
