/** Secrets encrypted with Electron safeStorage (DPAPI on Windows, Keychain on macOS, libsecret/kwallet on Linux). */
import { safeStorage } from 'electron';
import { FileSecretStore } from '../core/secret-store';

export type SafeStorageLike = Pick<typeof safeStorage, 'isEncryptionAvailable' | 'encryptString' | 'decryptString'> & {
  getSelectedStorageBackend?: () => string;
};

export function createSafeSecretStore(dataDir: string, storage: SafeStorageLike = safeStorage, platform: NodeJS.Platform = process.platform): FileSecretStore {
  if (!storage.isEncryptionAvailable()) {
    throw new Error('Шифрование средствами ОС недоступно: пароль и вебхук нельзя сохранить безопасно.');
  }
  // On Linux without a keyring Electron falls back to "basic_text": a key built into Chromium, i.e. no real
  // protection. The values are still encoded, but the UI must not claim OS encryption: say "a file only you can read".
  const weak = platform === 'linux' && storage.getSelectedStorageBackend?.() === 'basic_text';
  return new FileSecretStore(dataDir, {
    fileName: 'secrets.enc.json',
    kind: weak ? 'file' : 'safeStorage',
    encode: (plain) => storage.encryptString(plain).toString('base64'),
    decode: (stored) => storage.decryptString(Buffer.from(stored, 'base64')),
  });
}
