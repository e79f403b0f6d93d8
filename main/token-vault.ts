import { readFile, rename, rm, writeFile } from 'node:fs/promises';
import type { TokenVault } from '../shared/sync/types';

/**
 * The parts of Electron's safeStorage the vault uses. Injected, so the vault runs (and is tested)
 * without Electron; main.ts passes the real `safeStorage`.
 */
export interface SafeStorageLike {
  isEncryptionAvailable(): boolean;
  encryptString(plainText: string): Buffer;
  decryptString(encrypted: Buffer): string;
  /**
   * Linux only: which secret store backs the key. 'basic_text' means a hard-coded key, which is
   * obfuscation rather than encryption, so the vault treats it as "no encryption available".
   */
  getSelectedStorageBackend?(): string;
}

export interface SafeStorageVaultOptions {
  safeStorage: SafeStorageLike;
  /** Where the encrypted token is kept: beside the profile's database. */
  file: string;
  /** Told once when the token cannot be kept on disk, so the log says why sign-in did not last. */
  log?: (message: string) => void;
}

function encryptionAvailable(safeStorage: SafeStorageLike): boolean {
  if (!safeStorage.isEncryptionAvailable()) return false;
  return safeStorage.getSelectedStorageBackend?.() !== 'basic_text';
}

function isMissing(error: unknown): boolean {
  return (error as { code?: unknown } | null)?.code === 'ENOENT';
}

/**
 * Keeps the sync server's bearer token encrypted with the OS's secret store (Keychain, DPAPI,
 * libsecret/kwallet) through Electron's safeStorage. Where no real encryption is available, the
 * token is kept in memory only, for this session: writing a bearer token to disk in plain text
 * would let anyone who copies the profile folder act as the person on the server. The price is
 * that the person signs in again after every restart on such a machine.
 */
export function createSafeStorageVault(options: SafeStorageVaultOptions): TokenVault {
  const { safeStorage, file } = options;
  let inMemory: string | undefined;
  let warned = false;

  const onDisk = (): boolean => {
    const available = encryptionAvailable(safeStorage);
    if (!available && !warned) {
      warned = true;
      options.log?.('safeStorage has no OS encryption here: the sync token is kept in memory only');
    }
    return available;
  };

  return {
    async load() {
      if (inMemory !== undefined || !onDisk()) return inMemory;
      let encrypted: Buffer;
      try {
        encrypted = await readFile(file);
      } catch (error) {
        if (isMissing(error)) return undefined;
        throw error;
      }
      try {
        inMemory = safeStorage.decryptString(encrypted);
        return inMemory;
      } catch {
        // Encrypted by another OS account or a reset keyring: it can never be read again.
        // Forget it; the person signs in again.
        await rm(file, { force: true });
        return undefined;
      }
    },
    async save(token) {
      inMemory = token;
      if (!onDisk()) return;
      // Written beside and renamed, so a crash mid-write never leaves half a token.
      const temporary = `${file}.${process.pid}.tmp`;
      await writeFile(temporary, safeStorage.encryptString(token), { mode: 0o600 });
      await rename(temporary, file);
    },
    async clear() {
      inMemory = undefined;
      await rm(file, { force: true });
    },
  };
}
