/**
 * Secrets (1С password, webhook URL, OAuth secret and refresh token). The app encrypts them with Electron
 * safeStorage (main/app/secrets.ts); headless mode and the CLI keep them in a file readable only by the current
 * user (mode 0600), and the UI says so. Secrets never reach settings.json, logs or API responses.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { SecretKey } from '../../shared/settings';
import { AppError } from './errors';

export interface SecretStore {
  readonly kind: 'safeStorage' | 'file';
  get(key: SecretKey): string | null;
  set(key: SecretKey, value: string | null): void;
}

export const SECRETS_FILE = 'secrets.json';

type SecretMap = Partial<Record<SecretKey, string>>;

/** Shared file logic: a JSON map written atomically with mode 0600; `encode`/`decode` let the app encrypt values. */
export class FileSecretStore implements SecretStore {
  readonly kind: 'safeStorage' | 'file';
  readonly file: string;
  private readonly encode: (plain: string) => string;
  private readonly decode: (stored: string) => string;

  constructor(dataDir: string, options?: { fileName?: string; kind?: 'safeStorage' | 'file'; encode?: (p: string) => string; decode?: (s: string) => string }) {
    this.file = path.join(dataDir, options?.fileName ?? SECRETS_FILE);
    this.kind = options?.kind ?? 'file';
    this.encode = options?.encode ?? ((p) => p);
    this.decode = options?.decode ?? ((s) => s);
  }

  private readAll(): SecretMap {
    if (!fs.existsSync(this.file)) return {};
    try {
      return JSON.parse(fs.readFileSync(this.file, 'utf8')) as SecretMap;
    } catch (cause) {
      throw new AppError('CONFIG', `Файл секретов ${this.file} повреждён. Удалите его и введите пароль и вебхук заново.`, { cause });
    }
  }

  get(key: SecretKey): string | null {
    const stored = this.readAll()[key];
    if (stored === undefined) return null;
    try {
      return this.decode(stored);
    } catch (cause) {
      throw new AppError('CONFIG', 'Не удалось расшифровать сохранённый секрет (возможно, профиль пользователя ОС сменился). Введите пароль и вебхук заново.', { cause });
    }
  }

  set(key: SecretKey, value: string | null): void {
    const all = this.readAll();
    if (value === null || value === '') delete all[key];
    else all[key] = this.encode(value);
    fs.mkdirSync(path.dirname(this.file), { recursive: true });
    const tmp = `${this.file}.tmp`;
    fs.writeFileSync(tmp, JSON.stringify(all, null, 2), { mode: 0o600 });
    fs.chmodSync(tmp, 0o600);
    fs.renameSync(tmp, this.file);
  }
}

export class MemorySecretStore implements SecretStore {
  readonly kind = 'file' as const;
  private readonly values = new Map<SecretKey, string>();
  get(key: SecretKey): string | null {
    return this.values.get(key) ?? null;
  }
  set(key: SecretKey, value: string | null): void {
    if (value === null || value === '') this.values.delete(key);
    else this.values.set(key, value);
  }
}
