/** Secrets encrypted with Electron safeStorage (DPAPI on Windows, Keychain on macOS, libsecret on Linux). */
import { safeStorage } from 'electron';
import { FileSecretStore } from '../core/secret-store';

export function createSafeSecretStore(dataDir: string): FileSecretStore {
  if (!safeStorage.isEncryptionAvailable()) {
    throw new Error('Шифрование средствами ОС недоступно: пароль и вебхук нельзя сохранить безопасно.');
  }
  return new FileSecretStore(dataDir, {
    fileName: 'secrets.enc.json',
    kind: 'safeStorage',
    encode: (plain) => safeStorage.encryptString(plain).toString('base64'),
    decode: (stored) => safeStorage.decryptString(Buffer.from(stored, 'base64')),
  });
}
