import type { CrmApi, LtcWireBridge } from './crm-api';
import { CrmError } from './errors';
import { receivingBoardDiffs } from './live-messages';

/** Wraps a raw bridge into the typed CrmApi: envelopes become values or thrown CrmErrors. */
export function createCrmClient(bridge: LtcWireBridge): CrmApi {
  return {
    async invoke(command, args) {
      const envelope = await bridge.invoke(command, args);
      if (!envelope.ok) throw new CrmError(envelope.error);
      // The bridge is untyped across the process boundary; the command map restores the type.
      return envelope.value as never;
    },
    subscribe(query, args, onResult, onError) {
      // Boards may arrive as diffs (from Electron's main process); they are applied here.
      const receive = receivingBoardDiffs((message) => {
        if (message.ok) onResult(message.value as never);
        else onError?.(message.error);
      });
      return bridge.subscribe(query, args, receive);
    },
  };
}
