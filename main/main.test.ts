import { EventEmitter } from 'node:events';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import os, { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { createLtcBridgeClient } from './preload/ltc-bridge-client';
import { buildContentSecurityPolicy } from './security';
import type { FakeIpcMain } from './test-support/fake-ipc';

/**
 * The Electron entry's wiring, with `electron` itself replaced by a fake (the one module that
 * cannot load without the binary). Everything behind it is real: the core in its worker_thread,
 * the dispatcher, the bridge, the protocol handler and the hardening.
 */
const fake = await vi.hoisted(async () => {
  const { EventEmitter: Emitter } = await import('node:events');
  const app = Object.assign(new Emitter(), {
    userData: '',
    quitCalls: 0,
    enableSandbox: vi.fn(),
    setPath: vi.fn(),
    requestSingleInstanceLock: () => true,
    whenReady: () => Promise.resolve(),
    isReady: () => true,
    getPath: (name: string) => (name === 'userData' ? app.userData : '/nonexistent'),
    getLocale: () => 'zh-CN',
    quit: () => {
      app.quitCalls += 1;
    },
    exit: vi.fn(),
  });
  const windows: { options: Record<string, unknown>; url?: string }[] = [];
  const handlers = new Map<string, (request: Request) => Promise<Response>>();
  return { app, windows, handlers, ipcMain: undefined as unknown, registered: [] as unknown[] };
});

vi.mock('electron', async () => {
  const { FakeIpcMain: Ipc } = await import('./test-support/fake-ipc');
  fake.ipcMain = new Ipc();
  class BrowserWindow {
    private readonly record: { options: Record<string, unknown>; url?: string };
    constructor(options: Record<string, unknown>) {
      this.record = { options };
      fake.windows.push(this.record);
    }
    once() {}
    isDestroyed() {
      return false;
    }
    async loadURL(url: string) {
      this.record.url = url;
    }
  }
  const session = {
    defaultSession: {
      protocol: {
        handle: (scheme: string, h: (r: Request) => Promise<Response>) =>
          fake.handlers.set(scheme, h),
      },
      setPermissionRequestHandler: vi.fn(),
      setPermissionCheckHandler: vi.fn(),
      webRequest: { onBeforeRequest: vi.fn() },
    },
  };
  return {
    app: fake.app,
    BrowserWindow,
    dialog: { showErrorBox: vi.fn(), showMessageBox: vi.fn(() => Promise.resolve()) },
    ipcMain: fake.ipcMain,
    // A machine without an OS keyring: the sync token stays in memory (main/token-vault.ts).
    safeStorage: {
      isEncryptionAvailable: () => false,
      encryptString: () => {
        throw new Error('no encryption available');
      },
      decryptString: () => {
        throw new Error('no encryption available');
      },
    },
    protocol: {
      registerSchemesAsPrivileged: (schemes: unknown[]) => fake.registered.push(...schemes),
    },
    session,
  };
});

fake.app.userData = mkdtempSync(path.join(tmpdir(), 'ltc-main-'));
// This desktop's profile, and a data file in it that is not a database (a damaged disk, a stray
// copy): the app must keep it, start fresh, and say where it went.
const profileId = '0190a000-0000-7000-8000-00000000beef';
writeFileSync(
  path.join(fake.app.userData, 'local-user.json'),
  JSON.stringify({ id: profileId, osUsername: os.userInfo().username, name: '王小明' }),
);
const profileDir = path.join(fake.app.userData, 'profiles', profileId);
mkdirSync(profileDir, { recursive: true });
writeFileSync(path.join(profileDir, 'ltc-desk.sqlite'), '客户名单，不是数据库');
// Production logs refusals with console.warn; the tests read them instead of printing them.
const warnings = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
const warned = (pattern: RegExp) =>
  warnings.mock.calls.some(([line]) => pattern.test(String(line)));
afterAll(() => rmSync(fake.app.userData, { recursive: true, force: true }));

async function started() {
  await import('./main');
  // The core starts in its worker_thread first (from the TypeScript sources here, through tsx).
  await vi.waitFor(() => expect(fake.windows).toHaveLength(1), { timeout: 60_000 });
  return fake.ipcMain as FakeIpcMain;
}

describe('the Electron entry', { timeout: 90_000 }, () => {
  it('registers app:// as a secure standard scheme and enforces the sandbox before ready', async () => {
    await started();
    expect(fake.registered).toEqual([
      { scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true } },
    ]);
    expect(fake.app.enableSandbox).toHaveBeenCalled();
  });

  it('opens one hardened window on the app origin, with the preload', async () => {
    await started();
    const [window] = fake.windows;
    expect(window?.url).toBe('app://ltc/index.html');
    expect(window?.options.webPreferences).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
    });
    expect(String((window?.options.webPreferences as { preload: string }).preload)).toMatch(
      /preload[/\\]preload\.cjs$/,
    );
  });

  it('serves app:// with the CSP through the protocol handler', async () => {
    await started();
    const response = await fake.handlers.get('app')?.(new Request('app://ltc/..%2fpackage.json'));
    expect(response?.status).toBe(403);
    expect(response?.headers.get('content-security-policy')).toBe(buildContentSecurityPolicy());
  });

  it('hardens every webContents the app creates', async () => {
    await started();
    const contents = Object.assign(new EventEmitter(), { setWindowOpenHandler: vi.fn() });
    fake.app.emit('web-contents-created', {}, contents);
    let prevented = false;
    contents.emit('will-navigate', {
      url: 'https://evil.example/',
      preventDefault: () => (prevented = true),
    });
    expect(prevented).toBe(true);
    expect(warned(/refused navigation to https:\/\/evil\.example/)).toBe(true);
    expect(contents.setWindowOpenHandler).toHaveBeenCalled();
  });

  it('hosts the core behind the IPC bridge, as the local OS user', async () => {
    const ipcMain = await started();
    const ltc = createLtcBridgeClient(ipcMain.connect('app://ltc/index.html').ipcRenderer);
    const created = await ltc.invoke('accounts/create', { name: '宁德时代' });
    const user = JSON.parse(
      readFileSync(path.join(fake.app.userData, 'local-user.json'), 'utf8'),
    ) as { id: string };
    expect(created).toMatchObject({ ok: true, value: { name: '宁德时代', ownerId: user.id } });
    // On the profile's SQLite file, not in memory.
    expect(existsSync(path.join(fake.app.userData, 'profiles', user.id, 'ltc-desk.sqlite'))).toBe(
      true,
    );
    const foreign = createLtcBridgeClient(ipcMain.connect('https://evil.example/').ipcRenderer);
    expect(await foreign.invoke('accounts/create', { name: 'x' })).toMatchObject({ ok: false });
    expect(warned(/refused on ltc:invoke .*https:\/\/evil\.example\/ is not the app origin/)).toBe(
      true,
    );
    expect(await ltc.invoke('accounts/create', { name: '' })).toMatchObject({ ok: false });
    expect(warned(/refused accounts\/create/)).toBe(true);
  });

  it('runs sync beside the core in its worker, behind the same bridge', async () => {
    const ipcMain = await started();
    const ltc = createLtcBridgeClient(ipcMain.connect('app://ltc/index.html').ipcRenderer);
    const messages: unknown[] = [];
    const stop = ltc.subscribe('sync/status', {}, (message) => messages.push(message));
    await vi.waitFor(() => expect(messages.length).toBeGreaterThan(0));
    stop();
    expect(messages[0]).toMatchObject({ ok: true, value: { state: 'signedOut' } });
    expect(warned(/sync could not start/)).toBe(false);
  });

  it('keeps an unreadable data file aside, starts fresh and tells the person where it is', async () => {
    await started();
    const kept = readdirSync(profileDir).find((name) => name.includes('.unreadable-'));
    expect(kept).toMatch(/^ltc-desk\.unreadable-\d{8}T\d{9}Z\.sqlite$/);
    expect(readFileSync(path.join(profileDir, kept!), 'utf8')).toBe('客户名单，不是数据库');
    const electron = await import('electron');
    // The system language here is zh-CN (getLocale): the message comes from that catalog.
    expect(electron.dialog.showMessageBox).toHaveBeenCalledWith({
      type: 'warning',
      message: '无法读取本地数据文件',
      detail: expect.stringContaining(path.join(profileDir, kept!)),
    });
  });

  it('closes the core before quitting, once', async () => {
    const ipcMain = await started();
    let prevented = 0;
    fake.app.emit('before-quit', { preventDefault: () => (prevented += 1) });
    fake.app.emit('before-quit', { preventDefault: () => (prevented += 1) });
    expect(prevented).toBe(1);
    await vi.waitFor(() => expect(fake.app.quitCalls).toBe(1), { timeout: 30_000 });
    // The bridge is gone with the core: nothing can reach a closed database.
    expect(ipcMain.listenerCount('ltc:invoke')).toBe(0);
  });
});
