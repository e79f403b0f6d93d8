import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createSafeStorageVault, type SafeStorageLike } from './token-vault';

/**
 * Electron's safeStorage, faked (the Electron edge): "encryption" is a XOR with this fake OS
 * account's key, so another key cannot read it back, like another OS account with the real one.
 */
function fakeSafeStorage(options: { available?: boolean; backend?: string; key?: number } = {}) {
  const key = options.key ?? 0x5a;
  const storage: SafeStorageLike = {
    isEncryptionAvailable: () => options.available ?? true,
    encryptString: (plain) =>
      Buffer.concat([Buffer.from('ENC1'), Buffer.from(plain, 'utf8').map((b) => b ^ key)]),
    decryptString: (encrypted) => {
      if (encrypted.subarray(0, 4).toString() !== 'ENC1') throw new Error('not encrypted here');
      const plain = Buffer.from(encrypted.subarray(4).map((b) => b ^ key)).toString('utf8');
      if (!plain.startsWith('tok_')) throw new Error('Error while decrypting the ciphertext');
      return plain;
    },
    ...(options.backend ? { getSelectedStorageBackend: () => options.backend! } : {}),
  };
  return storage;
}

const TOKEN = 'tok_9f8e7d6c5b4a';

let dir: string;
let file: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'ltc-vault-'));
  file = path.join(dir, 'sync-token.bin');
});
afterEach(() => rm(dir, { recursive: true, force: true }));

describe('createSafeStorageVault', () => {
  it('keeps the token encrypted on disk, across restarts, until cleared', async () => {
    const vault = createSafeStorageVault({ safeStorage: fakeSafeStorage(), file });
    expect(await vault.load()).toBeUndefined();
    await vault.save(TOKEN);
    const onDisk = await readFile(file);
    expect(onDisk.toString('latin1')).not.toContain(TOKEN);
    // A restart: a new vault on the same file.
    const restarted = createSafeStorageVault({ safeStorage: fakeSafeStorage(), file });
    expect(await restarted.load()).toBe(TOKEN);
    await restarted.clear();
    expect(existsSync(file)).toBe(false);
    expect(await restarted.load()).toBeUndefined();
    expect(
      await createSafeStorageVault({ safeStorage: fakeSafeStorage(), file }).load(),
    ).toBeUndefined();
  });

  it('keeps the token in memory only where the OS offers no encryption, and says so once', async () => {
    for (const safeStorage of [
      fakeSafeStorage({ available: false }),
      // Linux without a keyring: a hard-coded key is not encryption.
      fakeSafeStorage({ backend: 'basic_text' }),
    ]) {
      const told: string[] = [];
      const vault = createSafeStorageVault({ safeStorage, file, log: (m) => told.push(m) });
      await vault.save(TOKEN);
      expect(await vault.load()).toBe(TOKEN);
      expect(existsSync(file)).toBe(false);
      await vault.save(`${TOKEN}-2`);
      expect(await vault.load()).toBe(`${TOKEN}-2`);
      expect(told).toEqual([
        'safeStorage has no OS encryption here: the sync token is kept in memory only',
      ]);
      // The next session starts signed out.
      expect(await createSafeStorageVault({ safeStorage, file }).load()).toBeUndefined();
      await vault.clear();
      expect(await vault.load()).toBeUndefined();
    }
  });

  it('uses a real keyring backend on Linux', async () => {
    const vault = createSafeStorageVault({
      safeStorage: fakeSafeStorage({ backend: 'gnome_libsecret' }),
      file,
    });
    await vault.save(TOKEN);
    expect(existsSync(file)).toBe(true);
  });

  it('forgets a token it can no longer decrypt (another OS account, a reset keyring)', async () => {
    await createSafeStorageVault({ safeStorage: fakeSafeStorage({ key: 1 }), file }).save(TOKEN);
    const other = createSafeStorageVault({ safeStorage: fakeSafeStorage({ key: 2 }), file });
    expect(await other.load()).toBeUndefined();
    expect(existsSync(file)).toBe(false);
    await writeFile(file, 'garbage');
    expect(await other.load()).toBeUndefined();
    expect(existsSync(file)).toBe(false);
  });
});
