import type { CrmApi, LtcBridge } from './crm-api';
import { CrmError } from './errors';

/** Wraps a raw bridge into the typed CrmApi: envelopes become values or thrown CrmErrors. */
export function createCrmClient(bridge: LtcBridge): CrmApi {
  return {
    async invoke(command, args) {
      const envelope = await bridge.invoke(command, args);
      if (!envelope.ok) throw new CrmError(envelope.error);
      // The bridge is untyped across the process boundary; the command map restores the type.
      return envelope.value as never;
    },
    subscribe(query, args, onResult, onError) {
      return bridge.subscribe(query, args, (message) => {
        if (message.ok) onResult(message.value as never);
        else onError?.(message.error);
      });
    },
  };
}
