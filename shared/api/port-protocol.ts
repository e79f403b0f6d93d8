import type { Envelope } from './errors';
import type { LiveMessage } from './live-messages';

/*
 * The bridge over a MessagePort (issue 19): the messages with which a host's LtcBridge reaches a
 * core living on another thread. The web build's page talks to its Web Worker with them
 * (renderer/web), and Electron's main to its core's worker_thread (main/core-port.ts). Each
 * side adds its own few messages (opening the core, its token, closing) around these; the
 * bridge's own are exactly what the Electron preload's IPC channels carry.
 */

/** From the bridge's side to the core's: a command, a live query, its end. */
export type BridgeToCore =
  | { kind: 'invoke'; id: number; command: string; args: unknown }
  | { kind: 'subscribe'; id: number; query: string; args: unknown }
  | { kind: 'unsubscribe'; id: number };

/** From the core's side: a command's answer, or a live query's result by its id. */
export type CoreToBridge =
  | { kind: 'result'; id: number; envelope: Envelope<unknown> }
  /** A live query's result; a board's after the first as what changed (a BoardDiff). */
  | { kind: 'queryMessage'; id: number; envelope: LiveMessage };

/** One end of a MessagePort (a worker's scope, a Node MessagePort) as the bridge uses it. */
export interface PortEnd<Out, In> {
  postMessage(message: Out): void;
  addEventListener(type: 'message', listener: (event: MessageEvent<In>) => void): void;
}

/**
 * An envelope for a failure of the channel itself (a value structured clone cannot carry, a
 * core thread that stopped), so the caller always gets an answer it can show.
 */
export function channelError(error: unknown): Envelope<never> {
  const message = error instanceof Error ? error.message : 'the core worker could not answer';
  return { ok: false, error: { type: 'InternalError', message } };
}

const BRIDGE_KINDS = new Set<string>(['invoke', 'subscribe', 'unsubscribe']);

/** Whether a message on the core's side is one of the bridge's own (served by serveBridge). */
export const isBridgeMessage = (message: { kind: string }): message is BridgeToCore =>
  BRIDGE_KINDS.has(message.kind);
