import { EventEmitter } from 'node:events';
import type { IpcEventLike, IpcMainLike, SenderLike } from '../ipc-bridge';
import type { IpcRendererLike } from '../preload/ltc-bridge-client';

/**
 * A fake of Electron's IPC for tests, the one mock at the Electron edge. It keeps the behaviour
 * the bridge relies on: messages are delivered asynchronously and in order, every argument is
 * structured-cloned (functions and class instances do not survive, as over real IPC), invoking a
 * channel with no handler rejects, and each message carries its sender and sender frame URL.
 */

type Listener = (event: IpcEventLike, ...args: unknown[]) => void;
type Handler = (event: IpcEventLike, ...args: unknown[]) => Promise<unknown>;

const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

export class FakeIpcMain implements IpcMainLike {
  private readonly handlers = new Map<string, Handler>();
  private readonly emitter = new EventEmitter();
  private nextContentsId = 1;

  handle(channel: string, listener: Handler): void {
    if (this.handlers.has(channel))
      throw new Error(`Attempted to register a second handler for '${channel}'`);
    this.handlers.set(channel, listener);
  }

  removeHandler(channel: string): void {
    this.handlers.delete(channel);
  }

  on(channel: string, listener: Listener): this {
    this.emitter.on(channel, listener);
    return this;
  }

  removeListener(channel: string, listener: Listener): this {
    this.emitter.removeListener(channel, listener);
    return this;
  }

  listenerCount(channel: string): number {
    return this.emitter.listenerCount(channel) + (this.handlers.has(channel) ? 1 : 0);
  }

  /** A renderer (one webContents) whose main frame shows `frameUrl`. */
  connect(frameUrl: string | null): FakeWebContents {
    return new FakeWebContents(this.nextContentsId++, frameUrl, this);
  }

  /** @internal what ipcRenderer.invoke does on the main side */
  async deliverInvoke(event: IpcEventLike, channel: string, args: unknown[]): Promise<unknown> {
    await nextTurn();
    const handler = this.handlers.get(channel);
    if (!handler)
      throw new Error(`Error invoking remote method '${channel}': No handler registered`);
    return structuredClone(await handler(event, ...args));
  }

  /** @internal what ipcRenderer.send does on the main side */
  deliverSend(event: IpcEventLike, channel: string, args: unknown[]): void {
    void nextTurn().then(() => this.emitter.emit(channel, event, ...args));
  }
}

/** One message main sent to a renderer. */
export interface SentMessage {
  channel: string;
  args: unknown[];
}

export class FakeWebContents extends EventEmitter implements SenderLike {
  private destroyed = false;
  /** Every message main sent to this renderer, in order. */
  readonly sent: SentMessage[] = [];
  private readonly renderer = new EventEmitter();

  constructor(
    readonly id: number,
    public frameUrl: string | null,
    private readonly ipcMain: FakeIpcMain,
  ) {
    super();
  }

  private event(): IpcEventLike {
    return { sender: this, senderFrame: this.frameUrl === null ? null : { url: this.frameUrl } };
  }

  isDestroyed(): boolean {
    return this.destroyed;
  }

  send(channel: string, ...args: unknown[]): void {
    if (this.destroyed) throw new Error('Object has been destroyed');
    const cloned = structuredClone(args);
    this.sent.push({ channel, args: cloned });
    void nextTurn().then(() => this.renderer.emit(channel, {}, ...cloned));
  }

  /** The page's ipcRenderer, as the preload sees it. */
  readonly ipcRenderer: IpcRendererLike = {
    invoke: (channel, ...args) =>
      this.ipcMain.deliverInvoke(this.event(), channel, structuredClone(args)),
    send: (channel, ...args) =>
      this.ipcMain.deliverSend(this.event(), channel, structuredClone(args)),
    on: (channel, listener) => this.renderer.on(channel, listener),
  };

  /** The window closed. */
  destroy(): void {
    this.destroyed = true;
    this.emit('destroyed');
  }

  /** The page reloaded (or loaded another document) in the main frame. */
  reload(): void {
    this.emit('did-start-navigation', {
      url: this.frameUrl,
      isMainFrame: true,
      isSameDocument: false,
    });
  }

  /** An in-page navigation (hash change, pushState): the document and its queries live on. */
  navigateInPage(): void {
    this.emit('did-start-navigation', {
      url: this.frameUrl,
      isMainFrame: true,
      isSameDocument: true,
    });
  }

  /** Waits until every message already on the way (both directions) has been delivered. */
  async settle(): Promise<void> {
    for (let i = 0; i < 3; i++) await nextTurn();
  }
}
