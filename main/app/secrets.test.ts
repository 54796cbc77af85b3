import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';

vi.mock('electron', () => ({ safeStorage: {} }));
const { createSafeSecretStore } = await import('./secrets');

function fakeStorage(backend: string) {
  return {
    isEncryptionAvailable: () => true,
    getSelectedStorageBackend: () => backend,
    encryptString: (p: string) => Buffer.from([...Buffer.from(p)].map((b) => b ^ 0x5a)),
    decryptString: (b: Buffer) => Buffer.from([...b].map((x) => x ^ 0x5a)).toString(),
  } as unknown as Parameters<typeof createSafeSecretStore>[1];
}

describe('safeStorage secret store', () => {
  it('encrypts values, keeps the file private, and does not claim OS encryption on a Linux "basic_text" fallback', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'safe-'));
    const strong = createSafeSecretStore(dir, fakeStorage('gnome_libsecret'), 'linux');
    strong.set('onec.password', 'пароль-1С');
    expect(strong.kind).toBe('safeStorage');
    expect(strong.get('onec.password')).toBe('пароль-1С');
    expect(fs.readFileSync(strong.file, 'utf8')).not.toContain('пароль-1С');
    expect(fs.statSync(strong.file).mode & 0o777).toBe(0o600);
    expect(createSafeSecretStore(dir, fakeStorage('basic_text'), 'linux').kind).toBe('file');
    expect(createSafeSecretStore(dir, fakeStorage('unknown'), 'win32').kind).toBe('safeStorage');
    const none = { ...fakeStorage('kwallet'), isEncryptionAvailable: () => false } as Parameters<typeof createSafeSecretStore>[1];
    expect(() => createSafeSecretStore(dir, none, 'linux')).toThrow(/Шифрование средствами ОС недоступно/);
  });
});
