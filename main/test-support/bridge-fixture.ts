import {
  createDispatcher,
  sendingDiffs,
  type DispatcherOptions,
  type LiveMessage,
  type LtcBridge,
  type LtcWireBridge,
} from '../../shared/api';
import type { CrmCore } from '../../shared/core';
import { openTestCore } from '../../shared/core/test-support';
import { registerIpcBridge, type BridgeLogEntry, type IpcBridgeOptions } from '../ipc-bridge';
import { createLtcBridgeClient } from '../preload/ltc-bridge-client';
import { FakeIpcMain, type FakeWebContents } from './fake-ipc';

export const APP_PAGE = 'app://ltc/index.html';

/**
 * The whole IPC path with only Electron faked: the preload's client on a fake ipcRenderer, the
 * bridge on a fake ipcMain, the real dispatcher and the real core on RxDB memory storage. The
 * dispatcher is wrapped only to count the live queries it opens and closes in the core.
 */
export async function openBridgeFixture(options: Omit<IpcBridgeOptions, 'log'> = {}) {
  const core: CrmCore = await openTestCore();
  const ipcMain = new FakeIpcMain();
  const bridgeLog: BridgeLogEntry[] = [];
  const dispatcherLog: { kind: string; name: string }[] = [];
  const queries = { opened: 0, closed: 0 };
  const log: DispatcherOptions['log'] = ({ kind, name }) => dispatcherLog.push({ kind, name });
  const dispatcher = createDispatcher(core.service, { log });
  const counting: LtcBridge = {
    invoke: dispatcher.invoke,
    subscribe(query, args, onMessage) {
      queries.opened += 1;
      const stop = dispatcher.subscribe(query, args, onMessage);
      return () => {
        queries.closed += 1;
        stop();
      };
    },
  };
  let dispose = registerIpcBridge(ipcMain, sendingDiffs(counting), {
    ...options,
    log: (entry) => bridgeLog.push(entry),
  });

  return {
    core,
    ipcMain,
    bridgeLog,
    dispatcherLog,
    queries,
    /** A page (webContents + the preload's window.ltc) whose main frame shows `url`. */
    page(url: string | null = APP_PAGE): { contents: FakeWebContents; ltc: LtcWireBridge } {
      const contents = ipcMain.connect(url);
      return { contents, ltc: createLtcBridgeClient(contents.ipcRenderer) };
    },
    /** Every document in every collection: "nothing written" means this stays 0. */
    async documentCount(): Promise<number> {
      const collections = Object.values(core.database.collections);
      const counts = await Promise.all(collections.map((c) => c.count().exec()));
      return counts.reduce((sum, n) => sum + n, 0);
    },
    dispose(): void {
      dispose();
      dispose = () => undefined;
    },
    async close(): Promise<void> {
      dispose();
      await core.close();
    },
  };
}

export type BridgeFixture = Awaited<ReturnType<typeof openBridgeFixture>>;

/** The field names a ValidationError envelope names, sorted; a test failure for anything else. */
export function fieldsOf(message: LiveMessage): string[] {
  if (message.ok || message.error.type !== 'ValidationError') {
    throw new Error(`not a ValidationError: ${JSON.stringify(message)}`);
  }
  return message.error.fields.map((f) => f.field).sort();
}
