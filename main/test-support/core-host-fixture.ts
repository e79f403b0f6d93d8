import type { Envelope } from '../../shared/api';
import { openCoreHost, type CoreHost } from '../core-host';
import { openWorkerCoreHost, type WorkerCoreHost } from '../core-port';
import type { SafeStorageLike } from '../token-vault';

/**
 * Electron's safeStorage, stood in reversibly: the Electron edge only, so the core host and its
 * token vault run in Node for tests and benchmarks.
 */
export const reversibleSafeStorage: SafeStorageLike = {
  isEncryptionAvailable: () => true,
  encryptString: (plain) => Buffer.from(`enc:${Buffer.from(plain).toString('base64')}`),
  decryptString: (encrypted) =>
    Buffer.from(encrypted.toString().replace(/^enc:/, ''), 'base64').toString(),
};

/** A bridge reply's value; its error, if any, thrown with its type. */
export async function answerOf<T>(reply: Promise<Envelope<unknown>>): Promise<T> {
  const message = await reply;
  if (!message.ok) throw new Error(`${message.error.type}: ${message.error.message}`);
  return message.value as T;
}

/** The core host on a profile folder, with sync (its token kept by reversibleSafeStorage). */
export async function openSyncingHost(userDataDir: string, osUsername: string): Promise<CoreHost> {
  const start = await openCoreHost({
    userDataDir,
    osUsername,
    sync: { safeStorage: reversibleSafeStorage },
  });
  if (!start.started) throw new Error(`did not start: ${start.problem.code}`);
  return start.host;
}

/** The core in its worker_thread on a profile folder, as main.ts opens it, with sync. */
export async function openSyncingWorkerHost(
  userDataDir: string,
  osUsername: string,
  safeStorage: SafeStorageLike = reversibleSafeStorage,
): Promise<WorkerCoreHost> {
  const start = await openWorkerCoreHost({ userDataDir, osUsername, sync: { safeStorage } });
  if (!start.started) throw new Error(`did not start: ${start.problem.code}`);
  return start.host;
}
