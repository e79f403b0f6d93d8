import type { LtcWireBridge } from './crm-api';
import { syncQuerySchemas } from './sync-contract';

export interface FirstScreen {
  /** The bridge as it is, counting its live queries until each has its first answer. */
  watch(bridge: LtcWireBridge): LtcWireBridge;
  /**
   * Resolves once the first screen's queries have all answered and no new one came with the
   * frame that showed them (a board asks for its pipelines first, then for its cards), or after
   * `atMostMs` whatever happens.
   */
  answered: Promise<void>;
}

const isSyncQuery = (query: string) =>
  Object.prototype.hasOwnProperty.call(syncQuerySchemas, query);

/**
 * When the first screen has its answers from the local database. The web page tells its core
 * worker then, and the worker starts the sync engine, so that on reopening a profile the
 * screen's queries read IndexedDB without the engine's start-up (its replications' storage, the
 * pending count, a first pull's writes) competing with them for IndexedDB and the core's thread
 * (issue 19: the first card with sync on within 1.2x of sync off). Sync's own queries are not counted: they answer once the engine runs.
 * `nextFrame` resolves after the next painted frame.
 */
export function firstScreen(atMostMs: number, nextFrame: () => Promise<void>): FirstScreen {
  let waiting = 0;
  let asked = false;
  let quiet: (() => void) | undefined;
  const whenQuiet = () =>
    new Promise<void>((resolve) => {
      if (asked && waiting === 0) resolve();
      else quiet = resolve;
    });
  const settle = async () => {
    do {
      await whenQuiet();
      await nextFrame();
    } while (waiting > 0);
  };
  const answered = Promise.race([
    settle(),
    new Promise<void>((resolve) => setTimeout(resolve, atMostMs)),
  ]);
  return {
    answered,
    watch: (bridge) => ({
      invoke: (command, args) => bridge.invoke(command, args),
      subscribe: (query, args, onMessage) => {
        if (isSyncQuery(query)) return bridge.subscribe(query, args, onMessage);
        asked = true;
        waiting += 1;
        let first = true;
        const done = () => {
          if (!first) return;
          first = false;
          waiting -= 1;
          if (waiting === 0) quiet?.();
        };
        const stop = bridge.subscribe(query, args, (message) => {
          onMessage(message);
          done();
        });
        // A query given up before it answered (the person moved on) is not waited for.
        return () => {
          stop();
          done();
        };
      },
    }),
  };
}
