import {
  toCrmErrorData,
  validationError,
  type Envelope,
  type FieldIssue,
  type LiveMessage,
  type LtcWireBridge,
} from '../shared/api';
import { IPC_CHANNELS, SUBSCRIPTION_ID_PATTERN } from './preload/ipc-channels';
import { isAppUrl } from './security';

/**
 * The main side of `window.ltc`: three channels, each checked (sender origin, payload shape)
 * before anything reaches the dispatcher, which then checks command/query names and arguments
 * against the shared/api schemas. Electron appears only through the small *Like interfaces, so
 * tests drive this with a fake ipcMain and the real dispatcher and core.
 */

/** The parts of Electron's WebContents the bridge uses. */
export interface SenderLike {
  readonly id: number;
  send(channel: string, ...args: unknown[]): void;
  isDestroyed(): boolean;
  on(
    event: 'destroyed' | 'render-process-gone' | 'did-start-navigation',
    listener: (details: NavigationDetailsLike) => void,
  ): unknown;
}

/** Electron's IpcMainEvent / IpcMainInvokeEvent, reduced to what is checked. */
export interface IpcEventLike {
  sender: SenderLike;
  /** null when the sending frame navigated away or was destroyed before the message arrived. */
  senderFrame: { url: string } | null;
}

export interface IpcMainLike {
  handle(
    channel: string,
    listener: (event: IpcEventLike, ...args: unknown[]) => Promise<unknown>,
  ): void;
  removeHandler(channel: string): void;
  on(channel: string, listener: (event: IpcEventLike, ...args: unknown[]) => void): unknown;
  removeListener(
    channel: string,
    listener: (event: IpcEventLike, ...args: unknown[]) => void,
  ): unknown;
}

export interface BridgeLogEntry {
  kind: 'refused' | 'failed';
  channel: string;
  reason: string;
  senderId: number;
  error?: unknown;
}

export interface IpcBridgeOptions {
  /** Every refusal and failure, with its reason. Production passes a console logger. */
  log?: (entry: BridgeLogEntry) => void;
  /** Which frame URLs may call the bridge; the app origin by default. */
  isAllowedSender?: (frameUrl: string) => boolean;
  /** A renderer holding more live queries than this is misbehaving; further ones are refused. */
  maxSubscriptionsPerSender?: number;
}

const MAX_NAME_LENGTH = 100;
const DEFAULT_MAX_SUBSCRIPTIONS = 256;

interface Subscription {
  live: boolean;
  stop: () => void;
}

interface SenderState {
  sender: SenderLike;
  subscriptions: Map<string, Subscription>;
}

/** Electron passes navigation details on the event object (Electron ≥ 25). */
export interface NavigationDetailsLike {
  isMainFrame?: boolean;
  isSameDocument?: boolean;
}

function refusal(fields: FieldIssue[], message: string): Envelope<never> {
  return { ok: false, error: toCrmErrorData(validationError(fields, message)) };
}

function isName(value: unknown): value is string {
  return typeof value === 'string' && value.length > 0 && value.length <= MAX_NAME_LENGTH;
}

/**
 * Registers the bridge on ipcMain; the returned function unregisters it and ends every query.
 * What the bridge sends for a live query goes to the page as it is: a board whole once, then as
 * what changed (issue 19), made where the core runs (main/core-port.ts's worker, or sendingDiffs
 * around a dispatcher in main), so main never clones, nor diffs, a whole board per update.
 */
export function registerIpcBridge(
  ipcMain: IpcMainLike,
  bridge: LtcWireBridge,
  options: IpcBridgeOptions = {},
): () => void {
  const log = options.log ?? (() => undefined);
  const isAllowedSender = options.isAllowedSender ?? isAppUrl;
  const maxSubscriptions = options.maxSubscriptionsPerSender ?? DEFAULT_MAX_SUBSCRIPTIONS;
  const senders = new Map<number, SenderState>();

  function refuse(channel: string, event: IpcEventLike, reason: string): void {
    log({ kind: 'refused', channel, reason, senderId: event.sender.id });
  }

  function fail(channel: string, sender: SenderLike, reason: string, error: unknown): void {
    log({ kind: 'failed', channel, reason, senderId: sender.id, error });
  }

  /** The reason a sender may not use the bridge, or null when it may. */
  function senderProblem(event: IpcEventLike): string | null {
    const url = event.senderFrame?.url;
    if (url === undefined) return 'the sending frame is gone';
    return isAllowedSender(url) ? null : `sender ${url} is not the app origin`;
  }

  /**
   * Sends one result. One that cannot be cloned reaches the renderer as an error in its place; it
   * has already crossed from the core's thread, so that would be a difference between the two
   * clones (the page's client then answers a later board diff with an error, never a wrong board).
   */
  function push(state: SenderState, subscriptionId: string, message: LiveMessage): void {
    if (state.sender.isDestroyed()) return;
    try {
      state.sender.send(IPC_CHANNELS.queryResult, subscriptionId, message);
    } catch (error) {
      // A result that cannot be cloned is a core bug; the renderer gets an error, not silence.
      fail(IPC_CHANNELS.queryResult, state.sender, 'send failed', error);
      state.sender.send(IPC_CHANNELS.queryResult, subscriptionId, {
        ok: false,
        error: toCrmErrorData(error),
      });
    }
  }

  function stop(state: SenderState, subscriptionId: string): void {
    const subscription = state.subscriptions.get(subscriptionId);
    if (!subscription) return;
    subscription.live = false;
    state.subscriptions.delete(subscriptionId);
    try {
      subscription.stop();
    } catch (error) {
      fail(IPC_CHANNELS.unsubscribe, state.sender, 'unsubscribe failed', error);
    }
  }

  function stopAll(state: SenderState): void {
    for (const id of [...state.subscriptions.keys()]) stop(state, id);
  }

  /**
   * A page's subscriptions die with the page: when its webContents is destroyed, its renderer
   * crashes, or its main frame loads a new document (reload), none of its callbacks exist anymore.
   */
  function stateFor(sender: SenderLike): SenderState {
    const known = senders.get(sender.id);
    if (known) return known;
    const state: SenderState = { sender, subscriptions: new Map() };
    senders.set(sender.id, state);
    sender.on('destroyed', () => {
      stopAll(state);
      senders.delete(sender.id);
    });
    sender.on('render-process-gone', () => stopAll(state));
    sender.on('did-start-navigation', (details: NavigationDetailsLike) => {
      if (details.isMainFrame && !details.isSameDocument) stopAll(state);
    });
    return state;
  }

  async function onInvoke(event: IpcEventLike, ...payload: unknown[]): Promise<Envelope<unknown>> {
    const channel = IPC_CHANNELS.invoke;
    const problem = senderProblem(event);
    if (problem) {
      refuse(channel, event, problem);
      return refusal([{ field: 'sender', code: 'invalid' }], `refused: ${problem}`);
    }
    const [command, args] = payload;
    if (payload.length > 2 || !isName(command)) {
      refuse(channel, event, 'malformed invoke payload');
      return refusal([{ field: 'command', code: 'invalid' }], 'refused: malformed invoke payload');
    }
    try {
      // The dispatcher refuses unknown commands and invalid arguments before a handler runs.
      return await bridge.invoke(command, args);
    } catch (error) {
      fail(channel, event.sender, `command ${command} threw`, error);
      return { ok: false, error: toCrmErrorData(error) };
    }
  }

  function onSubscribe(event: IpcEventLike, ...payload: unknown[]): void {
    const channel = IPC_CHANNELS.subscribe;
    const [subscriptionId, query, args] = payload;
    // Without a usable id there is no subscription to address a refusal to: log only.
    if (typeof subscriptionId !== 'string' || !SUBSCRIPTION_ID_PATTERN.test(subscriptionId)) {
      refuse(channel, event, 'missing or malformed subscription id');
      return;
    }
    const reply = (message: Envelope<unknown>) => {
      if (!event.sender.isDestroyed())
        event.sender.send(IPC_CHANNELS.queryResult, subscriptionId, message);
    };
    const problem = senderProblem(event);
    if (problem) {
      refuse(channel, event, problem);
      reply(refusal([{ field: 'sender', code: 'invalid' }], `refused: ${problem}`));
      return;
    }
    const state = stateFor(event.sender);
    if (payload.length > 3 || !isName(query)) {
      refuse(channel, event, 'malformed subscribe payload');
      reply(refusal([{ field: 'query', code: 'invalid' }], 'refused: malformed subscribe payload'));
      return;
    }
    if (state.subscriptions.has(subscriptionId)) {
      // Answering on that id would feed a foreign result into the live subscription.
      refuse(channel, event, `subscription id ${subscriptionId} is already in use`);
      return;
    }
    if (state.subscriptions.size >= maxSubscriptions) {
      refuse(channel, event, `more than ${maxSubscriptions} live queries`);
      reply(
        refusal([{ field: 'subscriptionId', code: 'invalid' }], 'refused: too many live queries'),
      );
      return;
    }
    const subscription: Subscription = { live: true, stop: () => undefined };
    state.subscriptions.set(subscriptionId, subscription);
    const send = (message: LiveMessage) => {
      if (subscription.live) push(state, subscriptionId, message);
    };
    try {
      // The dispatcher refuses unknown queries and invalid arguments with an error message.
      subscription.stop = bridge.subscribe(query, args, send);
    } catch (error) {
      fail(channel, event.sender, `query ${query} threw`, error);
      state.subscriptions.delete(subscriptionId);
      reply({ ok: false, error: toCrmErrorData(error) });
    }
  }

  function onUnsubscribe(event: IpcEventLike, ...payload: unknown[]): void {
    const [subscriptionId] = payload;
    if (
      payload.length !== 1 ||
      typeof subscriptionId !== 'string' ||
      !SUBSCRIPTION_ID_PATTERN.test(subscriptionId)
    ) {
      refuse(IPC_CHANNELS.unsubscribe, event, 'malformed unsubscribe payload');
      return;
    }
    // Subscriptions are per sender: one page cannot end another page's live queries.
    const state = senders.get(event.sender.id);
    if (state) stop(state, subscriptionId);
  }

  ipcMain.handle(IPC_CHANNELS.invoke, onInvoke);
  ipcMain.on(IPC_CHANNELS.subscribe, onSubscribe);
  ipcMain.on(IPC_CHANNELS.unsubscribe, onUnsubscribe);

  return () => {
    ipcMain.removeHandler(IPC_CHANNELS.invoke);
    ipcMain.removeListener(IPC_CHANNELS.subscribe, onSubscribe);
    ipcMain.removeListener(IPC_CHANNELS.unsubscribe, onUnsubscribe);
    for (const state of senders.values()) stopAll(state);
    senders.clear();
  };
}
