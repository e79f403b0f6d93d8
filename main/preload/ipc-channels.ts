/**
 * The only IPC channels between the preload and main. One prefix, one file: main registers
 * exactly these, and the preload can send on nothing else.
 */
export const IPC_CHANNELS = {
  /** renderer → main, invoke: (command, args) → Envelope */
  invoke: 'ltc:invoke',
  /** renderer → main, send: (subscriptionId, query, args) */
  subscribe: 'ltc:subscribe',
  /** renderer → main, send: (subscriptionId) */
  unsubscribe: 'ltc:unsubscribe',
  /** main → renderer, send: (subscriptionId, Envelope) */
  queryResult: 'ltc:query-result',
} as const;

/** Subscription ids are made by the preload (UUIDs); main refuses anything else. */
export const SUBSCRIPTION_ID_PATTERN = /^[A-Za-z0-9-]{1,64}$/;
